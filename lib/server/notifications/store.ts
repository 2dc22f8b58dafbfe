import 'server-only';
import { getDb } from '@/lib/server/db';
import type { Transaction } from '@/lib/server/transaction';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { readPreferences } from '@/lib/domain/preferences';
import { mailEnabled, wantsEmail } from '@/lib/domain/notification-mail';
import { queueNotificationMail } from '@/lib/server/notifications/mail-queue';
import { queueingTransaction } from '@/lib/server/templates/queue';
import { isNotificationKind, wantsNotification, type NotificationDraft, type NotificationKind } from '@/lib/domain/notifications';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/*
 * Stored notifications (docs/notifications.md): delivering drafts exactly once, the header's
 * unread count, Special:Notifications' list and its read/unread marks.
 */

type Client = Transaction | ReturnType<typeof getDb>;

/**
 * Stores the drafts its recipients want (their preferences), each at most once: the unique
 * (user_id, event_key) makes a second delivery of the same event a no-op. Returns how many were new.
 * A new one whose recipient wants it by e-mail at once (docs/notifications.md, "E-mail") also
 * queues its mail job, in the same transaction as the row: both or neither.
 */
export async function deliverNotifications(drafts: readonly NotificationDraft[], client: Client = getDb()): Promise<number> {
  if (drafts.length === 0) return 0;
  const recipients = [...new Set(drafts.map((draft) => draft.userId))];
  const users = await client.user.findMany({
    where: { id: { in: recipients }, isSystem: false },
    select: { id: true, preferences: true, email: true, emailVerifiedAt: true },
  });
  const byId = new Map(users.map((user) => [user.id, { preferences: readPreferences(user.preferences), verified: user.email !== null && user.emailVerifiedAt !== null }]));
  const mail = mailEnabled(process.env);
  let delivered = 0;
  for (const draft of drafts) {
    const user = byId.get(draft.userId);
    if (!user || !wantsNotification(user.preferences, draft.kind)) continue;
    const mailNow = mail && user.preferences.emailNotifications === 'immediate' && wantsEmail(user.preferences, draft.kind, user.verified);
    delivered += await withTransaction(client, mailNow, async (tx) => {
      // RETURNING: a row comes back only when this call inserted it, so a repeated event queues no second mail.
      const inserted = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO notifications (user_id, kind, agent_id, namespace, title, revision_id, params, event_key)
        VALUES (${draft.userId}, ${draft.kind}, ${draft.agentId}, ${draft.page?.namespace ?? null}, ${draft.page?.title ?? null},
          ${draft.revisionId}, ${JSON.stringify(draft.params)}::jsonb, ${draft.eventKey})
        ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`;
      if (mailNow && inserted[0]) await queueNotificationMail(tx as Transaction, inserted[0].id);
      return inserted.length;
    });
  }
  return delivered;
}

/** Runs `work` in `client`'s transaction, or in a new one when the row and its mail job must commit together. */
async function withTransaction<T>(client: Client, needed: boolean, work: (tx: Client) => Promise<T>): Promise<T> {
  if (!needed || !('$transaction' in client)) return work(client);
  return queueingTransaction(client, (tx) => work(tx));
}

export interface UnreadSummary {
  /** Unread notifications (the badge). */
  count: number;
  /** Whether one of them is a message on the user's talk page ("You have new messages"). */
  talk: boolean;
}

/** The header's badge and new-messages banner: one statement on the (user_id, read_at) index. */
export async function unreadSummary(userId: number): Promise<UnreadSummary> {
  const rows = await getDb().$queryRaw<{ count: number; talk: boolean }[]>`
    SELECT count(*)::int AS count, coalesce(bool_or(kind = 'edit-user-talk'), false) AS talk
    FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`;
  return { count: rows[0]?.count ?? 0, talk: rows[0]?.talk ?? false };
}

export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  agent: { id: number; name: string } | null;
  page: ParsedTitle | null;
  revisionId: number | null;
  params: Record<string, unknown>;
  createdAt: Date;
  read: boolean;
}

export interface NotificationsPage {
  items: NotificationItem[];
  /** The id to pass as `before` for the next older page; null at the end. */
  older: number | null;
}

interface NotificationRow {
  id: number;
  kind: string;
  agent_id: number | null;
  agent_name: string | null;
  namespace: number | null;
  title: string | null;
  revision_id: number | null;
  params: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

/** Special:Notifications: `actor`'s notifications, newest first, keyset-paged by id. */
export async function listNotifications(actor: Actor, options: { limit: number; before?: number; unreadOnly?: boolean }): Promise<NotificationsPage> {
  assertCan(actor, 'viewmynotifications');
  const rows = await getDb().$queryRaw<NotificationRow[]>`
    SELECT n.id, n.kind, n.agent_id, a.name AS agent_name, n.namespace, n.title, n.revision_id, n.params, n.created_at, n.read_at
    FROM notifications n LEFT JOIN users a ON a.id = n.agent_id
    WHERE n.user_id = ${actor.userId} AND n.id < ${options.before ?? MAX_DATABASE_INTEGER}
      AND (${options.unreadOnly === true} = false OR n.read_at IS NULL)
    ORDER BY n.id DESC LIMIT ${options.limit + 1}`;
  const items = rows.slice(0, options.limit).flatMap((row): NotificationItem[] => {
    if (!isNotificationKind(row.kind)) return [];
    const page = row.namespace !== null && row.title !== null && isKnownNamespace(row.namespace) ? makeParsedTitle(row.namespace, row.title) : null;
    return [
      {
        id: row.id,
        kind: row.kind,
        agent: row.agent_id !== null && row.agent_name !== null ? { id: row.agent_id, name: row.agent_name } : null,
        page,
        revisionId: row.revision_id,
        params: row.params,
        createdAt: row.created_at,
        read: row.read_at !== null,
      },
    ];
  });
  return { items, older: rows.length > options.limit ? rows[options.limit - 1]!.id : null };
}

/** Marks some of `actor`'s notifications read (or unread again); others' ids are ignored. */
export async function markNotifications(actor: Actor, ids: readonly number[], read: boolean): Promise<number> {
  assertCan(actor, 'viewmynotifications');
  if (ids.length === 0) return 0;
  return getDb().$executeRaw`
    UPDATE notifications SET read_at = ${read ? new Date() : null}
    WHERE user_id = ${actor.userId} AND id = ANY(${[...ids]}::int[]) AND (read_at IS NULL) = ${read}`;
}

/** "Mark all as read". */
export async function markAllNotificationsRead(actor: Actor): Promise<number> {
  assertCan(actor, 'viewmynotifications');
  return getDb().$executeRaw`UPDATE notifications SET read_at = now() WHERE user_id = ${actor.userId} AND read_at IS NULL`;
}

/** Visiting one's own talk page reads its messages, as on MediaWiki (the banner goes away). */
export async function markTalkMessagesRead(userId: number): Promise<void> {
  await getDb().$executeRaw`UPDATE notifications SET read_at = now() WHERE user_id = ${userId} AND read_at IS NULL AND kind = 'edit-user-talk'`;
}
