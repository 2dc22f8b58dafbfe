import 'server-only';
import { getDb } from '@/lib/server/db';
import { activeBlockOf } from '@/lib/server/blocks';
import { usernameKey } from '@/lib/domain/accounts';
import type { Actor } from '@/lib/domain/policy';

/**
 * The Actor of an account, read fresh from the database (role, edit count, and any active block),
 * so a block or role change applies at the very next request whatever the credentials: session
 * cookie, API token or maintenance command. null when the account cannot act (a system account
 * without password, or a session issued before the last sign-out: `sessionVersion` given and stale).
 */
export async function loadActor(userId: number, sessionVersion: number | null = null): Promise<Actor | null> {
  const [user, blocked] = await Promise.all([
    getDb().user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, role: true, createdAt: true, editCount: true, sessionVersion: true, passwordHash: true },
    }),
    activeBlockOf(userId),
  ]);
  if (!user || !user.passwordHash) return null;
  if (sessionVersion !== null && user.sessionVersion !== sessionVersion) return null;
  return {
    userId: user.id,
    name: user.name,
    role: user.role === 'ADMIN' ? 'admin' : 'registered',
    createdAt: user.createdAt,
    editCount: user.editCount,
    blocked,
  };
}

/** The Actor of the account with this name (any spelling that normalizes to it), or null. */
export async function loadActorByName(name: string): Promise<Actor | null> {
  const user = await getDb().user.findUnique({ where: { nameKey: usernameKey(name) }, select: { id: true } });
  return user ? loadActor(user.id) : null;
}
