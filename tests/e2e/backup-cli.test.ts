import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../support/throwaway-database';
import { runWikiCli, type CliResult } from '../support/wiki-cli';
import { projectRoot } from '../support/wiki-server';

/** Runs scripts/<script>.ts exactly as `npm run <script> -- …` does, on the given database. */
function runScript(script: 'export' | 'import', args: string[], databaseUrl: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', `scripts/${script}.ts`, ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function revisions(url: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query('SELECT r.id, r.sha1, r.created_at, u.name FROM revisions r JOIN users u ON u.id = r.author_id ORDER BY r.id');
    return result.rows;
  } finally {
    await client.end();
  }
}

let source: ThrowawayDatabase;
let target: ThrowawayDatabase;
let dir: string;
beforeAll(async () => {
  [source, target] = [await createThrowawayDatabase(), await createThrowawayDatabase()];
  dir = mkdtempSync(path.join(os.tmpdir(), 'wiki-backup-cli-'));
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run export / npm run import', () => {
  it('exports a wiki to a file and restores it into another database, with progress on stderr', async () => {
    expect((await runWikiCli(['seed'], { DATABASE_URL: source.url })).code).toBe(0);
    // The seed's pages (Main Page, ECPAT, the starter templates), one revision each.
    const seeded = (await revisions(source.url)).length;
    const file = path.join(dir, 'backup.xml');

    const exported = await runScript('export', [`--output=${file}`], source.url);
    expect(exported.code, exported.stderr).toBe(0);
    // stderr is not a terminal here: plain progress lines instead of a bar.
    expect(exported.stderr).toContain(`Exporting pages: ${seeded}/${seeded}`);
    expect(exported.stderr).toContain(`Exported ${seeded} page(s), ${seeded} revision(s) (full backup, deleted and hidden material included) to ${file}.`);
    expect(readFileSync(file, 'utf8')).toMatch(/^<mediawiki xmlns="http:\/\/www\.mediawiki\.org\/xml\/export-0\.11\/"[\s\S]*<\/mediawiki>\n$/);

    const toStdout = await runScript('export', ['--output=-', '--public'], source.url);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(file, 'utf8'));

    const imported = await runScript('import', [file], target.url);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/Checking the file: [\d.]+ KiB\/[\d.]+ KiB/);
    expect(imported.stderr).toMatch(/Importing: [\d.]+ KiB\/[\d.]+ KiB/);
    expect(imported.stdout).toMatch(new RegExp(`Imported ${seeded} page\\(s\\), ${seeded} revision\\(s\\) of .*1 user\\(s\\) created without password.*revision ids kept\\.`));
    expect(await revisions(target.url)).toEqual(await revisions(source.url));

    const refused = await runScript('import', [file], target.url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`${seeded} page\\(s\\) in the file already exist in this wiki: "Main Page", "ECPAT",.*Nothing was imported\\..*--overwrite`));
    expect(await revisions(target.url)).toEqual(await revisions(source.url));
    expect((await runScript('import', [file, '--overwrite'], target.url)).code).toBe(0);
  });

  it('refuses bad input with a clear message and a non-zero exit code', async () => {
    const notXml = path.join(dir, 'notes.txt');
    writeFileSync(notXml, 'just some notes');
    const broken = await runScript('import', [notXml], target.url);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('The file is not well-formed XML (line 1)');

    const missing = await runScript('import', [path.join(dir, 'nope.xml')], target.url);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');

    const typo = await runScript('export', ['--ful'], target.url);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown option --ful');
  });
});
