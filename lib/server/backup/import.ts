import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { AppError } from '@/lib/domain/errors';
import { renderingRow } from '@/lib/server/render-revision';
import { renderPageText } from '@/lib/server/templates/render-page';
import { queueDependentsOf } from '@/lib/server/templates/queue';
import { sha1Hex, type DumpRevision } from '@/lib/domain/mediawiki-xml';
import { updateDerivedData } from '@/lib/server/derived';
import { clearPageCache, pageWriteTransaction } from '@/lib/server/page-cache';
import { fillMissingNameSkeletons, IMPORT_USER_NAME } from '@/lib/server/users';
import { redirectText } from '@/lib/domain/redirects';
import { MAIN_PAGE } from '@/lib/domain/page-cache';
import { checkAuthorNames, importUsers } from '@/lib/server/backup/import-users';
import { existingPages, removePages, reserveIds } from '@/lib/server/backup/import-room';
import { insertRevisionRow } from '@/lib/server/revision-rows';
import { RevisionWriter } from '@/lib/server/backup/import-revisions';
import type { Transaction } from '@/lib/server/transaction';
import { dumpEvents, planImport, type DumpSource, type ImportPlan, type PlannedPage } from '@/lib/server/backup/import-plan';
import { ImportReportBuilder, type ImportReport } from '@/lib/domain/import-report';
import { dryRunReport, missingFiles } from '@/lib/server/backup/import-wikitext';
import { convertAhead } from '@/lib/server/backup/convert-ahead';
import { insertFile, insertFileVersion, takenVersionIds } from '@/lib/server/backup/import-files';

export type { DumpSource } from '@/lib/server/backup/import-plan';

export interface ImportOptions {
  /** Replace pages that already exist (their old histories are removed) instead of refusing. */
  overwrite: boolean;
  /** Read and convert everything, write nothing: the summary's report says what an import would do. */
  dryRun?: boolean;
  /** The file's name, for the report. */
  sourceName?: string;
  /** Called when the import starts checking the file, and when it starts writing (or converting, in a dry run). */
  onPhase?: (phase: 'check' | 'write', totals: { pages: number; revisions: number }) => void;
  /** Pages and revisions written so far (during the write phase). */
  onProgress?: (done: { pages: number; revisions: number }) => void;
}

export interface ImportSummary {
  siteName: string | null;
  pages: number;
  revisions: number;
  usersCreated: number;
  /** Existing pages replaced (--overwrite). */
  pagesReplaced: number;
  /** Revisions whose id was taken in this database and that got a new one (permalinks change). */
  revisionsRenumbered: number;
  /** File versions (<upload>s) restored, and how many distinct files (SHA-1s) they hold. */
  fileVersions: number;
  distinctFiles: number;
  /** What was converted from wikitext and not exactly, pages not imported, files missing. */
  report: ImportReport;
}

const IMPORT_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * Loads a MediaWiki XML export. The file is read twice: first checked whole (nothing is written
 * if any page or revision is wrong), then written in ONE transaction, so an import is atomic.
 * Page, revision and user ids are kept where free (permalinks `?oldid=` survive a restore).
 */
