import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { getDb, untrackedWrite } from '@/lib/server/db';

/** Token format: a recognizable prefix plus 32 random bytes; only the SHA-256 is stored. */
const PREFIX = 'wiki_';

function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createApiToken(userId: number, label: string): Promise<{ id: number; token: string }> {
  const token = PREFIX + randomBytes(32).toString('base64url');
  const row = await getDb().apiToken.create({ data: { userId, label: label.slice(0, 100), tokenHash: hashToken(token) } });
  return { id: row.id, token };
}

/** The user id a live (not revoked) token belongs to, or null. */
export async function userIdForToken(token: string): Promise<number | null> {
  if (!token.startsWith(PREFIX)) return null;
  // Finding the live token and recording its use is one statement: every API request pays for it.
  const rows = await untrackedWrite(
    () => getDb().$queryRaw<{ user_id: number }[]>`
    UPDATE api_tokens SET last_used_at = ${new Date()}
    WHERE token_hash = ${hashToken(token)} AND revoked_at IS NULL
    RETURNING user_id`,
  );
  return rows[0]?.user_id ?? null;
}

export async function revokeApiToken(id: number): Promise<boolean> {
  const result = await getDb().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return result.count > 0;
}

export async function listApiTokens(userId: number) {
  return getDb().apiToken.findMany({
    where: { userId },
    select: { id: true, label: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: { id: 'asc' },
  });
}
