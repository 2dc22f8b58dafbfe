import 'server-only';
import type PgBoss from 'pg-boss';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';
import { getSiteName } from '@/lib/server/site';
import { sender, transactionExecutor } from '@/lib/server/templates/queue';
import { sendMail, unsubscribeToken } from '@/lib/server/notifications/mailer';
import { digestMailText, notificationMailText, watchlistMailText, type MailLinks } from '@/lib/i18n/notification-mail-text';
import { notificationLine, NOTIFICATIONS_PATH, type NotificationLine } from '@/lib/domain/notification-display';
import {
  digestDue,
  EMAIL_PREFERENCE,
  mailEnabled,
  mailLocale,
  mailOrigin,
  unsubscribeHref,
  wantsEmail,
  wantsWatchlistEmail,
  type NotificationMailJob,
} from '@/lib/domain/notification-mail';
import { isNotificationKind, NOTIFICATION_KINDS, type NotificationKind } from '@/lib/domain/notifications';
import { readPreferences, type Preferences } from '@/lib/domain/preferences';
import { isKnownNamespace, makeParsedTitle, titleToUrlPath } from '@/lib/domain/titles';
import { diffHref, permalinkHref } from '@/lib/domain/history';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/*
 * The "notification-mail" queue (docs/notifications.md, "E-mail"). deliverNotifications queues one
 * job per new notification its recipient wants mailed at once, in the transaction that stores it;
 * a periodic check queues each daily-digest user's job once their oldest pending notification is
 * a day old. The worker claims rows by setting notifications.emailed_at (only where it is NULL, so
 * two workers or a retried job never both get one), sends, and on a failure gives the claim back
 * and throws: pg-boss retries with backoff (8 times, from 30 s).
 */

export const NOTIFICATION_MAIL_QUEUE = 'notification-mail';
/** How often an instance looks for digests that are due (a digest waits at most this much past its day). */
export const DIGEST_CHECK_INTERVAL_MS = 15 * 60 * 1000;
/** Notifications older than this are never put in a digest (a user switching to "daily" gets no backlog of months). */
const DIGEST_WINDOW = '2 days';

/** Queues the mail of a new notification in the transaction that stored it. */
export async function queueNotificationMail(tx: Transaction, notificationId: number): Promise<void> {
  const job: NotificationMailJob = { notificationId };
  await sender().send(NOTIFICATION_MAIL_QUEUE, job, { singletonKey: String(notificationId), db: transactionExecutor(tx) });
}

interface Recipient {
  id: number;
  name: string;
  email: string | null;
  verified: boolean;
  preferences: Preferences;
}

async function recipient(userId: number): Promise<Recipient | null> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, emailVerifiedAt: true, preferences: true } });
  if (!user) return null;
  return { id: user.id, name: user.name, email: user.email, verified: user.email !== null && user.emailVerifiedAt !== null, preferences: readPreferences(user.preferences) };
}

interface Row {
  id: number;
  user_id: number;
  kind: string;
  agent_name: string | null;
  namespace: number | null;
  title: string | null;
  revision_id: number | null;
  params: Record<string, unknown>;
  created_at: Date;
}

async function notificationRows(ids: readonly number[]): Promise<Row[]> {
  return getDb().$queryRaw<Row[]>`
    SELECT n.id, n.user_id, n.kind, a.name AS agent_name, n.namespace, n.title, n.revision_id, n.params, n.created_at
    FROM notifications n LEFT JOIN users a ON a.id = n.agent_id WHERE n.id = ANY(${[...ids]}::int[]) ORDER BY n.id`;
}

function line(row: Row & { kind: NotificationKind }, recipientName: string): NotificationLine {
  const page = row.namespace !== null && row.title !== null && isKnownNamespace(row.namespace) ? makeParsedTitle(row.namespace, row.title) : null;
  const agent = row.agent_name === null ? null : { name: row.agent_name };
  return notificationLine({ id: row.id, kind: row.kind, agent, page, revisionId: row.revision_id, params: row.params, createdAt: row.created_at, read: false }, recipientName);
}

function links(userId: number, origin: string): MailLinks {
  return {
    site: origin,
    preferences: `${origin}${specialPageHref('Preferences')}`,
    unsubscribe: `${origin}${unsubscribeHref(unsubscribeToken(userId))}`,
    notifications: `${origin}${NOTIFICATIONS_PATH}`,
  };
}

