/**
 * Page protection (MediaWiki's Special:Protect / action=protect): per page, separately for editing
 * and moving, a least role (registered, autoconfirmed, admin) with an expiry and a reason.
 *
 * Here: the protect form's schema (shared by the form, the Server Action and the CLI), the
 * protection state as a token (to detect a concurrent change), and protections described in words
 * for the lock, the View source notice and the log. Pure: no I/O.
 */
import { z } from 'zod';
import { parseExpiry, reasonField } from '@/lib/domain/admin-input';
import { formatTimestamp } from '@/lib/domain/format';
import type { LogParams } from '@/lib/domain/log';
import { can, DEFAULT_POLICY_SETTINGS, type Actor, type PageContext, type PolicySettings, type ProtectionLevel } from '@/lib/domain/policy';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { WatchState } from '@/lib/domain/watchlist';
import { englishText, errorMessage, issueText, zodIssue, zodRefinement, type ErrorText } from '@/lib/domain/error-messages';

export const PROTECTED_ACTIONS = ['edit', 'move'] as const;
export type ProtectedAction = (typeof PROTECTED_ACTIONS)[number];
/** File: pages can also be protected for uploads of new versions (MediaWiki's upload protection). */
export const FILE_PROTECTED_ACTIONS = ['edit', 'move', 'upload'] as const;
export type ProtectableAction = (typeof FILE_PROTECTED_ACTIONS)[number];

/** The actions a page can be protected for: upload on File: pages only. */
export function protectableActions(namespace: number): readonly ProtectableAction[] {
  return namespace === NS.FILE ? FILE_PROTECTED_ACTIONS : PROTECTED_ACTIONS;
}

/** The levels the form offers, weakest first; 'none' removes the protection. */
export const LEVEL_CHOICES = ['none', 'registered', 'autoconfirmed', 'admin'] as const;
export type LevelChoice = (typeof LEVEL_CHOICES)[number];

export const LEVEL_LABELS: Readonly<Record<LevelChoice, string>> = {
  none: 'Allow all users',
  registered: 'Allow only signed-in users',
  autoconfirmed: 'Allow only autoconfirmed users',
  admin: 'Allow only administrators',
};

export function isProtectionLevel(value: string): value is ProtectionLevel {
  return value === 'registered' || value === 'autoconfirmed' || value === 'admin';
}

/** One action's protection. */
export interface Restriction {
  level: ProtectionLevel;
  /** null = indefinite. */
  expiresAt: Date | null;
  reason: string;
  /** Who protected, and when (shown on the protect form). */
  byName: string | null;
  since: Date | null;
}

/**
 * A page's active protection; an unprotected action has no entry. `upload` (File: pages only, as
 * MediaWiki's upload protection) holds back uploads of new versions; edit protection does too.
 */
export type PageProtection = Partial<Record<ProtectableAction, Restriction>>;

/** One stored protection row (page_protections), however it was read. */
export interface StoredRestriction {
  action: string;
  level: string;
  expiresAt: Date | null;
  reason: string;
  byName: string | null;
  since: Date;
}

/**
 * The protection in force at `now`: expired rows are ignored, not deleted (they stop protecting
 * at their expiry without any job running), and rows of unknown actions or levels count for nothing.
 */
export function activeProtection(rows: readonly StoredRestriction[], now: Date): PageProtection {
  const protection: PageProtection = {};
  for (const row of rows) {
    if (row.expiresAt !== null && row.expiresAt <= now) continue;
    if ((row.action === 'edit' || row.action === 'move' || row.action === 'upload') && isProtectionLevel(row.level)) {
      protection[row.action] = { level: row.level, expiresAt: row.expiresAt, reason: row.reason, byName: row.byName, since: row.since };
    }
  }
  return protection;
}

/** The page as the permission check sees it. */
export function pageContext(pageId: number | null, protection: PageProtection): PageContext {
  const levels: NonNullable<PageContext['protection']> = {};
  if (protection.edit) levels.edit = protection.edit.level;
  if (protection.move) levels.move = protection.move.level;
  if (protection.upload) levels.upload = protection.upload.level;
  return { id: pageId, protection: levels };
}

/**
 * The protection state as one string, put into the form when it is shown: if it differs when the
 * form is submitted, someone changed the protection meanwhile (compare-and-swap, as for edits).
 */
