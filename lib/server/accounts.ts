import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { AppError } from '@/lib/domain/errors';
import { passwordIssues, usernameKey, usernameSchema } from '@/lib/domain/accounts';
import { hashPassword, verifyPassword } from '@/lib/server/passwords';
import { assertBelow, consume, LIMITS, recordFailure, reset } from '@/lib/server/throttle';
import type { UserSummary } from '@/lib/domain/wiki';

export interface AccountRecord extends UserSummary {
  role: 'registered' | 'admin';
  sessionVersion: number;
}

function toAccount(user: { id: number; name: string; role: 'USER' | 'ADMIN'; sessionVersion: number }): AccountRecord {
  return { id: user.id, name: user.name, role: user.role === 'ADMIN' ? 'admin' : 'registered', sessionVersion: user.sessionVersion };
}

function parseUsername(input: string): string {
  const parsed = usernameSchema.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid username.';
    throw new AppError('VALIDATION', message, { fieldErrors: { username: message } });
  }
  return parsed.data;
}

/**
 * Creates an account. `ip` is the creator's address for the per-IP throttle (null for the
 * maintenance CLI, which is not throttled).
 */
export async function createAccount(
  input: { username: string; password: string; admin?: boolean },
  ip: string | null,
): Promise<AccountRecord> {
  const name = parseUsername(input.username);
  const issues = passwordIssues(input.password, name);
  if (issues.length > 0) throw new AppError('VALIDATION', issues[0]!, { fieldErrors: { password: issues[0]! } });
  if (ip !== null) await consume(LIMITS.accountCreation, ip);
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await getDb().user.create({
      data: { name, nameKey: usernameKey(name), passwordHash, role: input.admin ? 'ADMIN' : 'USER' },
    });
    return toAccount(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const message = `The username "${name}" is already taken. Please choose another one.`;
      throw new AppError('VALIDATION', message, { fieldErrors: { username: message } });
    }
    throw error;
  }
}

/**
 * Checks a username and password. Wrong guesses are counted per username + IP and refused with
 * RATE_LIMITED after 5 in 5 minutes, whether or not the account exists.
 */
export async function verifyCredentials(username: string, password: string, ip: string): Promise<AccountRecord> {
  const key = usernameKey(username.trim().replaceAll('_', ' '));
  const subject = signInSubject(username, ip);
  await assertBelow(LIMITS.signinFailure, subject);
  const user = await getDb().user.findUnique({ where: { nameKey: key } });
  const valid = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : false;
  if (!user || !valid) {
    await recordFailure(LIMITS.signinFailure, subject);
    throw new AppError('UNAUTHENTICATED', 'Incorrect username or password entered. Please try again.');
  }
  await reset(LIMITS.signinFailure, subject);
  return toAccount(user);
}

function signInSubject(username: string, ip: string): string {
  return `${usernameKey(username.trim().replaceAll('_', ' '))}|${ip}`;
}

/** Throws RATE_LIMITED when this username + IP has used up its failed sign-ins. */
export async function assertSignInAllowed(username: string, ip: string): Promise<void> {
  await assertBelow(LIMITS.signinFailure, signInSubject(username, ip));
}

export async function findAccountByName(username: string): Promise<AccountRecord | null> {
  const user = await getDb().user.findUnique({ where: { nameKey: usernameKey(username.trim().replaceAll('_', ' ')) } });
  return user ? toAccount(user) : null;
}

async function requireAccount(username: string): Promise<AccountRecord> {
  const account = await findAccountByName(username);
  if (!account) throw new AppError('NOT_FOUND', `There is no user called "${username}".`);
  return account;
}

export async function promoteToAdmin(username: string): Promise<AccountRecord> {
  const account = await requireAccount(username);
  return toAccount(await getDb().user.update({ where: { id: account.id }, data: { role: 'ADMIN' } }));
}

/** Sets a new password and ends every existing session of the user. */
export async function setPassword(username: string, password: string): Promise<void> {
  const account = await requireAccount(username);
  const issues = passwordIssues(password, account.name);
  if (issues.length > 0) throw new AppError('VALIDATION', issues[0]!, { fieldErrors: { password: issues[0]! } });
  await getDb().user.update({
    where: { id: account.id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
}

/** Invalidates every session of a user (sign-out, password change, block): JWTs carry the version. */
export async function endSessions(userId: number): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

export { requireAccount };