/** Claims rows for sending: sets emailed_at where it is still NULL, returning those this call got. */
async function claim(ids: readonly number[]): Promise<number[]> {
  const rows = await getDb().$queryRaw<{ id: number }[]>`
    UPDATE notifications SET emailed_at = now() WHERE id = ANY(${[...ids]}::int[]) AND emailed_at IS NULL RETURNING id`;
  return rows.map((row) => row.id);
}

/** Sends, or gives the claim back and throws so that the job is retried. */
async function sendClaimed(ids: readonly number[], send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    await getDb().$executeRaw`UPDATE notifications SET emailed_at = NULL WHERE id = ANY(${[...ids]}::int[])`;
    throw error;
  }
}

/** One notification's message. Returns how many messages were sent (0 or 1): 0 when already sent or no longer wanted. */
export async function sendNotificationMail(notificationId: number): Promise<number> {
  const [row] = await notificationRows([notificationId]);
  if (!row || !isNotificationKind(row.kind) || !mailEnabled(process.env)) return 0;
  const kind = row.kind;
  const user = await recipient(row.user_id);
  // Preferences are read again: an address removed or mail turned off meanwhile stops it; a switch
  // to "daily" leaves it unclaimed for the digest.
  if (!user?.email || !wantsEmail(user.preferences, kind, user.verified) || user.preferences.emailNotifications !== 'immediate') return 0;
  const claimed = await claim([row.id]);
  if (claimed.length === 0) return 0;
  const origin = mailOrigin(process.env);
  const mailLinks = links(user.id, origin);
  const text = notificationMailText(mailLocale(user.preferences), { site: await getSiteName(), origin, line: line({ ...row, kind }, user.name), links: mailLinks });
  await sendClaimed(claimed, () => sendMail({ to: user.email!, ...text, unsubscribeUrl: mailLinks.unsubscribe }));
  return 1;
}

/** The kinds a user wants by e-mail (for the digest's query). */
function wantedKinds(preferences: Preferences): NotificationKind[] {
  return NOTIFICATION_KINDS.filter((kind) => preferences[EMAIL_PREFERENCE[kind]]);
}

/** A user's daily digest: every pending notification of a wanted kind from the window, in one message. Returns 0 or 1. */
export async function sendDigest(userId: number): Promise<number> {
  const user = await recipient(userId);
  if (!mailEnabled(process.env) || !user?.email || !user.verified || user.preferences.emailNotifications !== 'daily') return 0;
  const kinds = wantedKinds(user.preferences);
  const pending = await getDb().$queryRaw<{ id: number }[]>`
    SELECT id FROM notifications WHERE user_id = ${userId} AND emailed_at IS NULL AND kind = ANY(${kinds}::text[])
      AND created_at > now() - ${DIGEST_WINDOW}::interval`;
  const claimed = await claim(pending.map((row) => row.id));
  if (claimed.length === 0) return 0;
  const rows = (await notificationRows(claimed)).filter((row): row is Row & { kind: NotificationKind } => isNotificationKind(row.kind));
  const origin = mailOrigin(process.env);
  const mailLinks = links(user.id, origin);
  const text = digestMailText(mailLocale(user.preferences), {
    site: await getSiteName(),
    origin,
    user: user.name,
    lines: rows.map((row) => line(row, user.name)),
    links: mailLinks,
  });
  await sendClaimed(claimed, () => sendMail({ to: user.email!, ...text, unsubscribeUrl: mailLinks.unsubscribe }));
  return 1;
}

/**
 * A watched page's change, to a watcher whose watchlist row handleRevisionEvents already claimed
 * (watchlist-mail.ts): nothing is claimed here, so a failure just throws and pg-boss retries the
 * job, while the claim keeps the revision's job from queueing it again. Preferences are read
 * again (an address removed or the switch turned off meanwhile stops it). Returns 0 or 1.
 */
