import 'server-only';
import { getDb } from '@/lib/server/db';
import type { UserSummary } from '@/lib/domain/wiki';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { usernameKey } from '@/lib/domain/accounts';
import { makeParsedTitle, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** The account that imports and maintenance scripts attribute their edits to. It cannot sign in. */
export const IMPORT_USER_NAME = 'Wiki import';

export async function ensureSystemUser(name: string): Promise<UserSummary> {
  const user = await getDb().user.upsert({
    where: { nameKey: name.toLowerCase() },
    create: { name, nameKey: name.toLowerCase(), isSystem: true },
    update: {},
    select: { id: true, name: true },
  });
  return user;
}

/**
 * Anonymous edits (when the site allows them) are attributed to the editor's IP address, as on
 * MediaWiki. Usernames that look like IP addresses cannot be registered, so these never clash.
 */
export async function anonymousAuthorId(ip: string): Promise<number> {
  const user = await getDb().user.upsert({
    where: { nameKey: ip.toLowerCase() },
    create: { name: ip, nameKey: ip.toLowerCase() },
    update: {},
    select: { id: true },
  });
  return user.id;
}

/**
 * The account with this name (any spelling that normalizes to it), or NOT_FOUND with a message for
 * the form's user field. `db` may be a transaction.
 */
export async function requireUserNamed(db: Pick<Transaction, 'user'>, name: string): Promise<UserSummary> {
  const user = await db.user.findUnique({ where: { nameKey: usernameKey(name) }, select: { id: true, name: true } });
  if (!user) {
    const message = errorMessage('users.noSuchUser', { name });
    throw new AppError('NOT_FOUND', message, { fieldErrors: { target: message } });
  }
  return user;
}

/** A user's User: page, the title of log entries about the user (system names may not be valid titles). */
export function userPageTitle(name: string): ParsedTitle {
  const parsed = tryParseTitle(`User:${name}`);
  return parsed.ok ? parsed.title : makeParsedTitle(NS.USER, name.replaceAll(' ', '_'));
}
