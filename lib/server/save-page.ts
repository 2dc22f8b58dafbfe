import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { sha1Hex } from '@/lib/domain/mediawiki-xml';
import { renderPageText, type PageRendering } from '@/lib/server/templates/render-page';
import { queueDependentsOf, queueIfTemplatesChangedSince } from '@/lib/server/templates/queue';
import { timed } from '@/lib/server/server-timing';
import { assertWritableTitle, type ParsedTitle } from '@/lib/domain/titles';
import { updateDerivedData } from '@/lib/server/derived';
import type { Transaction } from '@/lib/server/transaction';
import { pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { insertRevisionRow, readRevisionWithText } from '@/lib/server/revision-rows';
import { autoWatch } from '@/lib/server/watchlist';
import { queueRevisionEvents, type RevisionEventsJob } from '@/lib/server/notifications/revision-events';

export interface SavePageInput {
  title: ParsedTitle;
  text: string;
  summary: string;
  minor: boolean;
  authorId: number;
  /**
   * The page's latest revision when the editor loaded it; null means "I am creating this page".
   * The save succeeds only if the page still points at it (compare-and-swap).
   */
  baseRevisionId: number | null;
  /**
   * Called under the page lock when the page moved past the base revision: returns the text to
   * save instead (a clean three-way merge) or null to refuse with EDIT_CONFLICT. Merging under
   * the lock means a mergeable edit always lands, however many editors race.
   */
  merge?: (currentText: string) => string | null;
  /**
   * The permission check, run under the page lock (pageId null: the page is being created), so
   * that a protection committed after the caller's early check cannot be slipped past. Throws to
   * refuse.
   */
  authorize?: (tx: Transaction, pageId: number | null) => Promise<void>;
  /**
   * The rendering of `text`, when the caller started it early so that it runs (in a worker, for
   * long texts) while the caller does its permission, throttle and base-revision reads.
   */
  rendering?: Promise<PageRendering>;
  /** The revisions this save reverts (rollback, undo, restore): their authors are notified. */
  reverted?: NewRevision['reverted'];
  /**
   * The page's revisions this save takes back (rollback, undo, restore): those with an id above
   * `afterId` up to `upToId` get the reverted mark (MediaWiki's mw-reverted tag), in this transaction.
   */
  revertsRange?: RevertedRange | null;
  /** Ask for the bot mark (MediaWiki's rc_bot); granted only if the author's account is a bot (insertRevisionRow). Omitted: false. */
  bot?: boolean;
}

export interface RevertedRange {
  /** The revision whose text the save restores (undoafter=, the rollback's target): not itself reverted. */
  afterId: number;
  /** The newest revision taken back (undo=, the page's latest for a rollback or restore). */
  upToId: number;
}

/**
 * The revision the page now shows, with what a caller needs to describe it (`createdAt`, and `text`,
 * merged when the edit was merged): an answer built from this reads nothing after the COMMIT, so it
 * cannot fail for want of a database connection once the edit is saved.
 */
interface SavedRevision {
  pageId: number;
  revisionId: number;
  createdAt: Date;
  text: string;
}

export type SavePageResult =
  | ({ status: 'saved' | 'merged'; created: boolean } & SavedRevision)
  /** Identical text: MediaWiki's "null edit" creates no revision. */
  | ({ status: 'unchanged' } & SavedRevision);

interface LockedPage {
  id: number;
  latest_revision_id: number | null;
  latest_sha1: string | null;
  latest_created_at: Date | null;
}

/**
 * The one write path for page text, modelled on MediaWiki's PageUpdater: in one transaction lock
 * the page row, check that its latest revision is still the editor's base revision, insert the
 * immutable revision and move the page's pointer. Markdown is rendered before the transaction so
 * the row lock is held only for the writes.
 */
export async function savePage(input: SavePageInput): Promise<SavePageResult> {
  assertWritableTitle(input.title); // before rendering; appendRevision checks again for every other writer
  let text = input.text;
  let sha1 = sha1Hex(text);
  let rendered = await timed('render', () => input.rendering ?? renderPageText(input.title, text));
  let merged = false;
  const { namespace, dbKey } = input.title;

  return timed('transaction', () =>
    pageWriteTransaction(async (tx) => {
      const locked = await tx.$queryRaw<LockedPage[]>`
      SELECT p.id, p.latest_revision_id, r.sha1 AS latest_sha1, r.created_at AS latest_created_at
      FROM pages p LEFT JOIN revisions r ON r.id = p.latest_revision_id
      WHERE p.namespace = ${namespace} AND p.title = ${dbKey}
      FOR UPDATE OF p`;
      let page = locked[0];
      let created = false;
      if (input.authorize) await input.authorize(tx, page?.id ?? null);

      if (!page) {
        if (input.baseRevisionId !== null) {
          throw new AppError('EDIT_CONFLICT', errorMessage('edit.noLongerExists', { title: input.title.prefixedText }));
        }
        // ON CONFLICT DO NOTHING: a concurrent creator that committed first wins; we get no row.
        const inserted = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO pages (namespace, title) VALUES (${namespace}, ${dbKey})
        ON CONFLICT (namespace, title) DO NOTHING RETURNING id`;
        if (!inserted[0]) throw conflict(input.title.prefixedText);
        page = { id: inserted[0].id, latest_revision_id: null, latest_sha1: null, latest_created_at: null };
        created = true;
      } else if (page.latest_revision_id !== input.baseRevisionId) {
        const mergedText = input.merge && page.latest_revision_id !== null ? input.merge(await latestText(tx, page.latest_revision_id)) : null;
        if (mergedText === null) throw conflict(input.title.prefixedText);
        text = mergedText;
        sha1 = sha1Hex(text);
        // Through the transaction: templates are read with the connection it holds.
        rendered = await timed('render', () => renderPageText(input.title, text, { db: tx }));
        merged = true;
      }
      if (page.latest_sha1 === sha1 && page.latest_revision_id !== null && page.latest_created_at !== null) {
        return { status: 'unchanged', pageId: page.id, revisionId: page.latest_revision_id, createdAt: page.latest_created_at, text };
      }
      let parentId = page.latest_revision_id;
      if (parentId === null && !created) {
        // Recreating a deleted page: the new revision continues the archived history, so an
        // undeletion later restores ONE chain (revisions.parent_id is unique).
        parentId = await newestRevisionId(tx, page.id);
        created = true;
      }

      const revision = await appendRevision(tx, {
        pageId: page.id,
        parentId,
        title: input.title,
        text,
        sha1,
        rendered,
        summary: input.summary,
        minor: input.minor,
        authorId: input.authorId,
        reverted: input.reverted,
        bot: input.bot,
        reverts: input.revertsRange != null,
      });
      if (input.revertsRange) await markReverted(tx, page.id, input.revertsRange);
      await tx.user.update({ where: { id: input.authorId }, data: { editCount: { increment: 1 } } });
      if (created) await recordPageChanges(tx, [{ kind: 'existence', title: input.title }]);
      await autoWatch(tx, input.authorId, [input.title], created ? 'create' : 'edit');
      return { status: merged ? 'merged' : 'saved', pageId: page.id, revisionId: revision.id, createdAt: revision.createdAt, text, created };
    }),
  );
}

export interface NewRevision {
  pageId: number;
  /** The page's latest revision, which the caller has locked; null for a new page (for a recreated one: its newest archived revision). */
  parentId: number | null;
  title: ParsedTitle;
  text: string;
  sha1?: string;
  rendered: PageRendering;
  summary: string;
  minor: boolean;
  authorId: number;
  /** The revisions this one reverts (rollback, undo, restore): their authors are notified. */
  reverted?: RevisionEventsJob['reverted'];
  /** Ask for the bot mark (MediaWiki's rc_bot); granted only if the author's account is a bot. Omitted: false. */
  bot?: boolean;
  /** This revision is a rollback, undo or restore (MediaWiki's revert tags). Omitted: false. */
  reverts?: boolean;
}

/**
 * Inserts an immutable revision (its text stored once per SHA-1, its rendering stored with it),
 * moves the page's pointer, rebuilds the derived data and queues the pages transcluding it. Every revision goes through here; the
 * caller holds the page row lock and has done the compare-and-swap.
 */
export async function appendRevision(tx: Transaction, revision: NewRevision): Promise<{ id: number; createdAt: Date }> {
  assertWritableTitle(revision.title);
  const { rendered } = revision;
  const { size, ...row } = await insertRevisionRow(tx, {
    pageId: revision.pageId,
    parentId: revision.parentId,
    authorId: revision.authorId,
    summary: revision.summary,
    minor: revision.minor,
    text: revision.text,
    sha1: revision.sha1 ?? sha1Hex(revision.text),
    rendered,
    bot: revision.bot,
    reverts: revision.reverts,
  });
  // deletedAt: null — saving on a deleted title recreates the page (its old revisions stay archived).
  await tx.page.update({
    where: { id: revision.pageId },
    data: { latestRevisionId: row.id, length: size, touchedAt: row.createdAt, deletedAt: null },
  });
  // Read before the derived data replaces them: the links this revision adds notify (page-linked, mentions).
  const linksBefore = await tx.$queryRaw<{ namespace: number; dbKey: string }[]>`
    SELECT to_namespace AS namespace, to_title AS "dbKey" FROM page_links WHERE from_page_id = ${revision.pageId}`;
  await updateDerivedData(tx, { pageId: revision.pageId, title: revision.title, text: revision.text, rendered });
  await recordPageChanges(tx, [{ kind: 'revision', title: revision.title }]);
  // Pages transcluding this one are rendered again in the background, queued with this write.
  await queueDependentsOf(tx, [revision.title]);
  // A template changed between this rendering and now: render this page again too.
  await queueIfTemplatesChangedSince(tx, revision.pageId, rendered.templatesRead);
  // Notifications are worked out after the commit, by the queue's worker.
  await queueRevisionEvents(tx, {
    revisionId: row.id,
    title: revision.title,
    authorId: revision.authorId,
    minor: revision.minor,
    linksBefore,
    linksAfter: rendered.links,
    reverted: revision.reverted,
  });
  return row;
}

/**
 * MediaWiki's mw-reverted tag: the revisions a rollback, undo or restore took back. Only the live
 * revisions of this page in the range: an undo merged past later edits leaves those unmarked.
 */
async function markReverted(tx: Transaction, pageId: number, range: RevertedRange): Promise<void> {
  await tx.$executeRaw`
    UPDATE revisions SET reverted = true
    WHERE page_id = ${pageId} AND id > ${range.afterId} AND id <= ${range.upToId} AND NOT archived AND NOT reverted`;
}

async function newestRevisionId(tx: Transaction, pageId: number): Promise<number | null> {
  const newest = await tx.revision.findFirst({ where: { pageId }, orderBy: { id: 'desc' }, select: { id: true } });
  return newest?.id ?? null;
}

async function latestText(tx: Transaction, revisionId: number): Promise<string> {
  return (await readRevisionWithText(tx, revisionId))!.text;
}

function conflict(title: string): AppError {
  return new AppError('EDIT_CONFLICT', errorMessage('edit.changedMeanwhile', { title }));
}
