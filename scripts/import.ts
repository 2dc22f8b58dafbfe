/**
 * `npm run import -- <file.xml[.gz]> [--overwrite] [--dry-run] [--report=<file>]`: loads a
 * MediaWiki XML export, ours (docs/backups.md) or a MediaWiki/Fandom dump in wikitext
 * (docs/wikitext-import.md). Refuses when a page in the file already exists, unless --overwrite;
 * checks the whole file before writing and writes it in one transaction.
 * The command lives in scripts/lib/import-command.ts (runImport); this entry gives it the
 * process's streams and the database.
 */
import '../runtime/env';
import { runImport } from './lib/import-command';
import { runAsProcess } from './lib/backup-process';

runAsProcess(runImport);