export async function sendWatchlistMail(userId: number, revisionId: number): Promise<number> {
  const user = await recipient(userId);
  if (!mailEnabled(process.env) || !user?.email) return 0;
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; editor: string; summary: string; minor: boolean; hidden: number; parent_id: number | null }[]>`
    SELECT p.namespace, p.title, u.name AS editor, r.summary, r.minor, r.hidden, r.parent_id
    FROM revisions r JOIN pages p ON p.id = r.page_id JOIN users u ON u.id = r.author_id WHERE r.id = ${revisionId}`;
  const row = rows[0];
  if (!row || !isKnownNamespace(row.namespace) || !wantsWatchlistEmail(user.preferences, user.verified, row.minor)) return 0;
  const page = makeParsedTitle(row.namespace, row.title);
  const origin = mailOrigin(process.env);
  const mailLinks = links(user.id, origin);
  const text = watchlistMailText(mailLocale(user.preferences), {
    site: await getSiteName(),
    user: user.name,
    page: page.prefixedText,
    // Hidden parts (revision deletion, bits 2 and 4) are not mailed: a message cannot be taken back.
    editor: row.hidden & 4 ? '—' : row.editor,
    summary: row.hidden & 2 ? '' : row.summary,
    pageLink: `${origin}${titleToUrlPath(page)}`,
    diffLink: `${origin}${row.parent_id === null ? permalinkHref(page, revisionId) : diffHref(page, revisionId, row.parent_id)}`,
    watchlistLink: `${origin}${specialPageHref('Watchlist')}`,
    links: mailLinks,
  });
  await sendMail({ to: user.email, ...text, unsubscribeUrl: mailLinks.unsubscribe });
  return 1;
}

/** The worker's half: one job, whichever kind. Idempotent (claims); throws on a sending failure. */
export async function handleNotificationMail(job: NotificationMailJob): Promise<number> {
  if ('watchUserId' in job) return sendWatchlistMail(job.watchUserId, job.revisionId);
  return 'notificationId' in job ? sendNotificationMail(job.notificationId) : sendDigest(job.digestUserId);
}

/**
 * The users whose digest is due now: "daily" users with a confirmed address whose oldest pending
 * notification of a kind they want mailed is a day old (digestDue). Kinds are checked here, not in
 * SQL, because they live in the preferences JSON.
 */
export async function dueDigestUsers(now = new Date()): Promise<number[]> {
  const rows = await getDb().$queryRaw<{ user_id: number; kind: string; oldest: Date; preferences: unknown }[]>`
    SELECT n.user_id, n.kind, min(n.created_at) AS oldest, u.preferences
    FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE n.emailed_at IS NULL AND n.created_at > now() - ${DIGEST_WINDOW}::interval
      AND u.email IS NOT NULL AND u.email_verified_at IS NOT NULL AND u.preferences->>'emailNotifications' = 'daily'
    GROUP BY n.user_id, n.kind, u.preferences`;
  const due = new Set<number>();
  for (const row of rows) {
    if (!isNotificationKind(row.kind) || !wantsEmail(readPreferences(row.preferences), row.kind, true)) continue;
    if (digestDue(row.oldest, now)) due.add(row.user_id);
  }
  return [...due];
}

/** Queues the due digests; a job already queued within the hour for the same user is not queued again. */
export async function queueDueDigests(boss: PgBoss, now = new Date()): Promise<number> {
  const users = await dueDigestUsers(now);
  for (const userId of users) {
    const job: NotificationMailJob = { digestUserId: userId };
    await boss.send(NOTIFICATION_MAIL_QUEUE, job, { singletonKey: `digest:${userId}`, singletonSeconds: 3600 });
  }
  return users.length;
}

/**
 * Registers the mail worker, and the digest check every DIGEST_CHECK_INTERVAL_MS, on the server's
 * pg-boss instance (lib/server/templates/worker.ts). A timer rather than pg-boss's cron: the app's
 * instances run with scheduling off (bossOptions), and the claims make a check run by several
 * instances at once harmless. Nothing at all when SMTP_URL is unset.
 */
export async function workNotificationMail(boss: PgBoss, pollingIntervalSeconds: number): Promise<string | null> {
  if (!mailEnabled(process.env)) return null;
  const id = await boss.work<NotificationMailJob>(NOTIFICATION_MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
    for (const job of jobs) await handleNotificationMail(job.data);
  });
  const check = () => void queueDueDigests(boss).catch((error: unknown) => console.warn(`Digest check: ${error instanceof Error ? error.message : String(error)}`));
  const timer = setInterval(check, DIGEST_CHECK_INTERVAL_MS);
  timer.unref();
  boss.once('stopped', () => clearInterval(timer));
  return id;
}
