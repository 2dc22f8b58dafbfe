/**
 * `npm run export` and `npm run import` without the process (see docs/backups.md): the command
 * line is read and run here, and what a command prints, writes and works on comes from a BackupIo.
 * scripts/export.ts and scripts/import.ts give them the process's streams and open the database
 * (scripts/lib/backup-process.ts); the tests call runExport and runImport in their own process
 * (tests/integration/backup-commands.test.ts), on databases that are already migrated.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { PrismaClient } from '@/lib/db/client';
import { isAppError } from '@/lib/domain/errors';
import { createProgress, formatBytes, type Progress, type ProgressStream } from '../../runtime/progress';
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
const IMPORT_USAGE = 'Usage: npm run import -- <file.xml> [--overwrite]';
const IMPORT_OPTIONS = { overwrite: { type: 'boolean' } } satisfies OptionSpecs;

/** The reader of `--output=-` went away (`| head`): the export stops with a line, not a stack trace. */
class OutputClosed extends Error {}

/**
 * Runs a backup command and gives its exit code: 0 when done; 2 for a mistake in the command
 * line (arguments are checked before the database is opened), its message on io.err; 1 when
 * refused (a bad file, pages that exist, an unreachable database, standard output closed by its
 * reader), its message and no stack trace. Any other error is a bug and is thrown, stack and all.
 */
async function exitCode(io: BackupIo, command: () => Promise<void>): Promise<number> {
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
function resolvePath(file: string): string {
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

/**
 * `npm run import -- <file.xml> [--overwrite]`: loads a MediaWiki XML export made by
 * `npm run export`. Refuses when a page in the file already exists, unless --overwrite; checks
 * the whole file before writing and writes it in one transaction.
 */
export function runImport(argv: string[], io: BackupIo): Promise<number> {
  return exitCode(io, async () => {
    const line = parseCommandLine(argv, IMPORT_OPTIONS, IMPORT_USAGE);
    assertNoUnknownOptions(line, IMPORT_USAGE);
    if (line.positionals.length !== 1) throw new UsageError(IMPORT_USAGE);
    const file = resolvePath(line.positionals[0]!);
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new UsageError(`Cannot read ${file}: no such file.\n${IMPORT_USAGE}`);
    }
    await io.withDatabase(({ db }) => importFrom(db, file, size, line.flag('overwrite'), io));
  });
}

/** The file's text, chunk by chunk; `onBytes` gets the bytes read so far (for the progress bar). */
async function* readText(file: string, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    onBytes(bytes);
    yield decoder.write(chunk);
  }
  yield decoder.end();
}

async function importFrom(db: PrismaClient, file: string, size: number, overwrite: boolean, io: BackupIo): Promise<void> {
  const { importWiki } = await import('@/lib/server/backup/import');
  let progress: Progress | null = null;
  const every = Math.max(1, Math.ceil(size / 10));
  try {
    const summary = await importWiki(db, () => readText(file, (bytes) => progress?.update(bytes, size)), {
      overwrite,
      onPhase(phase) {
        progress?.stop();
        progress = createProgress(phase === 'check' ? 'Checking the file' : 'Importing', { every, format: formatBytes }, io.stderr);
      },
    });
    (progress as Progress | null)?.stop();
    const ids = summary.revisionsRenumbered === 0 ? 'revision ids kept' : `${summary.revisionsRenumbered} revision(s) got new ids (theirs were taken)`;
    const files = summary.fileVersions > 0 ? `, ${summary.fileVersions} file version(s) (${summary.distinctFiles} distinct file(s))` : '';
    const replaced = summary.pagesReplaced > 0 ? `, ${summary.pagesReplaced} existing page(s) replaced` : '';
    io.out(
      `Imported ${summary.pages} page(s), ${summary.revisions} revision(s)${files}${summary.siteName ? ` of ${summary.siteName}` : ''}; ` +
        `${summary.usersCreated} user(s) created without password (set one with \`npm run wiki -- user:set-password\`)${replaced}; ${ids}.`,
    );
  } catch (error) {
    (progress as Progress | null)?.stop();
    throw error;
  }
}
