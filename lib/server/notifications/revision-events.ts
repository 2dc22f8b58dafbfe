import 'server-only';
import type PgBoss from 'pg-boss';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';
import { sender, transactionExecutor } from '@/lib/server/templates/queue';
import { deliverNotifications } from '@/lib/server/notifications/store';
import { claimWatchlistMail, hasWatchers } from '@/lib/server/notifications/watchlist-mail';
import { addedLines, revisionNotifications, userKey, userTalkOwnerKey, type RevisionFacts } from '@/lib/domain/notifications';
import { usernameKey } from '@/lib/domain/accounts';
import { NS, type ParsedTitle } from '@/lib/domain/titles';

/*
 * The events of a new revision (docs/notifications.md): the save queues one job in its own
 * transaction, only when the revision may notify someone; the worker, after the commit, finds the
 * recipients (a talk page's owner, mentioned users, reverted authors, linked pages' creators) and
 * stores their notifications. A save never waits for, or fails because of, notifying.
 */

export const REVISION_EVENTS_QUEUE = 'revision-events';

export interface RevisionEventsJob {
  revisionId: number;
  /** Wikilink targets this revision added (computed in the save, before page_links is replaced). */
  addedLinks: { namespace: number; title: string }[];
  /** Authors of the revisions a rollback, undo or restore reverted, with the revision each made last. */
  reverted: { userId: number; revisionId: number }[];
}

/** What a save tells the queue about its new revision. */
export interface RevisionEvents {
  revisionId: number;
  title: ParsedTitle;
  /** For the watchers' mail: the author is never mailed, and a minor edit mails nobody. */
  authorId: number;
  minor: boolean;
  /** The page's link targets before this revision and with it. */
  linksBefore: readonly { namespace: number; dbKey: string }[];
  linksAfter: readonly { namespace: number; dbKey: string }[];
  reverted?: RevisionEventsJob['reverted'];
}

/**
 * Queues the revision's events inside the save's transaction, so they commit or roll back with it;
 * nothing when no one could be notified nor mailed (an unwatched article edit adding no links).
 */
export async function queueRevisionEvents(tx: Transaction, events: RevisionEvents): Promise<void> {
  const before = new Set(events.linksBefore.map((link) => `${link.namespace}:${link.dbKey}`));
  const addedLinks = events.linksAfter
    .filter((link) => !before.has(`${link.namespace}:${link.dbKey}`) && (link.namespace === NS.MAIN || link.namespace === NS.USER))
    .map((link) => ({ namespace: link.namespace, title: link.dbKey }));
  const reverted = events.reverted ?? [];
  const onTalk = events.title.namespace > 0 && events.title.namespace % 2 === 1;
  const mayNotify =
    userTalkOwnerKey(events.title.namespace, events.title.dbKey) !== null ||
    reverted.length > 0 ||
    addedLinks.some((link) => link.namespace === NS.MAIN || (onTalk && link.namespace === NS.USER));
  // Watchers are only counted here (one EXISTS); whom to mail is the worker's question.
  if (!mayNotify && (events.minor || !(await hasWatchers(tx, events.title, events.authorId)))) return;
  const job: RevisionEventsJob = { revisionId: events.revisionId, addedLinks, reverted };
  await sender().send(REVISION_EVENTS_QUEUE, job, { db: transactionExecutor(tx) });
}

interface RevisionRow {
  namespace: number;
  title: string;
  author_id: number;
  author_name: string;
  text: string;
  parent_text: string | null;
}

/** The worker's half: reads what the job names and delivers the notifications it causes. Idempotent. */
export async function handleRevisionEvents(job: RevisionEventsJob): Promise<number> {
  const db = getDb();
  const rows = await db.$queryRaw<RevisionRow[]>`
    SELECT p.namespace, p.title, r.author_id, u.name AS author_name, c.text, pc.text AS parent_text
    FROM revisions r JOIN pages p ON p.id = r.page_id JOIN users u ON u.id = r.author_id JOIN contents c ON c.id = r.content_id
    LEFT JOIN revisions pr ON pr.id = r.parent_id LEFT JOIN contents pc ON pc.id = pr.content_id
    WHERE r.id = ${job.revisionId}`;
  const row = rows[0];
  if (!row) return 0; // rolled back meanwhile can't happen (the job commits with it); a purge can
  const facts: RevisionFacts = {
    revisionId: job.revisionId,
    namespace: row.namespace,
    title: row.title,
    author: { id: row.author_id, name: row.author_name },
    addedText: addedLines(row.parent_text ?? '', row.text),
    addedLinks: job.addedLinks,
    reverted: job.reverted,
  };
  const userKeys = [
    ...job.addedLinks.filter((link) => link.namespace === NS.USER).map((link) => link.title),
    ...(userTalkOwnerKey(row.namespace, row.title) === null ? [] : [row.title]),
  ];
  const users =
    userKeys.length === 0
      ? []
      : await db.$queryRaw<{ id: number; name: string }[]>`
    SELECT id, name FROM users WHERE name_key = ANY(${userKeys.map((key) => usernameKey(key))}::text[]) AND NOT is_system`;
  const mainLinks = job.addedLinks.filter((link) => link.namespace === NS.MAIN);
  const linkedPages =
    mainLinks.length === 0
      ? []
      : await db.$queryRaw<{ namespace: number; title: string; page_id: number; creator_id: number }[]>`
    SELECT p.namespace, p.title, p.id AS page_id, first.author_id AS creator_id
    FROM pages p
    JOIN LATERAL (SELECT author_id FROM revisions WHERE page_id = p.id ORDER BY id LIMIT 1) first ON true
    WHERE p.namespace = 0 AND p.title = ANY(${mainLinks.map((link) => link.title)}::text[]) AND p.latest_revision_id IS NOT NULL`;
  const drafts = revisionNotifications(facts, {
    userIdsByKey: new Map(users.map((user) => [userKey(user.name), user.id])),
    linkedPages: linkedPages.map((page) => ({ namespace: page.namespace, title: page.title, pageId: page.page_id, creatorId: page.creator_id })),
  });
  const delivered = await deliverNotifications(drafts);
  // After the notifications: the watchers' mail, claimed and queued in one transaction (watchlist-mail.ts).
  await claimWatchlistMail(job.revisionId);
  return delivered;
}

/** Registers the worker on the server's pg-boss instance (lib/server/templates/worker.ts starts it). */
export async function workRevisionEvents(boss: PgBoss, pollingIntervalSeconds: number): Promise<string> {
  return boss.work<RevisionEventsJob>(REVISION_EVENTS_QUEUE, { batchSize: 5, pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) await handleRevisionEvents(job.data);
  });
}
