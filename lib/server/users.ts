import 'server-only';
import { getDb } from '@/lib/server/db';
import type { UserSummary } from '@/lib/domain/wiki';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { usernameKey } from '@/lib/domain/accounts';
import { usernameSkeleton } from '@/lib/domain/username-skeleton';
import { makeParsedTitle, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** The account that imports and maintenance scripts attribute their edits to. It cannot sign in. */
export const IMPORT_USER_NAME = 'Wiki import';

export async function ensureSystemUser(name: string): Promise<UserSummary> {
  // INSERT … ON CONFLICT DO NOTHING, then read: two instances starting on one database at once
  // both create it, and Prisma's upsert (read, then insert) fails the second with a unique-key error.
  await getDb().user.createMany({ data: [{ name, nameKey: name.toLowerCase(), nameSkeleton: usernameSkeleton(name), isSystem: true }], skipDuplicates: true });
  return getDb().user.findUniqueOrThrow({ where: { nameKey: name.toLowerCase() }, select: { id: true, name: true } });
}

/**
 * Anonymous edits (when the site allows them) are attributed to the editor's IP address, as on
 * MediaWiki. Usernames that look like IP addresses cannot be registered, so these never clash.
 */
export async function anonymousAuthorId(ip: string): Promise<number> {
  // Insert-or-skip, then read, as ensureSystemUser: two first edits from one address at once both insert.
  const nameKey = ip.toLowerCase();
  await getDb().user.createMany({ data: [{ name: ip, nameKey, nameSkeleton: usernameSkeleton(ip) }], skipDuplicates: true });
  const user = await getDb().user.findUniqueOrThrow({ where: { nameKey }, select: { id: true } });
  return user.id;
}

type UserTable = Pick<Transaction, 'user' | '$executeRaw'>;

/**
 * Computes the skeletons accounts lack: every account made before the column existed (the
 * migration cannot run the confusables table), in one statement. Cheap once done: the index on
 * name_skeleton also finds the NULLs. Run outside long transactions, so two callers never hold
 * row locks the other waits for.
 */
export async function fillMissingNameSkeletons(db: UserTable): Promise<void> {
  const missing = await db.user.findMany({ where: { nameSkeleton: null }, select: { id: true, name: true } });
  if (missing.length === 0) return;
  await db.$executeRaw`
    UPDATE users SET name_skeleton = filled.skeleton
    FROM unnest(${missing.map((user) => user.id)}::int[], ${missing.map((user) => usernameSkeleton(user.name))}::text[]) AS filled(id, skeleton)
    WHERE users.id = filled.id AND users.name_skeleton IS NULL`;
}

/**
 * The account whose name looks like `name` (same TR39 skeleton, another account), if any, and the
 * skeleton to store with `name`. Call inside the transaction that creates the account: it locks
 * the skeleton until the transaction ends, so two look-alike names made at once cannot both pass.
 */
export async function findConfusableAccount(tx: UserTable, name: string): Promise<{ skeleton: string; existing: string | null }> {
  const skeleton = usernameSkeleton(name);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`user-name-skeleton:${skeleton}`}))`;
  const twin = await tx.user.findFirst({
    where: { nameSkeleton: skeleton, NOT: { nameKey: usernameKey(name) } },
    select: { name: true },
    orderBy: { id: 'asc' },
  });
  return { skeleton, existing: twin?.name ?? null };
}

/** findConfusableAccount, refusing a look-alike with a message that names the existing account. */
export async function assertNameNotConfusable(tx: UserTable, name: string): Promise<string> {
  const { skeleton, existing } = await findConfusableAccount(tx, name);
  if (existing !== null) {
    const message = errorMessage('account.usernameConfusable', { name, existing });
    throw new AppError('VALIDATION', message, { fieldErrors: { username: message } });
  }
  return skeleton;
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
