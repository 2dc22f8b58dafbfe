/**
 * Page titles, normalized the way MediaWiki's TitleParser does it (MediaWikiTitleCodec::splitTitleString),
 * so that every spelling of a title a reader can type or link ("talk:foo_bar", "Talk: Foo  bar")
 * reaches the same page ("Talk:Foo bar", stored as namespace 1 + "Foo_bar").
 *
 * Pure: no I/O. The input is already URL-decoded (decoding once is the caller's job).
 */
import { AppError } from '@/lib/domain/errors';
import { errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';

export const NS = {
  SPECIAL: -1,
  MAIN: 0,
  TALK: 1,
  USER: 2,
  USER_TALK: 3,
  FILE: 6,
  FILE_TALK: 7,
  // MediaWiki's ids: transclusion ({{Name}}) reads pages from here (lib/domain/templates).
  TEMPLATE: 10,
  TEMPLATE_TALK: 11,
  CATEGORY: 14,
  CATEGORY_TALK: 15,
} as const;

export type Namespace = (typeof NS)[keyof typeof NS];

/** Canonical prefix of each namespace, as shown to readers (the main namespace has none). */
export const NAMESPACE_NAMES: Readonly<Record<Namespace, string>> = {
  [NS.SPECIAL]: 'Special',
  [NS.MAIN]: '',
  [NS.TALK]: 'Talk',
  [NS.USER]: 'User',
  [NS.USER_TALK]: 'User talk',
  [NS.FILE]: 'File',
  [NS.FILE_TALK]: 'File talk',
  [NS.TEMPLATE]: 'Template',
  [NS.TEMPLATE_TALK]: 'Template talk',
  [NS.CATEGORY]: 'Category',
  [NS.CATEGORY_TALK]: 'Category talk',
};

const NAMESPACE_BY_LOWERCASE_NAME: ReadonlyMap<string, Namespace> = new Map(
  (Object.entries(NAMESPACE_NAMES) as [string, string][]).filter(([, name]) => name !== '').map(([id, name]) => [name.toLowerCase(), Number(id) as Namespace]),
);

export interface ParsedTitle {
  readonly namespace: Namespace;
  /** Without namespace prefix, underscores for spaces: the stored key ("Foo_bar"). */
  readonly dbKey: string;
  /** Without namespace prefix, spaces ("Foo bar"). */
  readonly text: string;
  /** With canonical namespace prefix, spaces ("Talk:Foo bar"). */
  readonly prefixedText: string;
  /** With canonical namespace prefix, underscores ("Talk:Foo_bar"). */
  readonly prefixedDbKey: string;
}

/**
 * A title that cannot name a page. `reason` says which rule it breaks, in English words a reader
 * understands; `text` is the same as a catalog message, for the reader's language.
 */
export class TitleError extends AppError {
  readonly reason: string;
  readonly input: string;
  declare readonly text: ErrorMessage;

  constructor(reason: ErrorMessage, input: string) {
    super('BAD_TITLE', reason);
    this.name = 'TitleError';
    this.reason = this.message;
    this.input = input;
  }
}

/** A refused title: `reason` in English, `message` to show in the reader's language. */
export type TitleParseResult = { ok: true; title: ParsedTitle } | { ok: false; reason: string; message: ErrorMessage };

export interface ParseTitleOptions {
  /** Namespace of a title written without prefix (MediaWiki's defaultNamespace). Default: main. */
  defaultNamespace?: Namespace;
}

/** The database column is VARCHAR(255) bytes, as MediaWiki's page_title. */
export const MAX_TITLE_BYTES = 255;
/** MediaWiki allows longer Special: titles because they carry parameters ("Special:Contributions/…") and are never stored. */
const MAX_SPECIAL_TITLE_BYTES = 512;

// Directional marks are invisible, so "Foo" and "Foo<U+200E>" would look like the same page.
const BIDI_MARKS = /[\u200E\u200F\u202A-\u202E]+/gu;
// The exact set MediaWiki folds into "_" (tab and newline are control characters, hence forbidden).
const WHITESPACE_RUNS = /[ _\u00A0\u1680\u180E\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/gu;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
// MediaWiki forbids the C0 controls and DEL but allows U+0080–U+009F, so this is not \p{Cc}.
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const FORBIDDEN_CHARACTER = /[\u0000-\u001F\u007F#<>[\]|{}]/u;
// A title containing "%41" or "&amp;" could not be linked to consistently: the sequence would be
// decoded on the way and reach a different page.
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/u;
const CHARACTER_REFERENCE = /&(?:[A-Za-z0-9\u{80}-\u{10FFFF}]+|#[0-9]+|#x[0-9A-Fa-f]+);/u;
// MediaWiki's "^(.+?)_*:_*(.*)$": the shortest prefix before a colon, spaces around the colon ignored.
const PREFIX_SPLIT = /^(.+?)_*:_*(.*)$/su;

const utf8 = new TextEncoder();

export function tryParseTitle(input: string, options: ParseTitleOptions = {}): TitleParseResult {
  try {
    return { ok: true, title: parseTitle(input, options) };
  } catch (error) {
    if (error instanceof TitleError) return { ok: false, reason: error.reason, message: error.text };
    throw error;
  }
}

/** Normalizes a title or throws a TitleError naming the rule it breaks. '#' is rejected: see splitFragment. */
export function parseTitle(input: string, options: ParseTitleOptions = {}): ParsedTitle {
  const invalid = (reason: ErrorMessage): TitleError => new TitleError(reason, input);

  if (UNPAIRED_SURROGATE.test(input)) {
    throw invalid(errorMessage('title.unpairedSurrogate'));
  }
  let key = input.normalize('NFC').replace(BIDI_MARKS, '').replace(WHITESPACE_RUNS, '_');
  key = trimUnderscores(key);
  if (key.includes('\uFFFD')) {
    throw invalid(errorMessage('title.replacementCharacter'));
  }

  let namespace: Namespace = options.defaultNamespace ?? NS.MAIN;
  if (key.startsWith(':')) {
    // A leading colon overrides the default namespace ("[[:Foo]]" is the article Foo even where
    // defaultNamespace is User). A namespace prefix after it still counts, as in MediaWiki:
    // "[[:Category:Foo]]" links to the category page instead of putting the page in it.
    namespace = NS.MAIN;
    key = trimUnderscores(key.slice(1));
  }

  const prefixed = PREFIX_SPLIT.exec(key);
  const prefixNamespace = prefixed ? namespaceFromPrefix(prefixed[1] ?? '') : undefined;
  if (prefixed && prefixNamespace !== undefined) {
    namespace = prefixNamespace;
    key = prefixed[2] ?? '';
    const inner = PREFIX_SPLIT.exec(key);
    if (namespace === NS.TALK && inner && namespaceFromPrefix(inner[1] ?? '') !== undefined) {
      // "Talk:Category:Foo" would be neither the talk page of Category:Foo nor a plain talk page.
      throw invalid(errorMessage('title.talkSecondNamespace'));
    }
  }

  const forbidden = FORBIDDEN_CHARACTER.exec(key)?.[0];
  if (forbidden !== undefined) throw invalid(forbiddenCharacterReason(forbidden));
  const percent = PERCENT_ESCAPE.exec(key)?.[0];
  if (percent !== undefined) {
    throw invalid(errorMessage('title.percentEscape', { sequence: percent }));
  }
  const reference = CHARACTER_REFERENCE.exec(key)?.[0];
  if (reference !== undefined) {
    throw invalid(errorMessage('title.characterReference', { reference }));
  }
  const relative = relativePathReason(key);
  if (relative !== null) throw invalid(relative);
  if (key.includes('~~~')) {
    throw invalid(errorMessage('title.tildes'));
  }

  if (key === '') {
    throw invalid(namespace === NS.MAIN ? errorMessage('title.empty') : errorMessage('title.noPageName', { namespace: NAMESPACE_NAMES[namespace] }));
  }
  // "Talk::Foo" and "::Foo": only one leading colon has a meaning.
  if (key.startsWith(':')) throw invalid(errorMessage('title.leadingColon'));

  key = upperCaseFirstLetter(key);
  const maxBytes = namespace === NS.SPECIAL ? MAX_SPECIAL_TITLE_BYTES : MAX_TITLE_BYTES;
  const bytes = utf8.encode(key).length;
  if (bytes > maxBytes) {
    throw invalid(errorMessage('title.tooLong', { max: maxBytes, bytes }));
  }

  return makeParsedTitle(namespace, key);
}

/**
 * Splits "Page#Section" into the title and the section it points at. MediaWiki shows fragments
 * with spaces, so underscores in the fragment become spaces. No '#' → fragment is null.
 */
export function splitFragment(input: string): { title: string; fragment: string | null } {
  const hash = input.indexOf('#');
  if (hash < 0) return { title: input, fragment: null };
  return { title: input.slice(0, hash), fragment: input.slice(hash + 1).replaceAll('_', ' ') };
}

/**
 * "/wiki/Talk:Foo_bar". Encoded like MediaWiki's wfUrlencode, which leaves `;@$!*(),/~:` readable
 * so that subpages and namespaces look like what they are in the address bar.
 */
export function titleToUrlPath(title: ParsedTitle): string {
  return `/wiki/${encodeTitleForUrl(title.prefixedDbKey)}`;
}

export function encodeTitleForUrl(prefixedDbKey: string): string {
  // encodeURIComponent keeps ' unescaped, PHP's urlencode does not: follow MediaWiki.
  return encodeURIComponent(prefixedDbKey)
    .replaceAll("'", '%27')
    .replace(/%(3B|40|24|21|2A|28|29|2C|2F|7E|3A)/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Builds a title from parts already known to be valid (e.g. read back from the database). */
export function makeParsedTitle(namespace: Namespace, dbKey: string): ParsedTitle {
  const text = dbKey.replaceAll('_', ' ');
  const prefix = NAMESPACE_NAMES[namespace];
  return {
    namespace,
    dbKey,
    text,
    prefixedText: prefix === '' ? text : `${prefix}:${text}`,
    prefixedDbKey: prefix === '' ? dbKey : `${prefix.replaceAll(' ', '_')}:${dbKey}`,
  };
}

/**
 * MediaWiki's virtual namespaces (Special: -1, Media: -2: every negative id) name pages the wiki
 * generates; nothing is ever stored under them, so a stored one could neither be viewed nor
 * deleted and would pass off its text as the wiki's own page.
 */
export function isVirtualNamespace(namespace: number): boolean {
  return namespace < 0;
}

/** Why no page may be stored at `title` (create, edit, import, move target), or null when one may. */
export function unwritableTitleReason(title: ParsedTitle): ErrorMessage | null {
  if (!isVirtualNamespace(title.namespace)) return null;
  return errorMessage('title.virtualNamespace', { title: title.prefixedText, namespace: NAMESPACE_NAMES[title.namespace] });
}

/** Throws a VALIDATION AppError (400) when no page may be stored at `title`: every write path calls it. */
export function assertWritableTitle(title: ParsedTitle): void {
  const reason = unwritableTitleReason(title);
  if (reason !== null) throw new AppError('VALIDATION', reason);
}

export function isKnownNamespace(value: number): value is Namespace {
  return Object.prototype.hasOwnProperty.call(NAMESPACE_NAMES, value);
}

/** MediaWiki's $wgNamespaceAliases: "Image:" is the File namespace's name from before 2008, still in wide use. */
const NAMESPACE_ALIASES: ReadonlyMap<string, Namespace> = new Map<string, Namespace>([
  ['image', NS.FILE],
  ['image talk', NS.FILE_TALK],
]);

function namespaceFromPrefix(prefixDbKey: string): Namespace | undefined {
  const name = prefixDbKey.replaceAll('_', ' ').toLowerCase();
  return NAMESPACE_BY_LOWERCASE_NAME.get(name) ?? NAMESPACE_ALIASES.get(name);
}

function trimUnderscores(key: string): string {
  return key.replace(/^_+|_+$/gu, '');
}

function forbiddenCharacterReason(character: string): ErrorMessage {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) {
    return errorMessage('title.controlCharacter', { code: code.toString(16).toUpperCase().padStart(4, '0') });
  }
  return errorMessage('title.forbiddenCharacter', { character });
}

// Browsers resolve "." and ".." segments in URLs, so such pages would be unreachable; they also
// clash with subpage syntax.
function relativePathReason(key: string): ErrorMessage | null {
  if (!key.includes('.')) return null;
  if (key === '.' || key === '..') return errorMessage('title.dotSegment', { title: key });
  if (key.startsWith('./') || key.startsWith('../')) return errorMessage('title.startsWithDotSegment');
  if (key.includes('/./') || key.includes('/../')) return errorMessage('title.containsDotSegment');
  if (key.endsWith('/.') || key.endsWith('/..')) return errorMessage('title.endsWithDotSegment');
  return null;
}

// Unicode has title-case forms for these digraphs: "ǆemal" should become "ǅemal", not "Ǆemal"
// (as on Wikimedia wikis). The title-case form must stay as it is (toUpperCase would turn "ǅ"
// into "Ǆ", so the normalized title would normalize to another page), and so must the capital
// form, which already is upper case.
const TITLE_CASE_DIGRAPHS: ReadonlyMap<string, string> = new Map([
  ['\u01C6', '\u01C5'],
  ['\u01C5', '\u01C5'],
  ['\u01C4', '\u01C4'],
  ['\u01C9', '\u01C8'],
  ['\u01C8', '\u01C8'],
  ['\u01C7', '\u01C7'],
  ['\u01CC', '\u01CB'],
  ['\u01CB', '\u01CB'],
  ['\u01CA', '\u01CA'],
  ['\u01F3', '\u01F2'],
  ['\u01F2', '\u01F2'],
  ['\u01F1', '\u01F1'],
]);

/**
 * Upper-cases the first code point (not code unit, so astral letters like "𐐨" work). A letter
 * whose capital is several characters ("ß" → "SS", "ŉ" → "ʼN") is left alone, as Wikimedia
 * wikis do: otherwise one keystroke would turn into two letters and titles would stop round-tripping.
 *
 * The result is normalized to NFC again: a capital can compose with the combining mark after it
 * where the small letter could not ("i" + U+0307 → "İ", "ı" + U+0301 → "Í"), and a stored title
 * that is not NFC would be parsed into a different title the next time it is read from a link.
 */
function upperCaseFirstLetter(key: string): string {
  const first = String.fromCodePoint(key.codePointAt(0) ?? 0);
  const rest = key.slice(first.length);
  const titleCase = TITLE_CASE_DIGRAPHS.get(first);
  if (titleCase !== undefined) return titleCase + rest;
  const upper = first.toUpperCase().normalize('NFC');
  return [...upper].length === 1 ? (upper + rest).normalize('NFC') : key;
}
