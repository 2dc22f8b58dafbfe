import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { passwordProblems, USERNAME_MAX_LENGTH, usernameKey, usernameSchema } from '@/lib/domain/accounts';
import { errorMessage, issueText } from '@/lib/domain/error-messages';
import { hashPassword, verifyPassword } from '@/lib/server/passwords';
import { assertBelow, consume, LIMITS, recordFailure, reset } from '@/lib/server/throttle';
import { databaseRoleOf, storedRoleFromDatabase, type StoredRole } from '@/lib/domain/user-rights';
import type { UserSummary } from '@/lib/domain/wiki';
import { writeLogEntry } from '@/lib/server/log';
import { assertNameNotConfusable, fillMissingNameSkeletons, userPageTitle } from '@/lib/server/users';
import type { Transaction } from '@/lib/server/transaction';

export interface AccountRecord extends UserSummary {
  role: StoredRole;
  sessionVersion: number;
}

function toAccount(user: { id: number; name: string; role: 'USER' | 'ADMIN'; sessionVersion: number }): AccountRecord {
  return { id: user.id, name: user.name, role: storedRoleFromDatabase(user.role), sessionVersion: user.sessionVersion };
}

function parseUsername(input: string): string {
  const parsed = usernameSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue ? issueText(issue) : errorMessage('account.usernameInvalid');
    throw new AppError('VALIDATION', message, { fieldErrors: { username: message } });
  }
  return parsed.data;
}

/**
 * Creates an account. `ip` is the creator's address for the per-IP throttle (null for the
 * maintenance CLI, which is not throttled).
 */
export async function createAccount(input: { username: string; password: string; admin?: boolean }, ip: string | null, audit: AccountAudit = {}): Promise<AccountRecord> {
  const name = parseUsername(input.username);
  const issues = passwordProblems(input.password, name);
  if (issues.length > 0) throw new AppError('VALIDATION', issues[0]!, { fieldErrors: { password: issues[0]! } });
  if (ip !== null) await consume(LIMITS.accountCreation, ip);
  const passwordHash = await hashPassword(input.password);
  await fillMissingNameSkeletons(getDb());
  try {
    const user = await getDb().$transaction(async (tx) => {
      const nameSkeleton = await assertNameNotConfusable(tx, name);
      const created = await tx.user.create({
        data: { name, nameKey: usernameKey(name), nameSkeleton, passwordHash, role: databaseRoleOf(input.admin ? 'admin' : 'registered') },
      });
      await logAccountCreation(tx, created, input.admin === true, audit);
      return created;
    });
    return toAccount(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const message = errorMessage('account.usernameTaken', { name });
      throw new AppError('VALIDATION', message, { fieldErrors: { username: message } });
    }
    throw error;
  }
}

export interface AccountAudit {
  /** The administrator creating the account (maintenance CLI --as); absent: the user signed up. */
  createdBy?: number | null;
  /** Shown in the log; accounts created by people signing up have none. */
  reason?: string;
}

/**
 * The user creation log entry (MediaWiki's newusers: 'create' by the new user themself, 'create2'
 * by someone else), and for an account created as administrator its rights entry, in the same
 * transaction as the account.
 */
async function logAccountCreation(tx: Transaction, user: { id: number; name: string }, admin: boolean, audit: AccountAudit): Promise<void> {
  const creator = audit.createdBy ?? null;
  const title = userPageTitle(user.name);
  const comment = audit.reason ?? '';
  await writeLogEntry(tx, {
    type: 'newusers',
    action: creator === null ? 'create' : 'create2',
    actorId: creator ?? user.id,
    title,
    comment,
    params: { userId: user.id },
  });
  if (admin) await writeLogEntry(tx, { type: 'rights', action: 'rights', actorId: creator, title, comment, params: { from: 'registered', to: 'admin' } });
}

/**
 * Checks a username and password. Wrong guesses are counted per username + IP (5 in 5 minutes)
 * and per username from every address (LIMITS.signinFailureAccount), whether or not the account
 * exists; over either limit the attempt is refused with RATE_LIMITED, even with the right password.
 */
