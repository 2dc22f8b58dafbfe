/**
 * `npm run import -- <file.xml> [--overwrite]`: loads a MediaWiki XML export made by
 * `npm run export` (see docs/backups.md). Refuses when a page in the file already exists,
 * unless --overwrite; checks the whole file before writing and writes it in one transaction.
 */
import '../runtime/env';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { getDb } from '@/lib/server/db';
import { importWiki } from '@/lib/server/backup/import';
import { runWithDatabase } from './lib/with-database';
import { assertNoUnknownOptions, parseCommandLine, UsageError } from './lib/command-line';
import { createProgress, formatBytes, type Progress } from '../runtime/progress';

const USAGE = 'Usage: npm run import -- <file.xml> [--overwrite]';
const OPTIONS = { overwrite: { type: 'boolean' } } as const;

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

let file = '';
let size = 0;
let overwrite = false;
function checkArguments(): void {
  const line = parseCommandLine(process.argv.slice(2), OPTIONS, USAGE);
  assertNoUnknownOptions(line, USAGE);
  const files = line.positionals;
  if (files.length !== 1) throw new UsageError(USAGE);
  overwrite = line.flag('overwrite');
  file = path.resolve(process.env.INIT_CWD ?? process.cwd(), files[0]!);
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file.\n${USAGE}`);
  }
}

await runWithDatabase(checkArguments, async () => {
  let progress: Progress | null = null;
  const every = Math.max(1, Math.ceil(size / 10));
  try {
    const summary = await importWiki(getDb(), () => readText(file, (bytes) => progress?.update(bytes, size)), {
      overwrite,
      onPhase(phase) {
        progress?.stop();
        progress = createProgress(phase === 'check' ? 'Checking the file' : 'Importing', { every, format: formatBytes });
      },
    });
    (progress as Progress | null)?.stop();
    const ids = summary.revisionsRenumbered === 0 ? 'revision ids kept' : `${summary.revisionsRenumbered} revision(s) got new ids (theirs were taken)`;
    const files = summary.fileVersions > 0 ? `, ${summary.fileVersions} file version(s) (${summary.distinctFiles} distinct file(s))` : '';
    const replaced = summary.pagesReplaced > 0 ? `, ${summary.pagesReplaced} existing page(s) replaced` : '';
    console.log(
      `Imported ${summary.pages} page(s), ${summary.revisions} revision(s)${files}${summary.siteName ? ` of ${summary.siteName}` : ''}; ` +
        `${summary.usersCreated} user(s) created without password (set one with \`npm run wiki -- user:set-password\`)${replaced}; ${ids}.`,
    );
  } catch (error) {
    (progress as Progress | null)?.stop();
    throw error;
  }
});
