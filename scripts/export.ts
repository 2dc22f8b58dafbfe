/**
 * `npm run export -- [--output=file.xml|-] [--public]`: writes every page with its full history as
 * MediaWiki XML (see docs/backups.md). Default: a full backup (deleted pages, archived revisions
 * and hidden parts included, marked) in wiki-export-<date>.xml. `--output=-` writes to stdout
 * (use `npm run -s export -- --output=-` so npm's banner stays out of the file).
 * The command lives in scripts/lib/backup-commands.ts (runExport); this entry gives it the
 * process's streams and the database.
 */
import '../runtime/env';
import { runExport } from './lib/backup-commands';
import { runAsProcess } from './lib/backup-process';

runAsProcess(runExport);
