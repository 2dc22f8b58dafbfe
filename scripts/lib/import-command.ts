/**
 * `npm run import -- <file.xml[.gz]> [--overwrite] [--dry-run] [--report=<file>]` without the
 * process (see docs/backups.md and docs/wikitext-import.md): scripts/import.ts gives it the
 * process's streams and the database; the tests call runImport in their own process.
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import type { PrismaClient } from '@/lib/db/client';
import { formatImportReport, type ImportReport } from '@/lib/domain/import-report';
import { createProgress, formatBytes, type Progress } from '../../runtime/progress';
import { exitCode, resolvePath, type BackupIo } from './backup-commands';
import { assertNoUnknownOptions, parseCommandLine, UsageError, type OptionSpecs } from './command-line';

const IMPORT_USAGE = 'Usage: npm run import -- <file.xml|file.xml.gz> [--overwrite] [--dry-run] [--report=<file.md>]';
const IMPORT_OPTIONS = { overwrite: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, report: { type: 'string' } } satisfies OptionSpecs;

interface ImportRequest {
  file: string;
  size: number;
  overwrite: boolean;
  dryRun: boolean;
  reportFile: string;
}

/**
 * Loads a MediaWiki XML export: this wiki's own (markdown) or a MediaWiki/Fandom dump (wikitext,
 * converted). Refuses when a page in the file already exists, unless --overwrite; checks the
 * whole file before writing and writes it in one transaction. Writes a report of what was not
 * converted exactly (--report; by default <name>.import-report.md beside the file); --dry-run writes only the report.
 */
export function runImport(argv: string[], io: BackupIo): Promise<number> {
  return exitCode(io, async () => {
    const line = parseCommandLine(argv, IMPORT_OPTIONS, IMPORT_USAGE);
    assertNoUnknownOptions(line, IMPORT_USAGE);
    if (line.positionals.length !== 1) throw new UsageError(IMPORT_USAGE);
    const file = resolvePath(line.positionals[0]!);
    if (/\.(7z|bz2|zst|xz)$/i.test(file)) {
      throw new UsageError(
        `${path.basename(file)} is compressed in a format Node.js cannot read. Unpack it first (7z x, bunzip2, unzstd, unxz), then import the .xml file.\n${IMPORT_USAGE}`,
      );
    }
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      throw new UsageError(`Cannot read ${file}: no such file.\n${IMPORT_USAGE}`);
    }
    const report = line.value('report');
    const request: ImportRequest = {
      file,
      size,
      overwrite: line.flag('overwrite'),
      dryRun: line.flag('dry-run'),
      reportFile: report ? resolvePath(report) : `${file.replace(/\.xml(\.gz)?$/i, '')}.import-report.md`,
    };
    await io.withDatabase(({ db }) => importFrom(db, request, io));
  });
}

/** The file's text, chunk by chunk (gunzipped when it is gzip); `onBytes` gets the bytes read so far. */
async function* readText(file: string, onBytes: (bytes: number) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let bytes = 0;
  const raw = createReadStream(file);
  raw.on('data', (chunk) => {
    bytes += chunk.length;
    onBytes(bytes);
  });
  const stream: AsyncIterable<Buffer> = /\.gz$/i.test(file) ? raw.pipe(createGunzip()) : raw;
  for await (const chunk of stream) yield decoder.write(chunk);
  yield decoder.end();
}

async function importFrom(db: PrismaClient, request: ImportRequest, io: BackupIo): Promise<void> {
  const { importWiki } = await import('@/lib/server/backup/import');
  let progress: Progress | null = null;
  let revisionsTotal = 0;
  let pagesTotal = 0;
  let writeStarted = 0;
  const every = Math.max(1, Math.ceil(request.size / 10));
  try {
    const summary = await importWiki(db, () => readText(request.file, (bytes) => (revisionsTotal === 0 ? progress?.update(bytes, request.size) : undefined)), {
      overwrite: request.overwrite,
      dryRun: request.dryRun,
      sourceName: path.basename(request.file),
      onPhase(phase, totals) {
        progress?.stop();
        if (phase === 'check') {
          progress = createProgress('Checking the file', { every, format: formatBytes }, io.stderr);
          return;
        }
        writeStarted = performance.now();
        revisionsTotal = Math.max(1, totals.revisions);
        pagesTotal = totals.pages;
        progress = createProgress(
          request.dryRun ? 'Converting (dry run) revisions' : 'Importing revisions',
          { every: Math.max(100, Math.ceil(revisionsTotal / 10)), eta: true },
          io.stderr,
        );
      },
      onProgress(done) {
        progress?.update(done.revisions, revisionsTotal, `${done.pages}/${pagesTotal} pages`);
      },
    });
    (progress as Progress | null)?.stop();
    writeFileSync(request.reportFile, formatImportReport(summary.report));
    io.out(request.dryRun ? dryRunLine(summary.report) : importedLine(summary, performance.now() - writeStarted));
    io.out(reportLine(summary.report, request.reportFile));
  } catch (error) {
    (progress as Progress | null)?.stop();
    throw error;
  }
}

type Summary = Awaited<ReturnType<typeof import('@/lib/server/backup/import').importWiki>>;

function importedLine(summary: Summary, writeMs: number): string {
  const perMinute = summary.revisions > 0 && writeMs > 0 ? `, ${Math.round((summary.revisions / writeMs) * 60_000).toLocaleString('en')} revisions a minute` : '';
  const ids = summary.revisionsRenumbered === 0 ? 'revision ids kept' : `${summary.revisionsRenumbered} revision(s) got new ids (theirs were taken)`;
  const files = summary.fileVersions > 0 ? `, ${summary.fileVersions} file version(s) (${summary.distinctFiles} distinct file(s))` : '';
  const replaced = summary.pagesReplaced > 0 ? `, ${summary.pagesReplaced} existing page(s) replaced` : '';
  const converted = summary.report.wikitextRevisions > 0 ? ` (${summary.report.wikitextRevisions} converted from wikitext)` : '';
  return (
    `Imported ${summary.pages} page(s), ${summary.revisions} revision(s)${converted}${files}${summary.siteName ? ` of ${summary.siteName}` : ''}; ` +
    `${summary.usersCreated} user(s) created without password (set one with \`npm run wiki -- user:set-password\`)${replaced}; ${ids}; ` +
    `written in ${(writeMs / 1000).toFixed(1)} s${perMinute}.` +
    (summary.report.mainPageRedirect ? ` Main Page redirects to ${summary.report.mainPageRedirect}, the dump's main page.` : '')
  );
}

function dryRunLine(report: ImportReport): string {
  const existing = report.existing.length > 0 ? ` ${report.existing.length} page(s) already exist here: the import would refuse them unless --overwrite.` : '';
  return `Dry run, nothing written: ${report.pages} page(s) and ${report.revisions} revision(s) would be imported (${report.wikitextRevisions} converted from wikitext).${existing}`;
}

function reportLine(report: ImportReport, reportFile: string): string {
  const issues = report.pagesWithIssues.length;
  const parts = [
    issues > 0 ? `${issues} page(s) with something not converted exactly` : 'everything converted exactly',
    report.skipped.length > 0 ? `${report.skipped.length} page(s) not imported` : '',
    report.missingFiles.length > 0 ? `${report.missingFiles.length} file(s) used but missing` : '',
  ].filter(Boolean);
  return `Report: ${parts.join(', ')}; see ${reportFile}`;
}
