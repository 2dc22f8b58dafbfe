/**
 * `npm run export -- [--output=file.xml|-] [--public]`: writes every page with its full history as
 * MediaWiki XML (see docs/backups.md). Default: a full backup (deleted pages, archived revisions
 * and hidden parts included, marked) in wiki-export-<date>.xml. `--output=-` writes to stdout
 * (use `npm run -s export -- --output=-` so npm's banner stays out of the file).
 */
import '../runtime/env';
import { once } from 'node:events';
import { createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { getDb } from '@/lib/server/db';
import { exportWiki } from '@/lib/server/backup/export';
import { runWithDatabase } from './lib/with-database';
import { assertNoUnknownOptions, parseCommandLine, UsageError, type CommandLine } from './lib/command-line';
import { createProgress } from '../runtime/progress';
import { projectRoot } from '../runtime/database';

const USAGE = 'Usage: npm run export -- [--output=<file.xml>|--output=-] [--full|--public]';
const OPTIONS = { output: { type: 'string' }, full: { type: 'boolean' }, public: { type: 'boolean' } } as const;
let line: CommandLine;

function outputPath(): string {
  const output = line.value('output') ?? `wiki-export-${new Date().toISOString().slice(0, 10)}.xml`;
  // npm runs scripts in the project folder; a relative path means the folder the operator was in.
  return output === '-' ? output : path.resolve(process.env.INIT_CWD ?? process.cwd(), output);
}

function databaseName(url: string, embedded: boolean): string {
  if (embedded) return 'embedded';
  return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
}

async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function checkArguments(): void {
  line = parseCommandLine(process.argv.slice(2), OPTIONS, USAGE);
  assertNoUnknownOptions(line, USAGE);
  if (line.positionals.length > 0) throw new UsageError(USAGE);
  if (line.flag('full') && line.flag('public')) throw new UsageError(`Choose --full or --public, not both.\n${USAGE}`);
}

await runWithDatabase(checkArguments, async (database) => {
  const full = !line.flag('public');
  const target = outputPath();
  // A file is written under a temporary name and renamed when complete: no half backups.
  const partial = target === '-' ? null : `${target}.partial`;
  const stream = partial ? createWriteStream(partial) : process.stdout;
  const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const progress = createProgress('Exporting pages', { every: 100 });
  try {
    const summary = await exportWiki(getDb(), (chunk) => writeTo(stream, chunk), {
      full,
      generator: `Telefono Azzurro Fans Wiki ${version}`,
      publicUrl: process.env.NEXTAUTH_URL ?? null,
      dbName: databaseName(database.url, database.embedded),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    if (partial) {
      stream.end();
      await once(stream, 'finish');
      renameSync(partial, target);
    }
    const files = summary.fileVersions > 0 ? `, ${summary.fileVersions} file version(s)` : '';
    const what = full ? 'full backup, deleted and hidden material included' : 'public pages only';
    process.stderr.write(`Exported ${summary.pages} page(s), ${summary.revisions} revision(s)${files} (${what})${partial ? ` to ${target}` : ''}.\n`);
  } catch (error) {
    progress.stop();
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    throw error;
  }
});
