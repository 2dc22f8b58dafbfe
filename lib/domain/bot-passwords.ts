/**
 * Bot passwords, as MediaWiki's Special:BotPasswords: an account owner creates a password for one
 * application ("appid"), with only some grants; a bot signs in to api.php as "Name@appid" with it
 * (action=login), and its session may do only what the grants allow, never more than the account
 * itself may (lib/domain/policy.ts applies the grants after the role table).
 *
 * The grant names and what they cover follow MediaWiki's $wgGrantPermissions, mapped onto this
 * wiki's actions; grants for features this wiki does not have are left out rather than faked.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { errorMessage, textInput, zodIssue, zodRefinement } from '@/lib/domain/error-messages';
import type { Action } from '@/lib/domain/policy';

export const GRANTS = [
  'basic',
  'highvolume',
  'editpage',
  'createeditmovepage',
  'uploadfile',
  'uploadeditmovefile',
  'editmywatchlist',
  'rollback',
  'delete',
  'protect',
  'blockusers',
] as const;
export type Grant = (typeof GRANTS)[number];

/**
 * What each grant allows. "basic" is always included, as on MediaWiki. Every grant that writes
 * includes apiwrite, the right to write through an API at all. "highvolume" adds no action: it
 * lets a bot account's edits be marked bot and gives it the bot limits (botSessionFlags).
 */
export const GRANT_ACTIONS: Readonly<Record<Grant, readonly Action[]>> = {
  basic: ['read', 'viewmynotifications', 'viewimportsource'],
  highvolume: [],
  editpage: ['edit', 'apiwrite', 'thank'],
  createeditmovepage: ['create', 'move', 'apiwrite'],
  uploadfile: ['upload', 'apiwrite'],
  uploadeditmovefile: ['upload', 'reupload', 'move', 'apiwrite'],
  editmywatchlist: ['viewmywatchlist', 'editmywatchlist'],
  rollback: ['rollback', 'apiwrite'],
  delete: ['delete', 'undelete', 'viewdeleted', 'hiderevision', 'apiwrite'],
  protect: ['protect', 'apiwrite'],
  blockusers: ['block', 'apiwrite'],
};

export function isGrant(value: string): value is Grant {
  return (GRANTS as readonly string[]).includes(value);
}

/** The actions a session with these grants may take (unknown names, e.g. from an older release, grant nothing). */
export function actionsGranted(grants: readonly string[]): ReadonlySet<Action> {
  const actions = new Set<Action>(GRANT_ACTIONS.basic);
  for (const grant of grants) if (isGrant(grant)) for (const action of GRANT_ACTIONS[grant]) actions.add(action);
  return actions;
}

/** A bot account's edits are marked bot, and it gets the higher limits, only with "highvolume". */
export function botSessionFlags(grants: readonly string[], accountIsBot: boolean): { bot: boolean } {
  return { bot: accountIsBot && grants.includes('highvolume') };
}

/** MediaWiki's BotPassword::getSeparator(): the login name is "Account@appid". */
export const BOT_NAME_SEPARATOR = '@';

/** MediaWiki's limit on an application id (bp_app_id is 32 bytes). */
export const APP_ID_MAX_LENGTH = 32;

/** Letters, digits, spaces, and . _ - : what an application id may hold. */
const APP_ID_PATTERN = /^[\p{L}\p{N} ._-]+$/u;

export function isValidAppId(appId: string): boolean {
  return appId.trim() === appId && appId.length > 0 && new TextEncoder().encode(appId).length <= APP_ID_MAX_LENGTH && APP_ID_PATTERN.test(appId);
}

/**
 * "Name@appid" split into the account name and the application id, or null when the name has
 * no "@" (an ordinary account password, which api.php does not take: MediaWiki's action=login
 * refuses main-account passwords too, unless a wiki allows them).
 */
export function parseBotLoginName(loginName: string): { userName: string; appId: string } | null {
  const at = loginName.lastIndexOf(BOT_NAME_SEPARATOR);
  if (at <= 0 || at === loginName.length - 1) return null;
  const appId = loginName.slice(at + 1);
  if (!isValidAppId(appId)) return null;
  return { userName: loginName.slice(0, at), appId };
}

/**
 * MediaWiki's BotPassword::PASSWORD_MINLENGTH: a generated password is 32 characters of this
 * alphabet (base 32, 160 bits), long enough that the throttle, not guessing, is never the limit.
 */
export const BOT_PASSWORD_LENGTH = 32;
export const BOT_PASSWORD_ALPHABET = '0123456789abcdefghijklmnopqrstuv';

/** What MediaWiki's canonicalizeLoginData takes for a bot password: 32 or more of [0-9a-w]. */
const BOT_PASSWORD_PATTERN = /^[0-9a-w]{32,}$/;

/**
 * MediaWiki's BotPassword::canonicalizeLoginData: "Name@appid" with the password, or the older
 * form "Name" with "appid@password" (some clients put the app id there). Null when neither is a
 * bot password, which action=login then refuses as a main-account password.
 */
export function canonicalBotLogin(name: string, password: string): { loginName: string; password: string } | null {
  if (password.length >= BOT_PASSWORD_LENGTH && name.includes(BOT_NAME_SEPARATOR)) {
    return BOT_PASSWORD_PATTERN.test(password) ? { loginName: name, password } : null;
  }
  if (password.length > BOT_PASSWORD_LENGTH && password.includes(BOT_NAME_SEPARATOR)) {
    const at = password.lastIndexOf(BOT_NAME_SEPARATOR);
    const secret = password.slice(at + 1);
    if (BOT_PASSWORD_PATTERN.test(secret)) return { loginName: `${name}${BOT_NAME_SEPARATOR}${password.slice(0, at)}`, password: secret };
  }
  return null;
}

/** The name a bot signs in with: "Name@appid". */
export function botLoginName(userName: string, appId: string): string {
  return `${userName}${BOT_NAME_SEPARATOR}${appId}`;
}

const appIdInput = textInput(errorMessage('botPasswords.appIdRequired')).transform((appId, ctx) => {
  if (appId === '') ctx.addIssue(zodIssue(errorMessage('botPasswords.appIdRequired')));
  else if (!isValidAppId(appId)) ctx.addIssue(zodIssue(errorMessage('botPasswords.appIdInvalid', { appId, max: APP_ID_MAX_LENGTH })));
  return appId;
});

/** The ticked grants: known names only, each once, "basic" always (MediaWiki hides and implies it). */
const grantsInput = z
  .array(z.string())
  .default([])
  .transform((names, ctx): Grant[] => {
    const unknown = names.find((name) => !isGrant(name));
    if (unknown !== undefined) {
      ctx.addIssue(zodIssue(errorMessage('botPasswords.unknownGrant', { grant: unknown }), ['grants']));
      return z.NEVER;
    }
    return GRANTS.filter((grant) => grant === 'basic' || names.includes(grant));
  });

/** Special:BotPasswords' create form, and the grants form of an existing one (the same two fields). */
export const botPasswordSchema = z.object({ appId: appIdInput, grants: grantsInput });
export type BotPasswordInput = z.output<typeof botPasswordSchema>;

/** Reset and delete name the bot password; delete also needs its box ticked (it cannot be undone). */
export const botPasswordTargetSchema = z.object({ appId: appIdInput });
export const botPasswordDeleteSchema = z.object({
  appId: appIdInput,
  confirm: z.unknown().refine((value) => value === 'yes', zodRefinement(errorMessage('botPasswords.deleteConfirm'))),
});
