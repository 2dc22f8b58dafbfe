/**
 * MediaWiki's parser functions #if, #ifeq and #switch (the ParserFunctions extension) and the magic
 * words PAGENAME, FULLPAGENAME, NAMESPACE and SITENAME, as the expander (expand.ts) evaluates them.
 * Nothing time-dependent: a rendering is made once and kept.
 *
 * Arguments are expanded lazily, only the branch taken (a loop or a costly template in the other
 * branch costs nothing), and results are trimmed, as in MediaWiki.
 */
import { NAMESPACE_NAMES, isKnownNamespace } from '@/lib/domain/titles';
import type { ExpansionContext } from '@/lib/domain/templates/types';

/** One argument after the function's first: its text as written, or split at its first "=". */
export interface LazyArgument {
  /** The whole argument ("a=b" stays "a=b"), expanded. */
  whole(): string;
  /** For "name=value": the name and the value, expanded separately; null without "=". */
  split(): { name: () => string; value: () => string } | null;
}

// PHP's is_numeric (MediaWiki compares two numbers as numbers: "01" equals "1").
const NUMERIC = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\v\f]*$/u;

function same(left: string, right: string): boolean {
  if (NUMERIC.test(left) && NUMERIC.test(right)) return Number(left) === Number(right);
  return left === right;
}

type ParserFunction = (first: string, args: readonly LazyArgument[]) => string;

const FUNCTIONS: ReadonlyMap<string, ParserFunction> = new Map<string, ParserFunction>([
  ['#if', (test, args) => (test.trim() !== '' ? (args[0]?.whole() ?? '') : (args[1]?.whole() ?? '')).trim()],
  [
    '#ifeq',
    (left, args) => {
      const right = (args[0]?.whole() ?? '').trim();
      return (same(left.trim(), right) ? (args[1]?.whole() ?? '') : (args[2]?.whole() ?? '')).trim();
    },
  ],
  ['#switch', switchFunction],
]);

/**
 * `{{#switch: value | a = A | b | c = BC | #default = D | E }}`: the value of the first case that
 * equals; cases without "=" fall through to the next value; the last argument without "=" is the
 * default, else "#default = …", else nothing. Exactly ParserFunctions' algorithm.
 */
function switchFunction(first: string, args: readonly LazyArgument[]): string {
  const primary = first.trim();
  let found = false;
  let fallback: (() => string) | null = null;
  let lastWithoutEquals: string | null = null;
  for (const arg of args) {
    const parts = arg.split();
    if (parts !== null) {
      lastWithoutEquals = null;
      if (found) return parts.value().trim();
      const test = parts.name().trim();
      if (same(test, primary)) return parts.value().trim();
      if (test === '#default') fallback = parts.value;
    } else {
      lastWithoutEquals = arg.whole().trim();
      if (same(lastWithoutEquals, primary)) found = true;
    }
  }
  if (lastWithoutEquals !== null) return lastWithoutEquals;
  return fallback === null ? '' : fallback().trim();
}

/** The parser function `name` names ("#if", any case), or null. */
export function parserFunction(name: string): ParserFunction | null {
  return FUNCTIONS.get(name.trim().toLowerCase()) ?? null;
}

/**
 * Text that came from a title or the site's name, made inert as Markdown: a title may contain
 * "*", "_" or "&", which would otherwise start emphasis or a character reference (MediaWiki's
 * wfEscapeWikiText does the same for wikitext). Character references read back as the character
 * in text and in [[links]].
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[&*_`~\\<>]/gu, (char) => `&#${char.codePointAt(0)};`);
}

const MAGIC_WORDS: ReadonlySet<string> = new Set(['PAGENAME', 'FULLPAGENAME', 'NAMESPACE', 'SITENAME']);

export function isMagicWord(name: string): boolean {
  return MAGIC_WORDS.has(name);
}

/** The value of a magic word ({{PAGENAME}}), case-sensitive as in MediaWiki; null when `name` is none. */
export function magicWord(name: string, context: Pick<ExpansionContext, 'page' | 'siteName'>): string | null {
  const { namespace, dbKey } = context.page;
  const namespaceName = isKnownNamespace(namespace) ? NAMESPACE_NAMES[namespace] : '';
  const pageName = dbKey.replaceAll('_', ' ');
  switch (name) {
    case 'PAGENAME':
      return escapeMarkdownText(pageName);
    case 'FULLPAGENAME':
      return escapeMarkdownText(namespaceName === '' ? pageName : `${namespaceName}:${pageName}`);
    case 'NAMESPACE':
      return escapeMarkdownText(namespaceName);
    case 'SITENAME':
      return escapeMarkdownText(context.siteName);
    default:
      return null;
  }
}