export async function verifyCredentials(username: string, password: string, ip: string): Promise<AccountRecord> {
  const subjects = signInSubjects(username, ip);
  await assertSignInSubjectsAllowed(subjects);
  const user = await getDb().user.findUnique({ where: { nameKey: subjects.account } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid) {
    await recordFailure(LIMITS.signinFailure, subjects.address);
    await recordFailure(LIMITS.signinFailureAccount, subjects.account);
    throw new AppError('UNAUTHENTICATED', errorMessage('account.wrongCredentials'));
  }
  await reset(LIMITS.signinFailure, subjects.address);
  await reset(LIMITS.signinFailureAccount, subjects.account);
  return toAccount(user);
}

/** The throttles' subjects: the name's key with the address, and the name's key alone. */
function signInSubjects(username: string, ip: string): { address: string; account: string } {
  const key = bounded(usernameKey(username.trim().replaceAll('_', ' ')), USERNAME_MAX_LENGTH);
  return { address: `${key}|${bounded(ip, IP_MAX_LENGTH)}`, account: key };
}

/** The longest address text (an IPv6 address with an IPv4 tail) a subject keeps as it is. */
const IP_MAX_LENGTH = 45;

/**
 * `value`, or a digest of it when longer than any real one: a sign-in may type a name of any
 * length, and its failure must be counted like any other, not fail to fit the throttle's column.
 */
function bounded(value: string, max: number): string {
  return [...value].length <= max ? value : `#${createHash('sha256').update(value).digest('hex')}`;
}

async function assertSignInSubjectsAllowed(subjects: { address: string; account: string }): Promise<void> {
  await assertBelow(LIMITS.signinFailure, subjects.address);
  await assertBelow(LIMITS.signinFailureAccount, subjects.account);
}

/** Throws RATE_LIMITED when this username + IP, or this username from anywhere, has used up its failed sign-ins. */
export async function assertSignInAllowed(username: string, ip: string): Promise<void> {
  await assertSignInSubjectsAllowed(signInSubjects(username, ip));
}

/**
 * Counts one wrong password for this username + IP and for the username, as a failed sign-in does:
 * bot passwords (lib/server/bot-passwords.ts) share these counters, so guessing through api.php
 * is no faster than through Special:UserLogin.
 */
export async function recordSignInFailure(username: string, ip: string): Promise<void> {
  const subjects = signInSubjects(username, ip);
  await recordFailure(LIMITS.signinFailure, subjects.address);
  await recordFailure(LIMITS.signinFailureAccount, subjects.account);
}

export async function findAccountByName(username: string): Promise<AccountRecord | null> {
  const user = await getDb().user.findUnique({ where: { nameKey: usernameKey(username.trim().replaceAll('_', ' ')) } });
  return user ? toAccount(user) : null;
}

async function requireAccount(username: string): Promise<AccountRecord> {
  const account = await findAccountByName(username);
  if (!account) throw new AppError('NOT_FOUND', errorMessage('account.noSuchUser', { name: username }));
  return account;
}

/** Sets a new password and ends every existing session of the user. */
export async function setPassword(username: string, password: string): Promise<void> {
  const account = await requireAccount(username);
  const issues = passwordProblems(password, account.name);
  if (issues.length > 0) throw new AppError('VALIDATION', issues[0]!, { fieldErrors: { password: issues[0]! } });
  await getDb().user.update({
    where: { id: account.id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
}

/**
 * A signed-in user changes their own password: only with the current one (checked and throttled
 * like a sign-in), and every existing session ends, this one included.
 */
export async function changeOwnPassword(userId: number, currentPassword: string, newPassword: string, ip: string): Promise<AccountRecord> {
  const user = await getDb().user.findUnique({ where: { id: userId } });
  if (!user) throw new AppError('UNAUTHENTICATED', errorMessage('account.signInToChangePassword'));
  try {
    await verifyCredentials(user.name, currentPassword, ip);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') throw error;
    const message = errorMessage('account.currentPasswordWrong');
    throw new AppError('UNAUTHENTICATED', message, { fieldErrors: { currentPassword: message } });
  }
  await setPassword(user.name, newPassword);
  return toAccount(user);
}

/** Invalidates every session of a user (sign-out, password change, block): JWTs carry the version. */
export async function endSessions(userId: number): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export { requireAccount };