export function protectionToken(protection: PageProtection): string {
  // Upload protection only when there is some, so other pages' tokens read as before.
  const actions: readonly ProtectableAction[] = protection.upload ? FILE_PROTECTED_ACTIONS : PROTECTED_ACTIONS;
  return actions
    .map((action) => {
      const restriction = protection[action];
      return restriction ? `${action}=${restriction.level}@${restriction.expiresAt?.toISOString() ?? 'infinite'}` : `${action}=none`;
    })
    .join(';');
}

/** The protection changed while the administrator had the form open. */
export const PROTECTION_CHANGED = errorMessage('protection.changed');
export const PROTECTION_CHANGED_MESSAGE = englishText(PROTECTION_CHANGED);

/** The value of the expiry select that means "use the text field next to it". */
export const OTHER_EXPIRY = 'other';

const levelField = z
  .unknown()
  .refine((value): value is LevelChoice => (LEVEL_CHOICES as readonly unknown[]).includes(value), zodRefinement(errorMessage('protection.levelRequired')));

/** Every form field arrives as a string (or not at all, from the CLI); lengths are checked by the fields' own rules. */
const text = z
  .string()
  .refine((value) => value.length <= 10_000, zodRefinement(errorMessage('form.fieldTooLong')))
  .optional();

/** What was asked for one action: a level and, unless 'none', its expiry. */
export interface RequestedRestriction {
  level: LevelChoice;
  expiresAt: Date | null;
}

export interface ProtectInput {
  title: ParsedTitle;
  edit: RequestedRestriction;
  move: RequestedRestriction;
  /** File: pages only; absent (the form or CLI did not ask) leaves upload protection as it is. */
  upload?: RequestedRestriction;
  reason: string;
  /** protectionToken of the state the administrator saw. */
  baseToken: string;
}

/**
 * The protect form (and the CLI's options). Field names are the form's input names; an expiry
 * is the text typed in the "other" field if any, else the select's choice. An expiry is checked only for an action
 * that is being protected (nothing expires on an unprotected action).
 */
export const protectFormSchema = z
  // Raw strings first and every check in one pass, so the form reports all its problems at once.
  .object({
    title: text,
    editLevel: text,
    moveLevel: text,
    editExpiry: text,
    editExpiryOther: text,
    moveExpiry: text,
    moveExpiryOther: text,
    uploadLevel: text,
    uploadExpiry: text,
    uploadExpiryOther: text,
    reason: text,
    baseToken: z.string().max(300).default(''),
  })
  .transform((form, ctx): ProtectInput => {
    const fail = (path: string, message: ErrorText) => ctx.addIssue(zodIssue(message, [path]));
    const firstIssue = (error: z.ZodError, fallback: ErrorText): ErrorText => (error.issues[0] ? issueText(error.issues[0]) : fallback);
    const titleText = (form.title ?? '').trim();
    const parsed = tryParseTitle(titleText);
    if (titleText === '') fail('title', errorMessage('protection.titleRequired'));
    else if (!parsed.ok) fail('title', errorMessage('form.titleInvalid', { title: titleText, reason: parsed.message }));
    const reason = reasonField.safeParse(form.reason ?? '');
    if (!reason.success) fail('reason', firstIssue(reason.error, errorMessage('admin.reasonMissing')));

    const now = new Date();
    const fields: Record<ProtectableAction, [string | undefined, string | undefined, string | undefined]> = {
      edit: [form.editLevel, form.editExpiry, form.editExpiryOther],
      move: [form.moveLevel, form.moveExpiry, form.moveExpiryOther],
      upload: [form.uploadLevel, form.uploadExpiry, form.uploadExpiryOther],
    };
    const restriction = (action: ProtectableAction): RequestedRestriction => {
      const [levelText, chosen, otherText] = fields[action];
      const levelInput = levelField.safeParse(levelText);
      if (!levelInput.success) {
        fail(`${action}Level`, firstIssue(levelInput.error, errorMessage('protection.levelRequired')));
        return { level: 'none', expiresAt: null };
      }
      const level = levelInput.data;
      if (level === 'none') return { level, expiresAt: null };
      // Text typed next to the select wins over it, as if "other" had been chosen (no script needed).
      const other = otherText?.trim() ?? '';
      if (chosen === OTHER_EXPIRY && other === '') {
        fail(`${action}Expiry`, errorMessage('protection.expiryOther'));
        return { level, expiresAt: null };
      }
      const written = (other !== '' ? other : (chosen ?? '')).trim();
      // One clock for both actions: "1 week" for edit and move must be the same instant.
      const expiry = written.length > 100 ? { ok: false as const, text: errorMessage('admin.expiryTooLong') } : parseExpiry(written === '' ? 'infinite' : written, now);
      if (expiry.ok) return { level, expiresAt: expiry.expiresAt };
      fail(`${action}Expiry`, expiry.text);
      return { level, expiresAt: null };
    };
    const edit = restriction('edit');
    const move = restriction('move');
    // Only the File page form has the upload fields; without them upload protection is left alone.
    const upload = (form.uploadLevel ?? '') === '' ? undefined : restriction('upload');
    if (!parsed.ok || !reason.success) return z.NEVER;
    if (upload && upload.level !== 'none' && parsed.title.namespace !== NS.FILE) {
      fail('uploadLevel', errorMessage('protection.uploadFilesOnly'));
      return z.NEVER;
    }
    return { title: parsed.title, edit, move, ...(upload ? { upload } : {}), reason: reason.data, baseToken: form.baseToken };
  });

