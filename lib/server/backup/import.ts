import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import { AppError } from '@/lib/domain/errors';
import { invisibleCharacterIn, usernameKey } from '@/lib/domain/accounts';
import { renderingRow } from '@/lib/server/render-revision';
import { renderPageText } from '@/lib/server/templates/render-page';
import { queueDependentsOf } from '@/lib/server/templates/queue';
import type { DumpRevision } from '@/lib/domain/mediawiki-xml';
import { updateDerivedData } from '@/lib/server/derived';
import { clearPageCache, pageWriteTransaction } from '@/lib/server/page-cache';
import { fillMissingNameSkeletons, findConfusableAccount, IMPORT_USER_NAME } from '@/lib/server/users';
import { insertRevisionRow } from '@/lib/server/revision-rows';
import type { Transaction } from '@/lib/server/transaction';
import { dumpEvents, planImport, type DumpSource, type ImportPlan, type PlannedPage } from '@/lib/server/backup/import-plan';
import { insertFile, insertFileVersion, removeFiles, resetVersionSequence, takenVersionIds } from '@/lib/server/backup/import-files';

export type { DumpSource } from '@/lib/server/backup/import-plan';

export interface ImportOptions {
  /** Replace pages that already exist (their old histories are removed) instead of refusing. */
  overwrite: boolean;
  /** Called when the import starts checking the file, and when it starts writing. */
  onPhase?: (phase: 'check' | 'write') => void;
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
}

const IMPORT_TIMEOUT_MS = 24 * 3600 * 1000;

/**
 * Loads a MediaWiki XML export. The file is read twice: first checked whole (nothing is written
 * if any page or revision is wrong), then written in ONE transaction, so an import is atomic.
 * Page, revision and user ids are kept where free (permalinks `?oldid=` survive a restore).
 */
export async function importWiki(db: PrismaClient, source: DumpSource, options: ImportOptions): Promise<ImportSummary> {
  options.onPhase?.('check');
  const plan = await planImport(source);
  checkAuthorNames(plan);
  const existing = await existingPages(db, plan.pages);
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
  options.onPhase?.('write');
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
      const summary = await importPages(tx, plan, source, userIds);
      await tx.$executeRaw`
        UPDATE users u SET edit_count = (SELECT count(*) FROM revisions r WHERE r.author_id = u.id)
        WHERE u.id = ANY(${[...userIds.values()]}::int[])`;
      return { ...summary, siteName: plan.siteName, pagesReplaced: existing.length, usersCreated: userIds.created, distinctFiles: plan.files.checked.size };
    },
    { timeout: IMPORT_TIMEOUT_MS, maxWait: 10_000 },
    db,
  );
}

async function existingPages(db: PrismaClient, pages: PlannedPage[]): Promise<{ id: number; title: PlannedPage['title'] }[]> {
  const wanted = new Map(pages.map((page) => [`${page.title.namespace}:${page.title.dbKey}`, page.title]));
  const rows = await db.$queryRaw<{ id: number; namespace: number; title: string }[]>`
    SELECT id, namespace, title FROM pages WHERE title = ANY(${pages.map((page) => page.title.dbKey)}::text[])`;
  return rows.flatMap((row) => {
    const title = wanted.get(`${row.namespace}:${row.title}`);
    return title ? [{ id: row.id, title }] : [];
  });
}

/** --overwrite: the old pages go with their revisions and everything derived from them. */
async function removePages(tx: Transaction, pageIds: number[]): Promise<void> {
  await removeFiles(tx, pageIds);
  await tx.$executeRaw`UPDATE pages SET latest_revision_id = NULL WHERE id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM revisions WHERE page_id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM pages WHERE id = ANY(${pageIds}::int[])`;
}

/**
 * Moves each id sequence past both the database's and the file's largest id, so ids the database
 * assigns (to rows whose file id is taken) never collide with a file id inserted later.
 */
async function reserveIds(tx: Transaction, plan: ImportPlan): Promise<void> {
  const maxOf = (ids: number[]) => ids.reduce((max, id) => Math.max(max, id), 0);
  const fileMax = {
    pages: maxOf(plan.pages.map((page) => page.fileId)),
    revisions: maxOf(plan.revisionIds),
    users: maxOf([...plan.users.values()].map((user) => user.fileId ?? 0)),
  };
  for (const [table, max] of Object.entries(fileMax)) await resetSequence(tx, table as keyof typeof fileMax, max);
  await resetVersionSequence(tx, plan.files);
}

