/**
 * Account names and passwords: MediaWiki's username rules (UserNameUtils) and a password policy in
 * the spirit of MediaWiki's PasswordPolicyChecks, as zod schemas shared by the sign-up form and the
 * server, so both reject the same inputs with the same words.
 *
 * Pure: no I/O. (The common-password list is bundled data, not a lookup.)
 */
import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';
import { NS, tryParseTitle } from '@/lib/domain/titles';
import { englishText, errorMessage, textInput, zodIssue, zodRefinement, type ErrorMessage } from '@/lib/domain/error-messages';

export const USERNAME_MAX_LENGTH = 85;
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it is cheap. Never truncated. */
export const PASSWORD_MAX_LENGTH = 4096;
export const DEFAULT_RETURN_TO = '/wiki/Main_Page';

// Same character sets as titles.ts, so a username and the text of its User: page never differ.
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]+/gu;
const SPACE_RUNS = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;
// Unicode's control characters (Cc): exactly U+0000–U+001F and U+007F–U+009F.
const CONTROL_CHARACTER = /\p{Cc}/u;
// Characters that show nothing, or change how their neighbours show, so that two names that look
// the same differ: format characters (Cf: zero-width space and joiners, bidi controls, soft
// hyphen, tag characters), every other default-ignorable code point (variation selectors, Hangul
// fillers, combining grapheme joiner), private-use, unassigned and lone surrogate code points
// (drawn as nothing or as a box, depending on the font) and the blank Braille pattern.
const INVISIBLE_CHARACTER = /[\p{Cf}\p{Default_Ignorable_Code_Point}\p{Co}\p{Cn}\p{Cs}\u2800]/u;
// "@" would be read as an interwiki/e-mail-like name, ":" as a namespace, "/" as a subpage; the
// rest cannot appear in titles or in wikitext links.
const FORBIDDEN_CHARACTER = /[@:/#<>[\]|{}]/u;
// MediaWiki (UserNameUtils::isIP) also reserves "1.2.3.xxx", the form in which it once hid IPs.
const IPV4_LIKE = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.(?:xxx|\d{1,3})$/iu;
const HEX_GROUP = /^[0-9a-f]{1,4}$/iu;

// Unicode has title-case forms for these digraphs ("ǆemal" → "ǅemal"), as in titles.ts.
const TITLE_CASE_DIGRAPHS: ReadonlyMap<string, string> = new Map([
  ['\u01C4', '\u01C5'],
  ['\u01C6', '\u01C5'],
  ['\u01C7', '\u01C8'],
  ['\u01C9', '\u01C8'],
  ['\u01CA', '\u01CB'],
  ['\u01CC', '\u01CB'],
  ['\u01F1', '\u01F2'],
  ['\u01F3', '\u01F2'],
]);

/**
 * The canonical spelling of a username: NFC, invisible direction marks removed, underscores and
 * runs of spaces as one space, trimmed, first letter upper-cased (first code point; letters whose
 * capital is several characters, like "ß", stay) — the same steps page titles go through.
 */
export function normalizeUsername(input: string): string {
  const name = input.normalize('NFC').replace(BIDI_MARKS, '').replace(SPACE_RUNS, ' ').trim();
  if (name === '') return '';
  const first = String.fromCodePoint(name.codePointAt(0) ?? 0);
  const rest = name.slice(first.length);
  const titleCase = TITLE_CASE_DIGRAPHS.get(first);
  if (titleCase !== undefined) return titleCase + rest;
  const upper = first.toUpperCase().normalize('NFC');
  return [...upper].length === 1 ? upper + rest : name;
}

/**
 * Key for uniqueness: "Alice", "alice" and "ALICE" cannot be three accounts, because people could
 * not tell them apart in histories. MediaWiki itself is case-sensitive after the first letter; we
 * are stricter on purpose. Plain toLowerCase (no locale), so the key is the same on every server.
 */
export function usernameKey(name: string): string {
  return normalizeUsername(name).toLowerCase();
}

export type UsernameCheck = { ok: true; name: string } | { ok: false; message: ErrorMessage };

/**
 * The code of the first character of `name` that cannot be seen (INVISIBLE_CHARACTER), as "200B", or null.
 * Every new name is refused with one (sign-up, the maintenance CLI, authors of an import).
 */
export function invisibleCharacterIn(name: string): string | null {
  const found = INVISIBLE_CHARACTER.exec(name.normalize('NFC'))?.[0];
  return found === undefined ? null : (found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** Checks a username typed at sign-up; `name` is the canonical spelling to store. */
export function checkUsername(input: string): UsernameCheck {
  const fail = (message: ErrorMessage): UsernameCheck => ({ ok: false, message });
  // Before normalizing, which drops a few direction marks silently (as in titles): a new name
  // says plainly what is wrong instead of turning into another name.
  const invisible = invisibleCharacterIn(input);
  if (invisible !== null) return fail(errorMessage('account.usernameInvisibleCharacter', { code: invisible }));
  const name = normalizeUsername(input);
  const length = [...name].length;
  if (length === 0) return fail(errorMessage('account.usernameRequired'));
  if (length > USERNAME_MAX_LENGTH) return fail(errorMessage('account.usernameTooLong', { max: USERNAME_MAX_LENGTH, length }));
  const control = CONTROL_CHARACTER.exec(name)?.[0];
  if (control !== undefined) {
    const code = (control.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    return fail(errorMessage('account.usernameControlCharacter', { code }));
  }
  // Before the character rules: an IPv6 address would otherwise be reported for its ":".
  if (looksLikeIpAddress(name)) return fail(errorMessage('account.usernameIpAddress'));
  const forbidden = FORBIDDEN_CHARACTER.exec(name)?.[0];
  if (forbidden !== undefined) return fail(errorMessage('account.usernameForbiddenCharacter', { character: forbidden }));
  // Every user has a user page, so the name must be a valid title in the User namespace.
  const parsed = tryParseTitle(`User:${name}`);
  if (!parsed.ok) return fail(errorMessage('account.usernameNotValidTitle', { reason: parsed.message }));
  if (parsed.title.namespace !== NS.USER) return fail(errorMessage('account.usernameNotPageName'));
  return { ok: true, name: parsed.title.text };
}

/** Validates and normalizes a new username (output: the canonical name). */
export const usernameSchema = textInput(errorMessage('account.usernameRequired')).transform((input, ctx) => {
  const check = checkUsername(input);
  if (check.ok) return check.name;
  ctx.addIssue(zodIssue(check.message));
  return z.NEVER;
});

/** IPv4 (MediaWiki's loose form: any 1–3 digit groups) or a syntactically valid IPv6 address. */
export function looksLikeIpAddress(name: string): boolean {
  return IPV4_LIKE.test(name) || isIpv6(name);
}

function isIpv6(name: string): boolean {
  if (!name.includes(':')) return false;
  // An embedded IPv4 tail ("::ffff:1.2.3.4") takes the room of two groups.
  const text = name.replace(/(^|:)\d{1,3}(?:\.\d{1,3}){3}$/u, (_tail, separator: string) => `${separator}0:0`);
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((list) => list.every((group) => HEX_GROUP.test(group)))) return false;
  const count = groups.reduce((sum, list) => sum + list.length, 0);
  return halves.length === 2 ? count <= 7 : count === 8;
}

let commonPasswords: ReadonlySet<string> | null = null;

/** Built on first use: 49k entries are only needed when someone chooses a password. */
function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set(dictionary['passwords-common'].map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Length in code points, so an emoji counts as one character (as people count). */
function codePointLength(value: string): number {
  // Each code point is at most two UTF-16 units: past 2×max the exact count is not needed.
  if (value.length > 2 * PASSWORD_MAX_LENGTH) return value.length;
  return [...value].length;
}

const PASSWORD_TOO_LONG = errorMessage('account.passwordTooLong', { max: PASSWORD_MAX_LENGTH });

/** Everything wrong with a new password, for the sign-up form; empty when acceptable. */
export function passwordProblems(password: string, username: string): ErrorMessage[] {
  const issues: ErrorMessage[] = [];
  const length = codePointLength(password);
  if (length < PASSWORD_MIN_LENGTH) issues.push(errorMessage('account.passwordTooShort', { min: PASSWORD_MIN_LENGTH, length }));
  if (length > PASSWORD_MAX_LENGTH) {
    issues.push(PASSWORD_TOO_LONG);
    return issues; // Not worth comparing further; and it must never be silently shortened.
  }
  const sameAsName = password.toLowerCase() === username.toLowerCase() || (username.trim() !== '' && usernameKey(password) === usernameKey(username));
  if (sameAsName) issues.push(errorMessage('account.passwordSameAsUsername'));
  if (isCommonPassword(password)) issues.push(errorMessage('account.passwordCommon'));
  return issues;
}

/** passwordProblems in English. */
export function passwordIssues(password: string, username: string): string[] {
  return passwordProblems(password, username).map(englishText);
}

/** A path on this site to go back to after signing in, or the main page. See safeReturnTo. */
const returnToSchema = z
  .string()
  .nullish()
  .transform((value) => safeReturnTo(value));

/**
 * Sign-up form. Checked as a whole (not field by field) so that every problem is reported at once,
 * and the password is compared with the name as typed.
 */
export const signUpSchema = z
  .object({
    username: textInput(errorMessage('account.usernameRequired')),
    password: textInput(errorMessage('account.passwordRequired')),
    passwordConfirm: textInput(errorMessage('account.passwordConfirmRequired')),
    returnTo: returnToSchema,
  })
  .superRefine((input, ctx) => {
    const name = checkUsername(input.username);
    if (!name.ok) ctx.addIssue(zodIssue(name.message, ['username']));
    for (const message of passwordProblems(input.password, input.username)) ctx.addIssue(zodIssue(message, ['password']));
    if (input.passwordConfirm !== input.password) ctx.addIssue(zodIssue(errorMessage('account.passwordsDiffer'), ['passwordConfirm']));
  })
  // Only reached when the refinement found nothing, so the name is valid here.
  .transform((input) => {
    const name = checkUsername(input.username);
    return { ...input, username: name.ok ? name.name : normalizeUsername(input.username) };
  });

/**
 * Sign-in form: the name is only normalized (the account lookup decides whether it exists), and
 * the password only bounded — rules for new passwords must not lock out older accounts.
 */
export const signInSchema = z.object({
  username: textInput(errorMessage('account.signInUsernameRequired'))
    .transform(normalizeUsername)
    .refine((name) => name !== '', zodRefinement(errorMessage('account.signInUsernameRequired'))),
  password: textInput(errorMessage('account.signInPasswordRequired'))
    .refine((password) => password !== '', zodRefinement(errorMessage('account.signInPasswordRequired')))
    .refine((password) => codePointLength(password) <= PASSWORD_MAX_LENGTH, zodRefinement(PASSWORD_TOO_LONG)),
  returnTo: returnToSchema,
});

/**
 * Changing one's own password (Special:ChangePassword). The current password is asked again
 * (re-authentication, ASVS V6): a session left open on a shared computer must not be enough to
 * take the account over. The rules for the new password need the name; the server applies them.
 */
export const changePasswordSchema = z
  .object({
    currentPassword: textInput(errorMessage('account.currentPasswordRequired'))
      .refine((password) => password !== '', zodRefinement(errorMessage('account.currentPasswordRequired')))
      .refine((password) => codePointLength(password) <= PASSWORD_MAX_LENGTH, zodRefinement(PASSWORD_TOO_LONG)),
    password: textInput(errorMessage('account.newPasswordRequired')),
    passwordConfirm: textInput(errorMessage('account.newPasswordConfirmRequired')),
  })
  .superRefine((input, ctx) => {
    if (input.passwordConfirm !== input.password) ctx.addIssue(zodIssue(errorMessage('account.newPasswordsDiffer'), ['passwordConfirm']));
  });

export type SignUpInput = z.output<typeof signUpSchema>;
export type SignInInput = z.output<typeof signInSchema>;

// Browsers drop tabs and newlines inside URLs and read "\" as "/", so any of them could turn a
// path into "//evil.example".
const UNSAFE_IN_RETURN_TO = /[\p{Cc}\\]/u;

/**
 * Where to send someone after signing in: only a path on this site, else the main page (an open
 * redirect would let a phishing link borrow our domain). Rejected: anything not starting with
 * exactly one "/" ("//evil", "https://…", "javascript:…"), backslashes and control characters,
 * and paths that become one of those once percent-decoded ("/%2F%2Fevil.com", "/%5Cevil"),
 * because some later step may decode the path again.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (typeof value !== 'string' || value.length > 2048) return DEFAULT_RETURN_TO;
  if (!isSafePath(value)) return DEFAULT_RETURN_TO;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return DEFAULT_RETURN_TO; // Malformed escapes: not a link we produced.
  }
  return isSafePath(decoded.replaceAll('\\', '/')) ? value : DEFAULT_RETURN_TO;
}

function isSafePath(path: string): boolean {
  return path.startsWith('/') && !path.startsWith('//') && !UNSAFE_IN_RETURN_TO.test(path);
}
