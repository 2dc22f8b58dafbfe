import 'server-only';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';
import { queueingTransaction, sender, transactionExecutor } from '@/lib/server/templates/queue';
import { NOTIFICATION_MAIL_QUEUE } from '@/lib/server/notifications/mail-queue';
import { mailEnabled, type NotificationMailJob } from '@/lib/domain/notification-mail';
import { watchedTitleOf } from '@/lib/domain/watchlist';
import type { ParsedTitle } from '@/lib/domain/titles';

/*
 * Mail to the watchers of a changed page (docs/notifications.md "E-mail", MediaWiki's
 * enotifwatchlistpages). The save only asks whether the page has a watcher at all (one EXISTS on
 * watchlist's (namespace, title) index); the fan-out is the revision-events job's, after the commit.
 * That job claims every watcher to mail in one UPDATE … RETURNING (setting watchlist.emailed_at)
 * and queues one "notification-mail" job per claimed watcher in the same transaction: both commit
 * or neither, so a retried revision job finds the rows claimed and queues nothing, and a mail job
 * whose sending fails is retried by pg-boss without any claim to give back.
 */

/**
 * Whether anyone but the author watches the page's subject title (in the save's transaction: one
 * EXISTS on the (namespace, title) index, no fan-out). Authors watch what they edit, so without the
 * author's exclusion nearly every save would queue a job for nobody.
 */
export async function hasWatchers(tx: Transaction, title: ParsedTitle, authorId: number): Promise<boolean> {
  if (!mailEnabled(process.env) || title.namespace < 0) return false;
  const key = watchedTitleOf(title);
  const rows = await tx.$queryRaw<{ watched: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM watchlist WHERE namespace = ${key.namespace} AND title = ${key.dbKey} AND user_id <> ${authorId}) AS watched`;
  return rows[0]?.watched === true;
}

/**
 * Claims the watchers to mail about `revisionId` and queues their messages; returns their ids.
 * A watcher is mailed when: not the author; the watch has not expired; the revision is newer than
 * their last visit to that page (seen_at for the subject page, talk_seen_at for its talk page); they
 * were not mailed since that visit (one message per page until the visit, emailed_at); they have a
 * confirmed address, e-mail not 'off' and emailWatchlist not turned off (absent = the default, on:
 * wantsWatchlistEmail's rules in SQL, since the claim must be one statement). Minor edits mail
 * nobody (enotifminoredits off).
 */
export async function claimWatchlistMail(revisionId: number): Promise<number[]> {
  if (!mailEnabled(process.env)) return [];
  return queueingTransaction(getDb(), async (tx) => {
    const rows = await tx.$queryRaw<{ user_id: number }[]>`
      WITH rev AS (
        SELECT r.author_id, r.created_at, p.namespace, p.title, p.namespace % 2 = 1 AS on_talk
        FROM revisions r JOIN pages p ON p.id = r.page_id
        WHERE r.id = ${revisionId} AND NOT r.minor AND p.namespace >= 0
      )
      UPDATE watchlist w SET emailed_at = now()
      FROM rev, users u
      WHERE w.namespace = rev.namespace - rev.namespace % 2 AND w.title = rev.title
        AND u.id = w.user_id AND w.user_id <> rev.author_id
        AND (w.expires_at IS NULL OR w.expires_at > now())
        AND rev.created_at > CASE WHEN rev.on_talk THEN w.talk_seen_at ELSE w.seen_at END
        AND (w.emailed_at IS NULL OR w.emailed_at < CASE WHEN rev.on_talk THEN w.talk_seen_at ELSE w.seen_at END)
        AND u.email IS NOT NULL AND u.email_verified_at IS NOT NULL AND NOT u.is_system
        AND (u.preferences->>'emailNotifications') IS DISTINCT FROM 'off'
        AND (u.preferences->>'emailWatchlist') IS DISTINCT FROM 'false'
      RETURNING w.user_id`;
    if (rows.length === 0) return [];
    const jobs = rows.map((row) => {
      const data: NotificationMailJob = { watchUserId: row.user_id, revisionId };
      return { name: NOTIFICATION_MAIL_QUEUE, data, singletonKey: `watch:${row.user_id}:${revisionId}` };
    });
    await sender().insert(jobs, { db: transactionExecutor(tx) });
    return rows.map((row) => row.user_id);
  });
}