export async function importWiki(db: PrismaClient, source: DumpSource, options: ImportOptions): Promise<ImportSummary> {
  options.onPhase?.('check', { pages: 0, revisions: 0 });
  const plan = await planImport(source);
  checkAuthorNames(plan);
  const existing = await existingPages(db, plan.pages);
  const totals = { pages: plan.pages.length, revisions: plan.revisionIds.length };
  const sourceName = options.sourceName ?? 'the file';
  if (options.dryRun) {
    options.onPhase?.('write', totals);
    const report = await dryRunReport(
      db,
      plan,
      source,
      sourceName,
      existing.map((page) => page.title.prefixedText),
    );
    const wouldReplace = options.overwrite ? existing.length : 0;
    return {
      siteName: plan.siteName,
      ...totals,
      usersCreated: 0,
      pagesReplaced: wouldReplace,
      revisionsRenumbered: 0,
      fileVersions: 0,
      distinctFiles: plan.files.checked.size,
      report,
    };
  }
  if (existing.length > 0 && !options.overwrite) {
    const names = existing
      .slice(0, 5)
      .map((page) => `"${page.title.prefixedText}"`)
      .join(', ');
    const more = existing.length > 5 ? ` and ${existing.length - 5} more` : '';
    throw new AppError(
      'VALIDATION',
      `${existing.length} page(s) in the file already exist in this wiki: ${names}${more}. Nothing was imported. ` +
        'Import into an empty wiki, or add --overwrite to replace those pages and their histories with the ones in the file.',
    );
  }
  options.onPhase?.('write', totals);
  await fillMissingNameSkeletons(db);
  return pageWriteTransaction(
    async (tx) => {
      // Anything may change, the site name too: every instance drops its whole page cache.
      await clearPageCache(tx);
      if (existing.length > 0)
        await removePages(
          tx,
          existing.map((page) => page.id),
        );
      await reserveIds(tx, plan);
      const userIds = await importUsers(tx, plan);
      const report = new ImportReportBuilder();
      const summary = await importPages(tx, { plan, source, userIds, report, onProgress: options.onProgress });
      const mainPageRedirect = plan.mainPage ? await redirectMainPage(tx, plan.mainPage, userIds.get(IMPORT_USER_NAME)) : null;
      await tx.$executeRaw`
        UPDATE users u SET edit_count = (SELECT count(*) FROM revisions r WHERE r.author_id = u.id)
        WHERE u.id = ANY(${[...userIds.values()]}::int[])`;
      const importReport: ImportReport = {
        source: sourceName,
        siteName: plan.siteName,
        dryRun: false,
        pages: summary.pages,
        revisions: summary.revisions,
        wikitextRevisions: plan.wikitextRevisions,
        pagesWithIssues: report.pageReports(),
        skipped: plan.skipped,
        missingFiles: await missingFiles(tx, report),
        existing: existing.map((page) => page.title.prefixedText),
        mainPageRedirect,
      };
      return {
        ...summary,
        siteName: plan.siteName,
        pagesReplaced: existing.length,
        usersCreated: userIds.created,
        distinctFiles: plan.files.checked.size,
        report: importReport,
      };
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
    db,
  );
}

interface PageState {
  id: number;
  title: PlannedPage['title'];
  deletedAt: Date | null;
  previousRevisionId: number | null;
  first: Date | null;
  last: Date | null;
  latest: { id: number; text: string } | null;
  /** The page's file versions so far, and the current one (the version without <archivename>). */
  fileVersions: number;
  currentVersionId: number | null;
}

interface PageWriting {
  plan: ImportPlan;
  source: DumpSource;
  userIds: Map<string, number>;
  report: ImportReportBuilder;
  onProgress?: ImportOptions['onProgress'];
}

async function importPages(tx: Transaction, { plan, source, userIds, report, onProgress }: PageWriting) {
  const takenPages = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM pages WHERE id = ANY(${plan.pages.map((p) => p.fileId)}::int[])`).map((r) => r.id));
  const takenRevisions = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM revisions WHERE id = ANY(${plan.revisionIds}::int[])`).map((r) => r.id));
  const takenVersions = await takenVersionIds(tx, plan.files);
  const titles = new Map(plan.pages.map((page) => [page.fileId, page.title]));
  const summary = { pages: 0, revisions: 0, revisionsRenumbered: 0, fileVersions: 0 };
  let page: PageState | null = null;
  const writer = new RevisionWriter(tx);
  // Converted in worker threads ahead of this loop; pages not in the plan are not converted (nor seen here).
  for await (const event of convertAhead(dumpEvents(source), { titleOf: (dumpPage) => titles.get(dumpPage.id)?.prefixedText ?? null })) {
    if (event.type === 'revision' && page) {
      const { revision } = event;
      const { converted } = event;
      report.addRevision(converted.issues, !revision.archived);
      const authorId = userIds.get(revision.author.name)!;
      let id = revision.id;
      if (!takenRevisions.has(id)) {
        await writer.add({ ...revisionRow(page, revision, authorId), ...converted, id, createdAt: revision.timestamp });
      } else {
        // Its id is taken here: the database gives it one, so it is written on its own.
        summary.revisionsRenumbered += 1;
        await writer.drain();
        id = (await insertRevisionRow(tx, { ...revisionRow(page, revision, authorId), ...converted, createdAt: revision.timestamp })).id;
      }
      page.previousRevisionId = id;
      page.first ??= revision.timestamp;
      page.last = revision.timestamp;
      if (!revision.archived) page.latest = { id, text: converted.text };
      summary.revisions += 1;
      if (summary.revisions % 100 === 0) onProgress?.({ pages: summary.pages, revisions: summary.revisions });
      continue;
    }
    await writer.drain();
    if (event.type === 'page') {
      const title = titles.get(event.page.id);
      // Not in the plan: a page the report lists as not imported (code, or a namespace we lack).
      if (!title) {
        page = null;
        continue;
      }
      report.startPage(title.prefixedText);
      const preferred = takenPages.has(event.page.id) ? null : event.page.id;
      const [row] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO pages (id, namespace, title)
        VALUES (COALESCE(${preferred}::int, nextval(pg_get_serial_sequence('pages', 'id'))), ${title.namespace}, ${title.dbKey})
        RETURNING id`;
      page = { id: row!.id, title, deletedAt: event.page.deletedAt, previousRevisionId: null, first: null, last: null, latest: null, fileVersions: 0, currentVersionId: null };
    } else if (event.type === 'upload' && page) {
      const { upload } = event;
      const id = await insertFileVersion(tx, {
        pageId: page.id,
        upload,
        bytes: event.bytes,
        preferredId: upload.id !== null && !takenVersions.has(upload.id) ? upload.id : null,
        uploaderId: userIds.get(upload.uploader.name)!,
        checked: plan.files.checked.get(upload.sha1)!,
      });
      page.fileVersions += 1;
      if (!upload.archived && upload.archiveName === null) page.currentVersionId = id;
      summary.fileVersions += 1;
    } else if (event.type === 'pageEnd' && page) {
      report.addFileUses(await finishPage(tx, page));
      report.endPage();
      summary.pages += 1;
      onProgress?.({ pages: summary.pages, revisions: summary.revisions });
      page = null;
    }
  }
  await writer.drain();
  return summary;
}

/** What every revision row of a page gets (lib/server/revision-rows.ts, the writer every save uses). */
function revisionRow(page: PageState, revision: DumpRevision, authorId: number) {
  return {
    pageId: page.id,
    parentId: page.previousRevisionId,
    authorId,
    summary: revision.summary,
    minor: revision.minor,
    archived: revision.archived,
    hidden: revision.hidden,
  };
}

/**
 * Points the page at its newest current revision and rebuilds what saves derive from it (links,
 * categories, redirect, search). Only that revision is rendered now; older ones are rendered on
 * first view (lib/server/render-revision.ts), with today's renderer.
 */
async function finishPage(tx: Transaction, page: PageState): Promise<string[]> {
  if (page.fileVersions > 0) await insertFile(tx, page.id, page.deletedAt === null ? page.currentVersionId : null);
  const live = page.deletedAt === null ? page.latest : null;
  await tx.$executeRaw`
    UPDATE pages SET latest_revision_id = ${live?.id ?? null}::int, length = ${live ? Buffer.byteLength(live.text, 'utf8') : 0},
      created_at = ${page.first}::timestamptz, touched_at = ${page.last}::timestamptz, deleted_at = ${page.deletedAt}::timestamptz
    WHERE id = ${page.id}`;
  if (!live) return [];
  // Templates are read through the import's transaction: those imported before this page are seen.
  const rendered = await renderPageText(page.title, live.text, { db: tx });
  await tx.renderedRevision.create({
    data: { revisionId: live.id, ...renderingRow(rendered) },
  });
  await updateDerivedData(tx, { pageId: page.id, title: page.title, text: live.text, rendered });
  // Pages imported before a template they use are rendered again once it is there.
  await queueDependentsOf(tx, [page.title]);
  return rendered.files;
}

/**
 * A wiki without a Main Page (an import before the first start, where nothing was seeded) gets one
 * redirecting to the dump's main page (its <base>, e.g. Fandom's "Skyreach Wiki"), so the front
 * page is the community's own, as it was. A wiki that has a Main Page keeps it.
 */
async function redirectMainPage(tx: Transaction, target: PlannedPage['title'], authorId: number | undefined): Promise<string | null> {
  if (target.prefixedDbKey === MAIN_PAGE.prefixedDbKey || authorId === undefined) return null;
  const taken = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM pages WHERE namespace = ${MAIN_PAGE.namespace} AND title = ${MAIN_PAGE.dbKey}`;
  if (taken.length > 0) return null;
  const [row] = await tx.$queryRaw<{ id: number }[]>`INSERT INTO pages (namespace, title) VALUES (${MAIN_PAGE.namespace}, ${MAIN_PAGE.dbKey}) RETURNING id`;
  const text = redirectText(target.prefixedText);
  const now = new Date();
  const summary = `Main Page of the imported wiki: ${target.prefixedText}`;
  const revision = await insertRevisionRow(tx, { pageId: row!.id, parentId: null, authorId, summary, minor: false, text, sha1: sha1Hex(text), createdAt: now });
  const page: PageState = {
    id: row!.id,
    title: MAIN_PAGE,
    deletedAt: null,
    previousRevisionId: revision.id,
    first: now,
    last: now,
    latest: { id: revision.id, text },
    fileVersions: 0,
    currentVersionId: null,
  };
  await finishPage(tx, page);
  return target.prefixedText;
}
