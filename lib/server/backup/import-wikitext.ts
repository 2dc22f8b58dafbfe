import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { ImportReportBuilder, type ImportReport } from '@/lib/domain/import-report';
import { renderMarkdown } from '@/lib/domain/markdown';
import { NS } from '@/lib/domain/titles';
import type { Transaction } from '@/lib/server/transaction';
import { dumpEvents, type DumpSource, type ImportPlan } from '@/lib/server/backup/import-plan';
import { convertAhead } from '@/lib/server/backup/convert-ahead';

export type { ConvertedRevision } from '@/lib/server/backup/convert-ahead';

/** Files the pages use that the wiki does not have (after an import), with the pages using them. */
export async function missingFiles(
  db: PrismaClient | Transaction,
  builder: ImportReportBuilder,
  alsoPresent: ReadonlySet<string> = new Set(),
): Promise<ImportReport['missingFiles']> {
  const used = builder.usedFiles();
  const keys = [...used.keys()];
  if (keys.length === 0) return [];
  const rows = await db.$queryRaw<{ title: string }[]>`
    SELECT p.title FROM pages p JOIN files f ON f.page_id = p.id
    WHERE p.namespace = ${NS.FILE} AND p.title = ANY(${keys}::text[]) AND f.latest_version_id IS NOT NULL AND p.deleted_at IS NULL`;
  const present = new Set([...rows.map((row) => row.title), ...alsoPresent]);
  return keys
    .filter((key) => !present.has(key))
    .sort()
    .map((file) => ({ file, usedOn: [...used.get(file)!].sort() }));
}

/**
 * `--dry-run`: reads the file as the import would and converts every revision, writing nothing.
 * Templates are not expanded (that needs the written pages), so files used only through a
 * template are not seen here; the real import's report sees them.
 */
export async function dryRunReport(db: PrismaClient, plan: ImportPlan, source: DumpSource, sourceName: string, existing: string[]): Promise<ImportReport> {
  const titles = new Map(plan.pages.map((page) => [page.fileId, page.title]));
  const builder = new ImportReportBuilder();
  const uploaded = new Set<string>();
  let latest: string | null = null;
  let current: ReturnType<typeof titles.get> = undefined;
  let revisions = 0;
  // Pages not in the plan are not converted (their revisions are left out of the events).
  for await (const event of convertAhead(dumpEvents(source), { titleOf: (page) => titles.get(page.id)?.prefixedText ?? null })) {
    if (event.type === 'page') {
      current = titles.get(event.page.id);
      if (current) builder.startPage(current.prefixedText);
      latest = null;
    } else if (!current) {
      continue;
    } else if (event.type === 'revision') {
      const { converted } = event;
      builder.addRevision(converted.issues, !event.revision.archived);
      if (!event.revision.archived) latest = converted.text;
      revisions += 1;
    } else if (event.type === 'upload') {
      if (!event.upload.archived) uploaded.add(current.dbKey);
    } else if (event.type === 'pageEnd') {
      if (latest !== null && event.page.deletedAt === null) builder.addFileUses(renderMarkdown(latest).files);
      builder.endPage();
      current = undefined;
    }
  }
  return {
    source: sourceName,
    siteName: plan.siteName,
    dryRun: true,
    pages: plan.pages.length,
    revisions,
    wikitextRevisions: plan.wikitextRevisions,
    pagesWithIssues: builder.pageReports(),
    skipped: plan.skipped,
    missingFiles: await missingFiles(db, builder, uploaded),
    existing,
  };
}
