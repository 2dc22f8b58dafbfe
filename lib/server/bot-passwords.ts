import 'server-only';
import { randomInt } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import { usernameKey } from '@/lib/domain/accounts';
import { BOT_PASSWORD_ALPHABET, BOT_PASSWORD_LENGTH, botLoginName, parseBotLoginName, type BotPasswordInput } from '@/lib/domain/bot-passwords';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { can, type Actor } from '@/lib/domain/policy';
import { assertSignInAllowed, recordSignInFailure } from '@/lib/server/accounts';
import { getDb, readFromPrimary } from '@/lib/server/db';
import { hashPassword, verifyPassword } from '@/lib/server/passwords';

/*
 * Bot passwords (MediaWiki's Special:BotPasswords and BotPassword::login): an account owner's
 * per-application passwords with limited grants, for bots signing in to api.php (action=login).
 * Only the owner, in a browser session, manages them: a bot password session holds grants, and no
 * grant includes editmyprivateinfo. Nothing here is logged publicly, as on MediaWiki.
 */

export interface BotPasswordSummary {
  appId: string;
  grants: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** A bot password as made or reset: the password is shown this once and never stored in the clear. */
export interface IssuedBotPassword {
  appId: string;
  loginName: string;
  password: string;
}

const SUMMARY = { appId: true, grants: true, createdAt: true, lastUsedAt: true } as const;

/**
 * The signed-in owner managing their bot passwords. A blocked user may still list and delete
 * theirs (`evenIfBlocked`), as on MediaWiki, but not make or widen one.
 */
function ownerOf(actor: Actor, options: { evenIfBlocked?: boolean } = {}): { userId: number; name: string } {
  const decision = can(actor, 'editmyprivateinfo');
  const allowed = decision.allowed || (options.evenIfBlocked === true && decision.reason === 'blocked');
  if (!allowed) throw new AppError(decision.reason === 'not-signed-in' ? 'UNAUTHENTICATED' : 'FORBIDDEN', decision.text);
  return { userId: actor.userId!, name: actor.name! };
}

function notFound(appId: string): AppError {
  return new AppError('NOT_FOUND', errorMessage('botPasswords.notFound', { appId }));
}

/** MediaWiki's PasswordFactory::generateRandomPasswordString(32): unbiased draws from a base-32 alphabet. */
function generateBotPassword(): string {
  let password = '';
  for (let i = 0; i < BOT_PASSWORD_LENGTH; i++) password += BOT_PASSWORD_ALPHABET[randomInt(BOT_PASSWORD_ALPHABET.length)];
  return password;
}

export async function listBotPasswords(actor: Actor): Promise<BotPasswordSummary[]> {
  const { userId } = ownerOf(actor, { evenIfBlocked: true });
  return getDb().botPassword.findMany({ where: { userId }, select: SUMMARY, orderBy: { appId: 'asc' } });
}

export async function getBotPassword(actor: Actor, appId: string): Promise<BotPasswordSummary> {
  const { userId } = ownerOf(actor, { evenIfBlocked: true });
  const row = await readFromPrimary(() => getDb().botPassword.findUnique({ where: { userId_appId: { userId, appId } }, select: SUMMARY }));
  if (row === null) throw notFound(appId);
  return row;
}

export async function createBotPassword(actor: Actor, input: BotPasswordInput): Promise<IssuedBotPassword> {
  const owner = ownerOf(actor);
  const password = generateBotPassword();
  const passwordHash = await hashPassword(password);
  try {
    await getDb().botPassword.create({ data: { userId: owner.userId, appId: input.appId, grants: input.grants, passwordHash } });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const message = errorMessage('botPasswords.appIdTaken', { appId: input.appId });
      throw new AppError('VALIDATION', message, { fieldErrors: { appId: message } });
    }
    throw error;
  }
  return { appId: input.appId, loginName: botLoginName(owner.name, input.appId), password };
}

/** New grants apply to the sessions already signed in with it at their next request (bot-session.ts reads them each time). */
export async function updateBotPasswordGrants(actor: Actor, input: BotPasswordInput): Promise<BotPasswordSummary> {
  const { userId } = ownerOf(actor);
  const rows = await getDb().botPassword.updateManyAndReturn({ where: { userId, appId: input.appId }, data: { grants: input.grants }, select: SUMMARY });
  if (rows.length === 0) throw notFound(input.appId);
  return rows[0]!;
}

/** A new password; every session signed in with the old one ends (its cookie is signed over the old hash). */
export async function resetBotPassword(actor: Actor, appId: string): Promise<IssuedBotPassword> {
  const owner = ownerOf(actor);
  const password = generateBotPassword();
  const result = await getDb().botPassword.updateMany({ where: { userId: owner.userId, appId }, data: { passwordHash: await hashPassword(password) } });
  if (result.count === 0) throw notFound(appId);
  return { appId, loginName: botLoginName(owner.name, appId), password };
}

/** Deletes it, ending its sessions. */
export async function deleteBotPassword(actor: Actor, appId: string): Promise<void> {
  const { userId } = ownerOf(actor, { evenIfBlocked: true });
  const result = await getDb().botPassword.deleteMany({ where: { userId, appId } });
  if (result.count === 0) throw notFound(appId);
}

export interface BotLogin {
  botPasswordId: number;
  userId: number;
  userName: string;
}

/**
 * MediaWiki's BotPassword::login: "Name@appid" and its password. Failures count against the
 * sign-in throttles of Special:UserLogin (per name + address and per name), and a throttled name
 * is refused even with the right password (RATE_LIMITED). A success does not clear those
 * counters: holding one bot password must not help anyone guess the account's main password.
 * A blocked account may sign in (the policy refuses its writes); a system account, or one without
 * a password, cannot. Wrong name, unknown app id and wrong password are one refusal, so the
 * answer tells nothing about which accounts or bot passwords exist.
 */
export async function verifyBotLogin(loginName: string, password: string, ip: string): Promise<BotLogin> {
  const parsed = parseBotLoginName(loginName);
  if (parsed === null) throw new AppError('UNAUTHENTICATED', errorMessage('account.wrongCredentials'));
  await assertSignInAllowed(parsed.userName, ip);
  const user = await readFromPrimary(() =>
    getDb().user.findUnique({
      where: { nameKey: usernameKey(parsed.userName.trim().replaceAll('_', ' ')) },
      select: { id: true, name: true, isSystem: true, passwordHash: true, botPasswords: { where: { appId: parsed.appId }, select: { id: true, passwordHash: true } } },
    }),
  );
  const row = user && !user.isSystem && user.passwordHash !== null ? user.botPasswords[0] : undefined;
  // verifyPassword does the same work without a row, so a missing account takes as long to refuse.
  const valid = await verifyPassword(password, row?.passwordHash);
  if (!user || !row || !valid) {
    await recordSignInFailure(parsed.userName, ip);
    throw new AppError('UNAUTHENTICATED', errorMessage('account.wrongCredentials'));
  }
  await getDb().botPassword.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { botPasswordId: row.id, userId: user.id, userName: user.name };
}
