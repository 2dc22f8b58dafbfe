/**
 * Who may do what, MediaWiki-style: one declarative table of rights per role ($wgGroupPermissions),
 * plus blocks and page protection, decided by one pure function. Every page, server action and API
 * route asks `can`/`assertCan`, so the rules live here and nowhere else.
 *
 * Pure: no I/O. The caller loads the actor (with any active block) and the page's protection.
 */
import { AppError } from '@/lib/domain/errors';
import { englishText, errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';

export type Role = 'anonymous' | 'registered' | 'autoconfirmed' | 'admin';

export type Action =
  | 'read'
  | 'edit'
  | 'create'
  | 'createaccount'
  | 'move'
  | 'delete'
  | 'undelete'
  | 'protect'
  | 'block'
  | 'rollback'
  | 'hiderevision'
  | 'userrights'
  | 'viewdeleted'
  /** Read the wikitext an imported revision was converted from (docs/wikitext-import.md). */
  | 'viewimportsource'
  | 'apiwrite'
  /** Upload a file to a name that has none (docs/files.md). */
  | 'upload'
  /** Upload a new version of an existing file (MediaWiki's reupload). */
  | 'reupload'
  /** See one's own watchlist and its private feed (MediaWiki's viewmywatchlist). */
  | 'viewmywatchlist'
  /** Watch and unwatch pages, edit one's watchlist (MediaWiki's editmywatchlist). */
  | 'editmywatchlist'
  /** Read one's notifications and mark them read (Echo's, for any signed-in user). */
  | 'viewmynotifications'
  /** Thank someone for an edit (MediaWiki's Thanks extension; a block stops it). */
  | 'thank'
  /**
   * Manage one's own bot passwords (MediaWiki's editmyprivateinfo, which Special:BotPasswords
   * needs). No grant includes it, so a bot password session can never make or widen another.
   */
  | 'editmyprivateinfo';

export interface Block {
  reason: string;
  /** null = indefinite. */
  expiresAt: Date | null;
  /** false = a partial block, only for the pages in pageIds (MediaWiki's partial blocks). */
  sitewide: boolean;
  pageIds: number[];
}

export interface Actor {
  userId: number | null;
  name: string | null;
  /** Stored role; null = anonymous. Autoconfirmed is never stored: it is derived (effectiveRole). */
  role: 'registered' | 'admin' | null;
  createdAt: Date | null;
  editCount: number;
  blocked: Block | null;
  /** MediaWiki's "bot" group (users.is_bot): edits marked bot, the bot edit throttle. Absent: not a bot. */
  bot?: boolean;
  /**
   * What a session signed in with a bot password may do (its grants, lib/domain/bot-passwords.ts):
   * anything else is refused whatever the account's role allows. Absent or null: the account's
   * full rights (a browser session, a personal API token).
   */
  grants?: ReadonlySet<Action> | null;
}

export const ANONYMOUS: Actor = Object.freeze({
  userId: null,
  name: null,
  role: null,
  createdAt: null,
  editCount: 0,
  blocked: null,
});

const DAY_MS = 24 * 60 * 60 * 1000;
/** MediaWiki's $wgAutoConfirmAge (4 days) and $wgAutoConfirmCount (10 edits), as on Wikipedia. */
export const AUTOCONFIRM_AGE_MS = 4 * DAY_MS;
export const AUTOCONFIRM_EDIT_COUNT = 10;

export function effectiveRole(actor: Actor, now: Date): Role {
  if (actor.userId === null) return 'anonymous';
  if (actor.role === 'admin') return 'admin';
  const age = actor.createdAt === null ? 0 : now.getTime() - actor.createdAt.getTime();
  if (age >= AUTOCONFIRM_AGE_MS && actor.editCount >= AUTOCONFIRM_EDIT_COUNT) return 'autoconfirmed';
  return 'registered';
}

const ALL: readonly Role[] = ['anonymous', 'registered', 'autoconfirmed', 'admin'];
const SIGNED_IN: readonly Role[] = ['registered', 'autoconfirmed', 'admin'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * The rights table. Roles are listed explicitly (not "at least X") so the table reads like
 * MediaWiki's group permissions. apiwrite (writing through the REST API) needs an account even
 * when anonymous editing is on: API clients authenticate.
 */
export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  read: ALL,
  edit: SIGNED_IN,
  create: SIGNED_IN,
  createaccount: ['anonymous'],
  // MediaWiki's default: any registered editor may move pages (move protection can raise it).
  move: ['registered', 'autoconfirmed', 'admin'],
  delete: ADMIN,
  undelete: ADMIN,
  protect: ADMIN,
  block: ADMIN,
  rollback: ADMIN,
  hiderevision: ADMIN,
  userrights: ADMIN,
  viewdeleted: ADMIN,
  // Administrators, as MediaWiki's importers: the original may hold what the conversion left out.
  viewimportsource: ADMIN,
  apiwrite: SIGNED_IN,
  // MediaWiki's defaults: registered users upload and overwrite (upload protection can raise it).
  upload: SIGNED_IN,
  reupload: SIGNED_IN,
  viewmywatchlist: SIGNED_IN,
  editmywatchlist: SIGNED_IN,
  viewmynotifications: SIGNED_IN,
  thank: SIGNED_IN,
  editmyprivateinfo: SIGNED_IN,
};

export interface PolicySettings {
  /** MediaWiki's default lets anyone edit; this wiki asks for an account unless this is on. */
  anonymousEditing: boolean;
}

export const DEFAULT_POLICY_SETTINGS: PolicySettings = Object.freeze({ anonymousEditing: false });

/** The role an actor needs at least; ordered admin ≥ autoconfirmed ≥ registered ≥ anonymous. */
export type ProtectionLevel = 'registered' | 'autoconfirmed' | 'admin';

export interface PageContext {
  /** null for a page that does not exist yet. */
  id: number | null;
  /** Edit protection also covers creating the page (this wiki has no separate create protection). */
  protection?: { edit?: ProtectionLevel; move?: ProtectionLevel; upload?: ProtectionLevel };
}

export type DenialReason = 'not-signed-in' | 'not-permitted' | 'blocked' | 'protected';

/** A refusal says why: `message` in English, `text` to show in the reader's language. */
export type Decision = { allowed: true } | { allowed: false; reason: DenialReason; message: string; text: ErrorMessage };

const RANK: Readonly<Record<Role, number>> = { anonymous: 0, registered: 1, autoconfirmed: 2, admin: 3 };

export function roleAtLeast(role: Role, level: Role): boolean {
  return RANK[role] >= RANK[level];
}

/**
 * Reading and seeing deleted material change nothing, and a watchlist and notifications are the
 * user's own, not the wiki's: blocked users keep them (as on MediaWiki, where a block never stops editmywatchlist).
 */
const READ_ONLY_ACTIONS: ReadonlySet<Action> = new Set<Action>(['read', 'viewdeleted', 'viewimportsource', 'viewmywatchlist', 'editmywatchlist', 'viewmynotifications']);

/** "edit pages": what the actor tried, as the refusal words it. */
function doing(action: Action): ErrorMessage {
  return errorMessage(`policy.action.${action}`);
}

/** "signed-in users": who may do it. */
function who(role: Role | null): ErrorMessage {
  if (role === null) return errorMessage('policy.who.nobody');
  return role === 'autoconfirmed' ? errorMessage('policy.who.autoconfirmed', { edits: AUTOCONFIRM_EDIT_COUNT }) : errorMessage(`policy.who.${role}`);
}

export function allowedRoles(action: Action, settings: PolicySettings = DEFAULT_POLICY_SETTINGS): readonly Role[] {
  const roles = PERMISSIONS[action];
  if (settings.anonymousEditing && (action === 'edit' || action === 'create') && !roles.includes('anonymous')) {
    return ['anonymous', ...roles];
  }
  return roles;
}

/**
 * Whether the actor may do the action (on the page, if any). Checked in MediaWiki's order: rights,
 * then blocks, then protection — so the first reason given is the one to address first.
 */
export function can(actor: Actor, action: Action, page?: PageContext | null, settings: PolicySettings = DEFAULT_POLICY_SETTINGS, now: Date = new Date()): Decision {
  const role = effectiveRole(actor, now);
  const roles = allowedRoles(action, settings);

  if (!roles.includes(role)) {
    // Signing in is the way forward whenever some account could do it (even an admin one).
    if (role === 'anonymous' && roles.some((allowed) => allowed !== 'anonymous')) {
      return deny('not-signed-in', errorMessage('policy.signIn', { action: doing(action) }));
    }
    if (action === 'createaccount') return deny('not-permitted', errorMessage('policy.alreadySignedIn'));
    const lowest = roles.reduce<Role | null>((min, r) => (min === null || RANK[r] < RANK[min] ? r : min), null);
    return deny('not-permitted', errorMessage('policy.notPermitted', { action: doing(action), who: who(lowest) }));
  }

  // As MediaWiki's BotPasswordSessionProvider: a grant narrows rights, it never adds one.
  if (actor.grants && !actor.grants.has(action)) return deny('not-permitted', errorMessage('policy.notGranted', { action: doing(action) }));

  if (!READ_ONLY_ACTIONS.has(action)) {
    const block = activeBlock(actor.blocked, page ?? null, now);
    if (block !== null) return deny('blocked', blockMessage(block, now));
  }

  const level = protectionLevel(action, page ?? null);
  if (level !== undefined && !roleAtLeast(role, level)) {
    const protectedAction = action === 'move' ? 'move' : action === 'upload' || action === 'reupload' ? 'upload' : 'edit';
    return deny('protected', errorMessage('policy.protected', { who: errorMessage(`policy.protectedFor.${level}`), action: protectedAction }));
  }

  return { allowed: true };
}

/** `can`, for code paths that should stop: not signed in → UNAUTHENTICATED, otherwise FORBIDDEN. */
export function assertCan(actor: Actor, action: Action, page?: PageContext | null, settings: PolicySettings = DEFAULT_POLICY_SETTINGS, now: Date = new Date()): void {
  const decision = can(actor, action, page, settings, now);
  if (decision.allowed) return;
  throw new AppError(decision.reason === 'not-signed-in' ? 'UNAUTHENTICATED' : 'FORBIDDEN', decision.text);
}

function deny(reason: DenialReason, text: ErrorMessage): Decision {
  return { allowed: false, reason, message: englishText(text), text };
}

/** The block that stops this action, if any: not expired, and sitewide or covering this page. */
function activeBlock(block: Block | null, page: PageContext | null, now: Date): Block | null {
  if (block === null) return null;
  if (block.expiresAt !== null && block.expiresAt.getTime() <= now.getTime()) return null;
  if (block.sitewide) return block;
  return page !== null && page.id !== null && block.pageIds.includes(page.id) ? block : null;
}

function blockMessage(block: Block, now: Date): ErrorMessage {
  const scope = block.sitewide ? 'sitewide' : 'page';
  let until = errorMessage('policy.indefinitely');
  if (block.expiresAt !== null) {
    // A block ending within a day would read "until <today>": the time makes it meaningful.
    const soon = block.expiresAt.getTime() - now.getTime() < DAY_MS;
    until = errorMessage(soon ? 'policy.untilTime' : 'policy.untilDate', { at: block.expiresAt });
  }
  const reason = block.reason.trim();
  return reason === '' ? errorMessage('policy.blocked', { scope, until }) : errorMessage('policy.blockedWithReason', { scope, until, reason });
}

function protectionLevel(action: Action, page: PageContext | null): ProtectionLevel | undefined {
  if (page === null || page.protection === undefined) return undefined;
  if (action === 'edit' || action === 'create') return page.protection.edit;
  if (action === 'move') return page.protection.move;
  // As MediaWiki: an upload also changes the page, so edit protection holds it back as well as
  // upload protection (File: pages only); the stricter of the two applies.
  if (action === 'upload' || action === 'reupload') return stricter(page.protection.edit, page.protection.upload);
  return undefined;
}

function stricter(a: ProtectionLevel | undefined, b: ProtectionLevel | undefined): ProtectionLevel | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}
