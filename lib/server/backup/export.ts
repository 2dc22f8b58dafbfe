import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { dumpFooter, dumpHeader, pageClosing, pageOpening, revisionXml, type DumpRevision, type DumpSiteInfo } from '@/lib/domain/mediawiki-xml';
import { makeParsedTitle, NAMESPACE_NAMES, NS, type Namespace } from '@/lib/domain/titles';
import { exportFileVersions } from '@/lib/server/backup/export-files';
import { SITE_NAME_KEY } from '@/lib/server/site';
import type { Transaction } from '@/lib/server/transaction';

export interface ExportOptions {
  /**
   * true (a backup): deleted pages, archived revisions and hidden parts are included, marked as
   * such. false: only what readers see, hidden parts left out as on MediaWiki's public dumps.
   */
  full: boolean;
  /** "Telefono Azzurro Fans Wiki 0.1.0". */
  generator: string;
  /** The wiki's public address (NEXTAUTH_URL), for <base>. */
  publicUrl?: string | null;
  dbName: string;
  /** Called after each page. */
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
}

export interface ExportSummary {
  pages: number;
  revisions: number;
  /** File versions (<upload>s with their bytes). */
  fileVersions: number;
}

// Keyset batches: a page's revisions are read 50 at a time (texts can be 2 MiB each).
const PAGE_BATCH = 100;
const REVISION_BATCH = 50;
// A backup of a large wiki takes as long as it takes; the snapshot must stay open meanwhile.
const EXPORT_TIMEOUT_MS = 24 * 3600 * 1000;

interface PageRow {
  id: number;
  namespace: number;
  title: string;
  deleted_at: Date | null;
  redirect_namespace: number | null;
  redirect_title: string | null;
}

interface RevisionRow {
  id: number;
  parent_id: number | null;
  created_at: Date;
  author_id: number;
  author_name: string;
  minor: boolean;
  summary: string;
  text: string;
  sha1: string;
  hidden: number;
  archived: boolean;
  source_model: string | null;
  source_text: string | null;
}

/**
 * Writes every page with its whole history as MediaWiki XML, a page at a time, through `write`
 * (which should wait for the output to drain). Reads run in one REPEATABLE READ transaction, so a
 * backup taken while people edit is one consistent snapshot.
 */
export async function exportWiki(db: PrismaClient, write: (chunk: string) => Promise<void>, options: ExportOptions): Promise<ExportSummary> {
  return db.$transaction(
    async (tx) => {
      const summary: ExportSummary = { pages: 0, revisions: 0, fileVersions: 0 };
      const total = await countPages(tx, options.full);
      await write(dumpHeader(await siteInfo(tx, options)));
      let afterPage = 0;
      for (;;) {
        const pages = await tx.$queryRaw<PageRow[]>`
          SELECT p.id, p.namespace, p.title, p.deleted_at, r.namespace AS redirect_namespace, r.title AS redirect_title
          FROM pages p LEFT JOIN redirects r ON r.page_id = p.id
          WHERE p.id > ${afterPage} AND (${options.full}::boolean OR p.latest_revision_id IS NOT NULL)
          ORDER BY p.id LIMIT ${PAGE_BATCH}`;
        for (const page of pages) {
          const counts = await exportPage(tx, page, write, options);
          summary.revisions += counts.revisions;
          summary.fileVersions += counts.fileVersions;
          summary.pages += 1;
          options.onProgress?.(summary.pages, total);
        }
        if (pages.length < PAGE_BATCH) break;
        afterPage = pages.at(-1)!.id;
      }
      await write(dumpFooter());
      return summary;
    },
    { isolationLevel: 'RepeatableRead', timeout: EXPORT_TIMEOUT_MS, maxWait: 10_000 },
  );
}

async function countPages(tx: Transaction, full: boolean): Promise<number> {
  const [row] = await tx.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM pages WHERE ${full}::boolean OR latest_revision_id IS NOT NULL`;
  return Number(row?.count ?? 0);
}

async function siteInfo(tx: Transaction, options: ExportOptions): Promise<DumpSiteInfo> {
  const setting = await tx.siteSetting.findUnique({ where: { key: SITE_NAME_KEY }, select: { value: true } });
  const base = options.publicUrl ? new URL('/wiki/Main_Page', options.publicUrl).toString() : null;
  return {
    siteName: setting?.value ?? 'Fans Wiki',
    dbName: options.dbName,
    base,
    generator: options.generator,
    namespaces: (Object.entries(NAMESPACE_NAMES) as [string, string][]).map(([key, name]) => ({ key: Number(key), name })).sort((a, b) => a.key - b.key),
  };
}

async function exportPage(tx: Transaction, page: PageRow, write: (chunk: string) => Promise<void>, options: ExportOptions) {
  const { full } = options;
  const title = makeParsedTitle(page.namespace as Namespace, page.title).prefixedText;
  const redirectTarget =
    page.redirect_namespace === null || page.redirect_title === null ? null : makeParsedTitle(page.redirect_namespace as Namespace, page.redirect_title).prefixedText;
  await write(pageOpening({ title, namespace: page.namespace, id: page.id, redirectTarget, deletedAt: page.deleted_at }));
  let count = 0;
  let afterRevision = 0;
  for (;;) {
    const rows = await tx.$queryRaw<RevisionRow[]>`
      SELECT r.id, r.parent_id, r.created_at, r.author_id, u.name AS author_name, r.minor, r.summary,
             c.text, r.sha1, r.hidden, r.archived, s.model AS source_model, s.text AS source_text
      FROM revisions r JOIN users u ON u.id = r.author_id JOIN contents c ON c.id = r.content_id
        LEFT JOIN revision_sources s ON s.revision_id = r.id AND ${full}::boolean
      WHERE r.page_id = ${page.id} AND r.id > ${afterRevision} AND (${full}::boolean OR NOT r.archived)
      ORDER BY r.id LIMIT ${REVISION_BATCH}`;
    let chunk = '';
    for (const row of rows) chunk += revisionFor(title, toDumpRevision(row), full);
    await write(chunk);
    count += rows.length;
    if (rows.length < REVISION_BATCH) break;
    afterRevision = rows.at(-1)!.id;
  }
  // A File page's versions follow its revisions, as in MediaWiki's dumps.
  const fileVersions =
    page.namespace === NS.FILE ? await exportFileVersions(tx, { id: page.id, filename: page.title, title }, write, { full, publicUrl: options.publicUrl }) : 0;
  await write(pageClosing());
  return { revisions: count, fileVersions };
}

function toDumpRevision(row: RevisionRow): DumpRevision {
  return {
    id: row.id,
    parentId: row.parent_id,
    timestamp: row.created_at,
    author: { id: row.author_id, name: row.author_name },
    minor: row.minor,
    summary: row.summary,
    text: row.text,
    sha1: row.sha1,
    hidden: row.hidden,
    archived: row.archived,
    source: row.source_model === null || row.source_text === null ? null : { model: row.source_model, text: row.source_text },
  };
}

function revisionFor(title: string, revision: DumpRevision, full: boolean): string {
  try {
    return revisionXml(revision, full);
  } catch (error) {
    // Never write invalid XML: stop with the page and revision that could not be written.
    throw new Error(`Cannot export "${title}", revision ${revision.id}: ${(error as Error).message}`, { cause: error });
  }
}
