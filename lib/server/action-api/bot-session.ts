import 'server-only';
import { actionsGranted, botSessionFlags } from '@/lib/domain/bot-passwords';
import type { Actor } from '@/lib/domain/policy';
import { loadActor } from '@/lib/server/actors';
import { getDb, readFromPrimary } from '@/lib/server/db';
import { signed, tokenMatches } from '@/lib/server/action-api/tokens';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * The session a bot gets from action=login with a bot password: a signed cookie, so nothing is
 * stored per session. The signature covers the bot password's hash, its session epoch and the
 * account's session version, so resetting or deleting the bot password, logging out
 * (action=logout bumps the epoch), signing the account out everywhere or blocking it ends every
 * session made with it at the next request, as on MediaWiki.
 */

export const BOT_SESSION_COOKIE = 'wiki_api_session';
/** A bot that stays away longer signs in again (mwn does so by itself on assertuserfailed). */
export const BOT_SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

interface BotPasswordRow {
  id: number;
  userId: number;
  appId: string;
  passwordHash: string;
  grants: string[];
  sessionVersion: number;
  sessionEpoch: number;
}

async function botPasswordRow(id: number): Promise<BotPasswordRow | null> {
  // From the primary: a reset or deletion applies at the very next request, whatever a replica's lag.
  const row = await readFromPrimary(() =>
    getDb().botPassword.findUnique({
      where: { id },
      select: { id: true, userId: true, appId: true, passwordHash: true, grants: true, sessionEpoch: true, user: { select: { sessionVersion: true } } },
    }),
  );
  return (
    row && {
      id: row.id,
      userId: row.userId,
      appId: row.appId,
      passwordHash: row.passwordHash,
      grants: row.grants,
      sessionVersion: row.user.sessionVersion,
      sessionEpoch: row.sessionEpoch,
    }
  );
}

function signature(row: BotPasswordRow, issuedAt: number): string {
  return signed(`botsession|${row.id}|${issuedAt}|${row.passwordHash}|${row.sessionVersion}|${row.sessionEpoch}`);
}

/** The cookie value for a new session with this bot password (after its password was checked). */
export async function botSessionCookieValue(botPasswordId: number, now: Date = new Date()): Promise<string> {
  const row = await botPasswordRow(botPasswordId);
  if (row === null) throw new Error(`bot password ${botPasswordId} vanished while signing in`);
  const issuedAt = Math.floor(now.getTime() / 1000);
  return `${row.id}.${issuedAt}.${signature(row, issuedAt)}`;
}

export interface BotSession {
  actor: Actor;
  botPassword: { id: number; appId: string; grants: readonly string[] };
  /** What the session's tokens are derived from. */
  seed: string;
}

/** The session a cookie value stands for, or null (forged, expired, revoked: anonymous, as MediaWiki). */
export async function botSessionOf(value: string, now: Date = new Date()): Promise<BotSession | null> {
  const match = /^(\d{1,10})\.(\d{1,12})\.([0-9a-f]{64})$/.exec(value);
  if (!match || !isStorableId(Number(match[1]))) return null;
  const issuedAt = Number(match[2]);
  if (now.getTime() / 1000 - issuedAt > BOT_SESSION_MAX_AGE_SECONDS) return null;
  const row = await botPasswordRow(Number(match[1]));
  if (row === null || !tokenMatches(match[3]!, signature(row, issuedAt))) return null;
  const account = await loadActor(row.userId, row.sessionVersion);
  if (account === null) return null;
  const actor: Actor = { ...account, ...botSessionFlags(row.grants, account.bot === true), grants: actionsGranted(row.grants) };
  return { actor, botPassword: { id: row.id, appId: row.appId, grants: row.grants }, seed: `bot|${row.id}|${issuedAt}` };
}

/** action=logout: every session signed in with this bot password ends (a copied cookie too). */
export async function endBotSessions(botPasswordId: number): Promise<void> {
  await getDb().botPassword.updateMany({ where: { id: botPasswordId }, data: { sessionEpoch: { increment: 1 } } });
}