async function resetSequence(tx: Transaction, table: 'pages' | 'revisions' | 'users', atLeast = 0): Promise<void> {
  // Table names cannot be parameters; these three are fixed strings, never input.
  const sql = {
    pages: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('pages', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM pages), ${atLeast}::int, 1))`,
    revisions: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('revisions', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM revisions), ${atLeast}::int, 1))`,
    users: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM users), ${atLeast}::int, 1))`,
  };
  await sql[table];
}

/**
 * Authors become accounts, so their names follow the rules every new name does (as on sign-up and
 * in the maintenance CLI): nothing invisible in them. Names that would be refused at sign-up for
 * other reasons are kept, since imports bring MediaWiki's older names ("imported>Foo", IPs).
 */
function checkAuthorNames(plan: ImportPlan): void {
  for (const name of plan.users.keys()) {
    const code = invisibleCharacterIn(name);
    if (code !== null) {
      throw new AppError(
        'VALIDATION',
        `The author name ${JSON.stringify(name)} contains an invisible or formatting character (U+${code}), so it could pass for another name. ` +
          'Nothing was imported. Remove the character from the file (in <username>), then import again.',
      );
    }
  }
}

/**
 * Authors are matched by name; missing ones are created without a password (they cannot sign in
 * until an administrator runs `user:set-password`), keeping their id when it is free. A missing
 * author whose name looks like another account's (or another author's) is refused, as on sign-up.
 */
async function importUsers(tx: Transaction, plan: ImportPlan): Promise<Map<string, number> & { created: number }> {
  const ids = Object.assign(new Map<string, number>(), { created: 0 });
  const wantedIds = [...plan.users.values()].flatMap((user) => (user.fileId === null ? [] : [user.fileId]));
  const taken = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM users WHERE id = ANY(${wantedIds}::int[])`).map((row) => row.id));
  for (const [name, user] of plan.users) {
    const key = usernameKey(name);
    const found = await tx.user.findUnique({ where: { nameKey: key }, select: { id: true } });
    if (found) {
      ids.set(name, found.id);
      continue;
    }
    const stored = name.normalize('NFC');
    const { skeleton, existing } = await findConfusableAccount(tx, stored);
    if (existing !== null) {
      throw new AppError(
        'VALIDATION',
        `The author name "${stored}" looks too much like the account "${existing}" (readers could mistake one for the other). ` +
          'Nothing was imported. Rename that author in the file (in <username>), then import again.',
      );
    }
    const preferred = user.fileId !== null && !taken.has(user.fileId) ? user.fileId : null;
    if (preferred !== null) taken.add(preferred);
    const [row] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO users (id, name, name_key, name_skeleton, is_system, created_at)
      VALUES (COALESCE(${preferred}::int, nextval(pg_get_serial_sequence('users', 'id'))), ${stored}, ${key}, ${skeleton}, ${name === IMPORT_USER_NAME}, ${user.firstEdit}::timestamptz)
      RETURNING id`;
    ids.set(name, row!.id);
    ids.created += 1;
  }
  return ids;
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

async function importPages(tx: Transaction, plan: ImportPlan, source: DumpSource, userIds: Map<string, number>) {
  const takenPages = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM pages WHERE id = ANY(${plan.pages.map((p) => p.fileId)}::int[])`).map((r) => r.id));
  const takenRevisions = new Set((await tx.$queryRaw<{ id: number }[]>`SELECT id FROM revisions WHERE id = ANY(${plan.revisionIds}::int[])`).map((r) => r.id));
  const takenVersions = await takenVersionIds(tx, plan.files);
  const titles = new Map(plan.pages.map((page) => [page.fileId, page.title]));
  const summary = { pages: 0, revisions: 0, revisionsRenumbered: 0, fileVersions: 0 };
  let page: PageState | null = null;
  for await (const event of dumpEvents(source)) {
    if (event.type === 'page') {
      const title = titles.get(event.page.id)!;
      const preferred = takenPages.has(event.page.id) ? null : event.page.id;
      const [row] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO pages (id, namespace, title)
        VALUES (COALESCE(${preferred}::int, nextval(pg_get_serial_sequence('pages', 'id'))), ${title.namespace}, ${title.dbKey})
        RETURNING id`;
      page = { id: row!.id, title, deletedAt: event.page.deletedAt, previousRevisionId: null, first: null, last: null, latest: null, fileVersions: 0, currentVersionId: null };
    } else if (event.type === 'revision' && page) {
      const keepId = !takenRevisions.has(event.revision.id);
      if (!keepId) summary.revisionsRenumbered += 1;
      const id = await insertRevision(tx, page, event.revision, keepId ? event.revision.id : null, userIds.get(event.revision.author.name)!);
      page.previousRevisionId = id;
      page.first ??= event.revision.timestamp;
      page.last = event.revision.timestamp;
      if (!event.revision.archived) page.latest = { id, text: event.revision.text };
      summary.revisions += 1;
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
      await finishPage(tx, page);
      summary.pages += 1;
      page = null;
    }
  }
  return summary;
}

/** The same row writer as every save (lib/server/revision-rows.ts), with the file's id, time and visibility. */
async function insertRevision(tx: Transaction, page: PageState, revision: DumpRevision, preferredId: number | null, authorId: number): Promise<number> {
  const row = await insertRevisionRow(tx, {
    id: preferredId ?? undefined,
    pageId: page.id,
    parentId: page.previousRevisionId,
    authorId,
    summary: revision.summary,
    minor: revision.minor,
    text: revision.text,
    sha1: revision.sha1,
    createdAt: revision.timestamp,
    archived: revision.archived,
    hidden: revision.hidden,
  });
  return row.id;
}

/**
 * Points the page at its newest current revision and rebuilds what saves derive from it (links,
 * categories, redirect, search). Only that revision is rendered now; older ones are rendered on
 * first view (lib/server/render-revision.ts), with today's renderer.
 */
async function finishPage(tx: Transaction, page: PageState): Promise<void> {
  if (page.fileVersions > 0) await insertFile(tx, page.id, page.deletedAt === null ? page.currentVersionId : null);
  const live = page.deletedAt === null ? page.latest : null;
  await tx.$executeRaw`
    UPDATE pages SET latest_revision_id = ${live?.id ?? null}::int, length = ${live ? Buffer.byteLength(live.text, 'utf8') : 0},
      created_at = ${page.first}::timestamptz, touched_at = ${page.last}::timestamptz, deleted_at = ${page.deletedAt}::timestamptz
    WHERE id = ${page.id}`;
  if (!live) return;
  // Templates are read through the import's transaction: those imported before this page are seen.
  const rendered = await renderPageText(page.title, live.text, { db: tx });
  await tx.renderedRevision.create({
    data: { revisionId: live.id, ...renderingRow(rendered) },
  });
  await updateDerivedData(tx, { pageId: page.id, title: page.title, text: live.text, rendered });
  // Pages imported before a template they use are rendered again once it is there.
  await queueDependentsOf(tx, [page.title]);
}
