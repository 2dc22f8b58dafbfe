/**
 * `npm run import -- <file.xml> [--overwrite]`: loads a MediaWiki XML export made by
 * `npm run export` (see docs/backups.md). Refuses when a page in the file already exists,
 * unless --overwrite; checks the whole file before writing and writes it in one transaction.
 * The command lives in scripts/lib/backup-commands.ts (runImport); this entry gives it the
 * process's streams and the database.
 */
import '../runtime/env';
import { runImport } from './lib/backup-commands';
import { runAsProcess } from './lib/backup-process';

runAsProcess(runImport);