type Levels = Partial<Record<ProtectableAction, { level: ProtectionLevel; expiresAt: Date | null }>>;

/**
 * The restrictions the page will have after the change (requested ones; 'none' removed). Upload
 * protection not asked about stays as it is in `current`.
 */
export function requestedProtection(input: Pick<ProtectInput, 'edit' | 'move' | 'upload'>, current: Levels = {}): Levels {
  const result: Levels = {};
  for (const action of FILE_PROTECTED_ACTIONS) {
    const requested = input[action];
    if (requested === undefined) {
      if (current[action]) result[action] = { level: current[action].level, expiresAt: current[action].expiresAt };
      continue;
    }
    const { level, expiresAt } = requested;
    if (level !== 'none') result[action] = { level, expiresAt };
  }
  return result;
}

/** protect (nothing before), unprotect (nothing after), modify (anything else); null if nothing changes. */
export function protectionLogAction(before: Levels, after: Levels): 'protect' | 'modify' | 'unprotect' | null {
  const same = FILE_PROTECTED_ACTIONS.every((action) => {
    const a = before[action];
    const b = after[action];
    if (!a || !b) return !a && !b;
    return a.level === b.level && (a.expiresAt?.getTime() ?? null) === (b.expiresAt?.getTime() ?? null);
  });
  if (same) return null;
  const hadAny = FILE_PROTECTED_ACTIONS.some((action) => before[action]);
  const hasAny = FILE_PROTECTED_ACTIONS.some((action) => after[action]);
  if (!hadAny) return 'protect';
  if (!hasAny) return 'unprotect';
  return 'modify';
}

export function protectionLogParams(after: Levels): LogParams['protect'] {
  const params: LogParams['protect'] = {};
  for (const action of FILE_PROTECTED_ACTIONS) {
    const restriction = after[action];
    if (restriction) params[action] = { level: restriction.level, expiresAt: restriction.expiresAt?.toISOString() ?? null };
  }
  return params;
}

const WHO: Readonly<Record<ProtectionLevel, string>> = {
  registered: 'signed-in users',
  autoconfirmed: 'autoconfirmed users',
  admin: 'administrators',
};

/** "until 18:30 (UTC) on 31 January 2027", or "indefinitely". */
export function describeExpiry(expiresAt: Date | null): string {
  if (expiresAt === null) return 'indefinitely';
  const { date, time } = formatTimestamp(expiresAt);
  return `until ${time} (UTC) on ${date}`;
}

/**
 * What the lock of a protected page says, as data for the interface's catalogs (common.lock):
 * who may edit and/or move the page and until when; null for an unprotected page.
 */
export type LockDescription =
  | { kind: 'editAndMove' | 'edit' | 'move'; level: ProtectionLevel; expiresAt: Date | null }
  | { kind: 'editThenMove'; level: ProtectionLevel; expiresAt: Date | null; moveLevel: ProtectionLevel; moveExpiresAt: Date | null };

