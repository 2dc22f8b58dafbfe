import '../support/database';
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { getDb } from '@/lib/server/db';
import { seedWiki } from '@/lib/server/seed';
import type { PrismaClient } from '@/lib/db/client';
import { runExport } from '../../scripts/lib/backup-commands';
import { runImport } from '../../scripts/lib/import-command';
import { projectRoot } from '../../runtime/database';
import { useRestoreTarget } from '../support/second-database';

/**
 * `npm run export` and `npm run import`, run in this process: from this file's database (already
 * migrated) into a second one. tests/e2e/backup-cli.test.ts spawns the real scripts for what only
 * a process shows (exit codes, progress lines on a stderr that is not a terminal).
 */
type Command = typeof runExport;

/** Runs a command on `db` (this file's database unless given); stdout and stderr as the process would print them. */
async function run(command: Command, args: string[], db: PrismaClient = getDb()): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const code = await command(args, {
    out: (line) => (stdout += `${line}\n`),
    err: (line) => (stderr += `${line}\n`),
    stdout: stream((text) => (stdout += text)),
    stderr: stream((text) => (stderr += text)),
    withDatabase: (task) => task({ db, name: 'test' }),
  });
  return { code, stdout, stderr };
}

function revisions(db: PrismaClient): Promise<unknown[]> {
  return db.$queryRaw`SELECT r.id, r.sha1, r.created_at, u.name FROM revisions r JOIN users u ON u.id = r.author_id ORDER BY r.id`;
}

const restore = useRestoreTarget('wiki-backup-commands-');

describe('npm run export / npm run import, in process', () => {
  it('exports a wiki to a file and restores it into another database, with progress on stderr', async () => {
    await seedWiki(path.join(projectRoot, 'content'));
    // The seed's pages (Main Page, ECPAT, the starter templates), one revision each.
    const seeded = (await revisions(getDb())).length;
    expect(seeded).toBeGreaterThan(2);
    const file = path.join(restore.dir, 'backup.xml');

    const exported = await run(runExport, [`--output=${file}`]);
    expect(exported.code, exported.stderr).toBe(0);
    // The test's stderr is not a terminal: plain progress lines instead of a bar.
    expect(exported.stderr).toBe(
      `Exporting pages: ${seeded}/${seeded}\nExported ${seeded} page(s), ${seeded} revision(s) (full backup, deleted and hidden material included) to ${file}.\n`,
    );
    expect(exported.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toMatch(/^<mediawiki xmlns="http:\/\/www\.mediawiki\.org\/xml\/export-0\.11\/"[\s\S]*<\/mediawiki>\n$/);

    const toStdout = await run(runExport, ['--output=-', '--public']);
    expect(toStdout.code).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(file, 'utf8'));
    expect(toStdout.stderr).toContain(`Exported ${seeded} page(s), ${seeded} revision(s) (public pages only).\n`);

    const imported = await run(runImport, [file], restore.db);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/^Checking the file: [\d.]+ KiB\/[\d.]+ KiB\nImporting revisions: (\d+)\/\1 \| (\d+)\/\2 pages \| ETA 0s\n$/);
    expect(imported.stdout).toMatch(
      new RegExp(
        `^Imported ${seeded} page\\(s\\), ${seeded} revision\\(s\\) of .*1 user\\(s\\) created without password.*revision ids kept; written in [\\d.]+ s[^\\n]*\\.\nReport: everything converted exactly, 2 file\\(s\\) used but missing; see ${restore.dir}/backup\\.import-report\\.md\n$`,
      ),
    );
    expect(await revisions(restore.db)).toEqual(await revisions(getDb()));

    const refused = await run(runImport, [file], restore.db);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`${seeded} page\\(s\\) in the file already exist in this wiki: "Main Page", "ECPAT",.*Nothing was imported\\..*--overwrite`));
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(await revisions(restore.db)).toEqual(await revisions(getDb()));

    const overwritten = await run(runImport, [file, '--overwrite'], restore.db);
    expect(overwritten.code, overwritten.stderr).toBe(0);
    expect(overwritten.stdout).toContain(`, ${seeded} existing page(s) replaced;`);
  });

  it('refuses bad input with a clear message: exit code 1 for a bad file, 2 for a mistake in the command line', async () => {
    const notXml = path.join(restore.dir, 'notes.txt');
    writeFileSync(notXml, 'just some notes');
    const broken = await run(runImport, [notXml], restore.db);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('The file is not well-formed XML (line 1)');
    expect(broken.stderr).not.toMatch(/^\s+at /m);

    const missing = await run(runImport, [path.join(restore.dir, 'nope.xml')], restore.db);
    expect(missing).toEqual({
      code: 2,
      stdout: '',
      stderr: `Cannot read ${path.join(restore.dir, 'nope.xml')}: no such file.\nUsage: npm run import -- <file.xml|file.xml.gz> [--overwrite] [--dry-run] [--report=<file.md>]\n`,
    });
    expect((await run(runImport, [], restore.db)).code).toBe(2);

    const typo = await run(runExport, ['--ful'], restore.db);
    expect(typo).toEqual({ code: 2, stdout: '', stderr: 'Unknown option --ful.\nUsage: npm run export -- [--output=<file.xml>|--output=-] [--full|--public]\n' });
    const both = await run(runExport, ['--full', '--public'], restore.db);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^Choose --full or --public, not both\.\n/);
  });

  it('stops with one line, not a stack trace, when the reader of standard output goes away (| head)', async () => {
    let written = '';
    let stderr = '';
    const closedAfterFirstChunk = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (written) return done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
        written = chunk.toString();
        done();
      },
    });
    const code = await runExport(['--output=-'], {
      out: () => undefined,
      err: (line) => (stderr += `${line}\n`),
      stdout: closedAfterFirstChunk,
      stderr: new Writable({ write: (_chunk, _encoding, done) => done() }),
      withDatabase: (task) => task({ db: getDb(), name: 'test' }),
    });
    expect(written).toMatch(/^<mediawiki /);
    expect({ code, stderr }).toEqual({ code: 1, stderr: 'Export stopped: standard output was closed before the export was complete.\n' });
  });

  it("fails with the output file's own error when it cannot be written (a missing folder), instead of an unhandled stream error", async () => {
    const unwritable = path.join(restore.dir, 'no such folder', 'backup.xml');
    await expect(run(runExport, [`--output=${unwritable}`])).rejects.toThrow(/ENOENT: no such file or directory, open '.*backup\.xml\.partial'/);
  });
});
