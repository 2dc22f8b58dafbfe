import 'server-only';
import { getDb, readFromPrimary } from '@/lib/server/db';
import { usernameKey } from '@/lib/domain/accounts';
import type { Actor, Block } from '@/lib/domain/policy';
import { storedRoleFromDatabase } from '@/lib/domain/user-rights';
import { readPreferences, type Preferences } from '@/lib/domain/preferences';

interface ActorRow {
  id: number;
  name: string;
  role: string;
  is_bot: boolean;
  created_at: Date;
  edit_count: number;
  session_version: number;
  has_password: boolean;
  block_reason: string | null;
  block_expires_at: Date | null;
  block_sitewide: boolean | null;
  block_page_ids: number[] | null;
  preferences: unknown;
}

/** A block row as the permission check takes it; null when there is none or it has expired by `now`. */
function activeBlock(row: ActorRow, now: Date): Block | null {
  if (row.block_sitewide === null) return null;
  if (row.block_expires_at !== null && row.block_expires_at <= now) return null;
  return { reason: row.block_reason ?? '', expiresAt: row.block_expires_at, sitewide: row.block_sitewide, pageIds: row.block_page_ids ?? [] };
}

/**
 * The Actor of an account, read fresh from the database (role, edit count, and any active block),
 * so a block or role change applies at the very next request whatever the credentials: session
 * cookie, API token or maintenance command. null when the account cannot act (a system account
 * without password, or a session issued before the last sign-out: `sessionVersion` given and stale).
 */
export async function loadActor(userId: number, sessionVersion: number | null = null): Promise<Actor | null> {
  return (await loadActorWithPreferences(userId, sessionVersion))?.actor ?? null;
}

/**
 * loadActor, with the account's saved preferences (language, time zone, date format, theme: the
 * request's next-intl configuration applies them). One round trip: the account, its block (at
 * most one per user) and its preferences are read together, since every signed-in request pays for
 * this; the preferences add one small JSON column to that row, not a query.
 */
export async function loadActorWithPreferences(userId: number, sessionVersion: number | null = null): Promise<{ actor: Actor; preferences: Preferences } | null> {
  // From the primary: a block or sign-out applies at the next request, whatever a replica's lag.
  const rows = await readFromPrimary(
    () => getDb().$queryRaw<ActorRow[]>`
    SELECT u.id, u.name, u.role::text AS role, u.is_bot, u.created_at, u.edit_count, u.session_version,
      u.password_hash IS NOT NULL AS has_password, u.preferences,
      b.reason AS block_reason, b.expires_at AS block_expires_at, b.sitewide AS block_sitewide, b.page_ids AS block_page_ids
    FROM users u LEFT JOIN blocks b ON b.user_id = u.id
    WHERE u.id = ${userId}`,
  );
  const user = rows[0];
  if (!user || !user.has_password) return null;
  if (sessionVersion !== null && user.session_version !== sessionVersion) return null;
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    role: storedRoleFromDatabase(user.role),
    createdAt: user.created_at,
    editCount: user.edit_count,
    blocked: activeBlock(user, new Date()),
    bot: user.is_bot,
  };
  return { actor, preferences: readPreferences(user.preferences) };
}

/** The Actor of the account with this name (any spelling that normalizes to it), or null. */
export async function loadActorByName(name: string): Promise<Actor | null> {
  const user = await getDb().user.findUnique({ where: { nameKey: usernameKey(name) }, select: { id: true } });
  return user ? loadActor(user.id) : null;
}
