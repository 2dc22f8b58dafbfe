/**
 * `npm run export` (and, in import-command.ts, `npm run import`) without the process (see docs/backups.md): the command
 * line is read and run here, and what a command prints, writes and works on comes from a BackupIo.
 * scripts/export.ts and scripts/import.ts give them the process's streams and open the database
 * (scripts/lib/backup-process.ts); the tests call runExport and runImport in their own process
 * (tests/integration/backup-commands.test.ts), on databases that are already migrated.
 */
import { once } from 'node:events';
import { createWriteStream, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PrismaClient } from '@/lib/db/client';
import { isAppError } from '@/lib/domain/errors';
import { createProgress, type ProgressStream } from '../../runtime/progress';
import { projectRoot, StartupError } from '../../runtime/database';
import { assertNoUnknownOptions, parseCommandLine, UsageError, type OptionSpecs } from './command-line';
import type { CommandIo } from './wiki-commands';

/** The database a backup command works on. */
export interface BackupDatabase {
  db: PrismaClient;
  /** Its name as an export's `<dbname>` gives it: the database's name, or "embedded". */
  name: string;
}

/** What `npm run wiki`'s commands get (lines on stdout and stderr), plus the streams themselves. */
export interface BackupIo extends Pick<CommandIo, 'out' | 'err'> {
  /** Standard output: `--output=-` writes the export there. */
  stdout: Writable;
  /** Standard error: the progress bar on a terminal, plain progress lines otherwise. */
  stderr: ProgressStream;
  /** Runs the command with the database open and migrated, and closes it afterwards. */
  withDatabase(run: (database: BackupDatabase) => Promise<void>): Promise<void>;
}

const EXPORT_USAGE = 'Usage: npm run export -- [--output=<file.xml>|--output=-] [--full|--public]';
const EXPORT_OPTIONS = { output: { type: 'string' }, full: { type: 'boolean' }, public: { type: 'boolean' } } satisfies OptionSpecs;

/** The reader of `--output=-` went away (`| head`): the export stops with a line, not a stack trace. */
class OutputClosed extends Error {}

/**
 * Runs a backup command and gives its exit code: 0 when done; 2 for a mistake in the command
 * line (arguments are checked before the database is opened), its message on io.err; 1 when
 * refused (a bad file, pages that exist, an unreachable database, standard output closed by its
 * reader), its message and no stack trace. Any other error is a bug and is thrown, stack and all.
 */
export async function exitCode(io: BackupIo, command: () => Promise<void>): Promise<number> {
  try {
    await command();
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (!(error instanceof StartupError || error instanceof OutputClosed || isAppError(error))) throw error;
    io.err(error.message);
    return 1;
  }
}

/** npm runs scripts in the project folder; a relative path means the folder the operator was in. */
export function resolvePath(file: string): string {
  return path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
}

/**
 * `npm run export -- [--output=file.xml|-] [--public]`: every page with its full history as
 * MediaWiki XML. Default: a full backup (deleted pages, archived revisions and hidden parts
 * included, marked) in wiki-export-<date>.xml; `--output=-` writes to io.stdout.
 */
export function runExport(argv: string[], io: BackupIo): Promise<number> {
  return exitCode(io, async () => {
    const line = parseCommandLine(argv, EXPORT_OPTIONS, EXPORT_USAGE);
    assertNoUnknownOptions(line, EXPORT_USAGE);
    if (line.positionals.length > 0) throw new UsageError(EXPORT_USAGE);
    if (line.flag('full') && line.flag('public')) throw new UsageError(`Choose --full or --public, not both.\n${EXPORT_USAGE}`);
    await io.withDatabase(async (database) => {
      const output = line.value('output') ?? `wiki-export-${new Date().toISOString().slice(0, 10)}.xml`;
      await exportTo(database, output === '-' ? output : resolvePath(output), !line.flag('public'), io);
    });
  });
}

/** Writes a chunk, waiting when the stream's buffer is full; fails when the stream has failed. */
async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (!stream.write(chunk)) await once(stream, 'drain');
}

async function exportTo({ db, name }: BackupDatabase, target: string, full: boolean, io: BackupIo): Promise<void> {
  const { exportWiki } = await import('@/lib/server/backup/export');
  // A file is written under a temporary name and renamed when complete: no half backups.
  const partial = target === '-' ? null : `${target}.partial`;
  const stream = partial ? createWriteStream(partial) : io.stdout;
  // A file that cannot be written (a missing folder), or a reader that closed standard output, fails
  // the export through writeTo or finished; the listener keeps the error from being thrown as well.
  stream.on('error', () => undefined);
  const version = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  const progress = createProgress('Exporting pages', { every: 100 }, io.stderr);
  try {
    const summary = await exportWiki(db, (chunk) => writeTo(stream, chunk), {
      full,
      generator: `Telefono Azzurro Fans Wiki ${version}`,
      publicUrl: process.env.NEXTAUTH_URL ?? null,
      dbName: name,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    if (partial) {
      stream.end();
      await finished(stream);
      renameSync(partial, target);
    }
    const files = summary.fileVersions > 0 ? `, ${summary.fileVersions} file version(s)` : '';
    const what = full ? 'full backup, deleted and hidden material included' : 'public pages only';
    io.err(`Exported ${summary.pages} page(s), ${summary.revisions} revision(s)${files} (${what})${partial ? ` to ${target}` : ''}.`);
  } catch (error) {
    progress.stop();
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    if (!partial && (error as NodeJS.ErrnoException).code === 'EPIPE') {
      throw new OutputClosed('Export stopped: standard output was closed before the export was complete.');
    }
    throw error;
  }
}