export function lockOf(protection: Levels): LockDescription | null {
  const { edit, move } = protection;
  if (edit && move && edit.level === move.level && edit.expiresAt?.getTime() === move.expiresAt?.getTime()) {
    return { kind: 'editAndMove', level: edit.level, expiresAt: edit.expiresAt };
  }
  if (edit && move) return { kind: 'editThenMove', level: edit.level, expiresAt: edit.expiresAt, moveLevel: move.level, moveExpiresAt: move.expiresAt };
  if (edit) return { kind: 'edit', level: edit.level, expiresAt: edit.expiresAt };
  if (move) return { kind: 'move', level: move.level, expiresAt: move.expiresAt };
  return null;
}

/** One line per action for the protect form's "current settings" and the CLI: "Edit: administrators only, indefinitely". */
export function describeSettings(protection: Levels): string[] {
  const actions: readonly ProtectableAction[] = protection.upload ? FILE_PROTECTED_ACTIONS : PROTECTED_ACTIONS;
  return actions.map((action) => {
    const restriction = protection[action];
    const name = action === 'edit' ? 'Edit' : action === 'move' ? 'Move' : 'Upload';
    return restriction ? `${name}: ${WHO[restriction.level]} only, ${describeExpiry(restriction.expiresAt)}` : `${name}: everyone allowed`;
  });
}

/** What the page tabs need to know about the viewer and the page. */
export interface PageAccess {
  /** False: the Edit tab reads "View source". */
  mayEdit: boolean;
  /** Administrators get Protect and Delete tabs. */
  mayProtect: boolean;
  mayDelete: boolean;
  /** The Move tab is shown only to those who may move the page (MediaWiki shows it to no one else). */
  mayMove: boolean;
  /** What the lock says (lockOf), null when the page is not protected. */
  lock: LockDescription | null;
  /** The watch star's state for a signed-in viewer (lib/domain/watchlist.ts); absent for readers who cannot watch. */
  watch?: WatchState;
}

/** The viewer's access to a page (pageId null: it does not exist) under its active protection. */
export function pageAccess(
  actor: Actor,
  pageId: number | null,
  protection: PageProtection,
  settings: PolicySettings = DEFAULT_POLICY_SETTINGS,
  now: Date = new Date(),
): PageAccess {
  const context = pageContext(pageId, protection);
  return {
    mayEdit: can(actor, pageId === null ? 'create' : 'edit', context, settings, now).allowed,
    mayProtect: pageId !== null && can(actor, 'protect', context, settings, now).allowed,
    mayDelete: pageId !== null && can(actor, 'delete', context, settings, now).allowed,
    mayMove: pageId !== null && can(actor, 'move', context, settings, now).allowed,
    lock: lockOf(protection),
  };
}

/** What the protect form holds: strings as typed, handed back unchanged on every error. */
export interface ProtectFormValues {
  title: string;
  editLevel: string;
  moveLevel: string;
  editExpiry: string;
  editExpiryOther: string;
  moveExpiry: string;
  moveExpiryOther: string;
  /** '' on pages other than File: pages (the form has no upload fields there). */
  uploadLevel: string;
  uploadExpiry: string;
  uploadExpiryOther: string;
  reason: string;
  baseToken: string;
}

export interface ProtectFormState {
  values: ProtectFormValues;
  fieldErrors?: Record<string, string>;
  formError?: string;
  /** The settings as they are now, when they changed while the form was open (describeSettings). */
  currentSettings?: string[];
}

/** The expiry the form preselects for an action: the current one, or indefinite. */
function expiryChoiceFor(restriction: Restriction | undefined): string {
  return restriction?.expiresAt ? restriction.expiresAt.toISOString() : 'infinite';
}

/** The form's initial values for a page with this protection. */
export function initialProtectForm(title: string, protection: PageProtection, namespace: number = NS.MAIN): ProtectFormValues {
  const file = namespace === NS.FILE;
  return {
    title,
    editLevel: protection.edit?.level ?? 'none',
    moveLevel: protection.move?.level ?? 'none',
    editExpiry: expiryChoiceFor(protection.edit),
    editExpiryOther: '',
    moveExpiry: expiryChoiceFor(protection.move),
    moveExpiryOther: '',
    uploadLevel: file ? (protection.upload?.level ?? 'none') : '',
    uploadExpiry: file ? expiryChoiceFor(protection.upload) : '',
    uploadExpiryOther: '',
    reason: '',
    baseToken: protectionToken(protection),
  };
}
