import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { spawnScript, type CliResult } from '../support/wiki-cli';
import { prepareEmbeddedDataDir } from '../support/wiki-server';

/**
 * The process boundary of `npm run export` / `npm run import`: exit codes, progress lines on a
 * stderr that is not a terminal, the database the process opens; three spawns. What the commands
 * do is checked in process (tests/integration/backup-commands.test.ts): a spawn costs several
 * CPU-seconds.
 */
function runScript(script: 'export' | 'import', args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return spawnScript(script, args, env);
}

async function revisionCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM revisions')).rows[0]!.n;
  } finally {
    await client.end();
  }
}

let target: ThrowawayDatabase;
let dir: string;
/** The embedded database of a wiki's first run (migrated, content/ imported), in this folder. */
let source: { WIKI_DATA_DIR: string; DATABASE_URL: undefined; DATABASE_POOL_SIZE: undefined };
beforeAll(async () => {
  target = await createThrowawayDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'wiki-backup-cli-'));
  source = { WIKI_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: undefined, DATABASE_POOL_SIZE: undefined };
  await prepareEmbeddedDataDir(source);
});
afterAll(async () => {
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run export / npm run import as processes', () => {
  it('exports the embedded database to a file and imports it into DATABASE_URL, printing plain progress lines on stderr', async () => {
    const file = path.join(dir, 'backup.xml');
    const exported = await runScript('export', [`--output=${file}`], source);
    expect(exported.code, exported.stderr).toBe(0);
    // stderr is not a terminal here: plain progress lines instead of a bar, then the summary.
    const [, pages] =
      /^Exporting pages: (\d+)\/\1\nExported \1 page\(s\), \1 revision\(s\) \(full backup, deleted and hidden material included\) to (.*)\.\n$/.exec(exported.stderr) ?? [];
    expect(pages, exported.stderr).toBeDefined();
    expect(exported.stderr).toContain(` to ${file}.`);
    expect(readFileSync(file, 'utf8')).toMatch(
      /^<mediawiki xmlns="http:\/\/www\.mediawiki\.org\/xml\/export-0\.11\/"[\s\S]*<dbname>embedded<\/dbname>[\s\S]*<\/mediawiki>\n$/,
    );

    const imported = await runScript('import', [file], { DATABASE_URL: target.url });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/^Checking the file: [\d.]+ KiB\/[\d.]+ KiB\nImporting revisions: (\d+)\/\1 \| (\d+)\/\2 pages \| ETA 0s\n$/);
    expect(imported.stdout).toMatch(
      new RegExp(
        `^Imported ${pages} page\\(s\\), ${pages} revision\\(s\\) .*revision ids kept; written in [\\d.]+ s[^\\n]*\\.\nReport: everything converted exactly, 2 file\\(s\\) used but missing; see .*\\.import-report\\.md\n$`,
      ),
    );
    expect(await revisionCount(target.url)).toBe(Number(pages));
  });

  it('exits with code 2 and the usage for an unknown option, before opening the database', async () => {
    const typo = await runScript('export', ['--ful'], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/nowhere' });
    expect(typo).toEqual({ code: 2, stdout: '', stderr: 'Unknown option --ful.\nUsage: npm run export -- [--output=<file.xml>|--output=-] [--full|--public]\n' });
  });
});
