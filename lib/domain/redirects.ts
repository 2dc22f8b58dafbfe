/**
 * Redirect pages, as MediaWiki's WikitextContent::getRedirectTarget: text that starts with
 * "#REDIRECT [[Target]]" (magic word case-insensitive, optional colon and whitespace) redirects to
 * Target. Whatever follows the link is ignored. An invalid target means "not a redirect".
 *
 * Pure: no I/O.
 */
import { NS, splitFragment, tryParseTitle, type Namespace, type ParsedTitle } from '@/lib/domain/titles';

export interface RedirectTarget {
  namespace: Namespace;
  dbKey: string;
  fragment: string | null;
}

// MediaWiki: /^\s*#REDIRECT\s*:?\s*\[\[([^\]\n]+)\]\]/i (the link may carry "|label", ignored).
const REDIRECT = /^\s*#REDIRECT\s*:?\s*\[\[([^\]\n]+?)\]\]/iu;

export function parseRedirect(text: string): RedirectTarget | null {
  const match = REDIRECT.exec(text);
  if (!match) return null;
  const pipe = match[1]!.indexOf('|');
  const link = pipe >= 0 ? match[1]!.slice(0, pipe) : match[1]!;
  const { title, fragment } = splitFragment(link.trim());
  const parsed = tryParseTitle(title);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) return null;
  const cleanFragment = fragment === null || fragment.trim() === '' ? null : fragment.trim();
  return { namespace: parsed.title.namespace, dbKey: parsed.title.dbKey, fragment: cleanFragment };
}

/** The text of a redirect page pointing at a title ("#REDIRECT [[Talk:Foo bar]]"). */
export function redirectText(prefixedText: string, fragment: string | null = null): string {
  return `#REDIRECT [[${prefixedText}${fragment ? `#${fragment}` : ''}]]`;
}

export type RedirectWarning = 'self' | 'double' | 'loop';

export type ViewDecision =
  /** Not a redirect (or missing, or ?redirect=no for a non-redirect): show the page itself. */
  | { kind: 'page' }
  /** Follow once: send the reader to the target with "(Redirected from …)". */
  | { kind: 'follow'; target: ParsedTitle; fragment: string | null }
  /** Show the redirect page itself ("Redirect page" + target link), with a warning when the chain is broken. */
  | { kind: 'redirect-page'; target: ParsedTitle; fragment: string | null; warning: RedirectWarning | null };

function sameTitle(a: ParsedTitle, b: ParsedTitle): boolean {
  return a.namespace === b.namespace && a.dbKey === b.dbKey;
}

/**
 * What viewing `title` should do, as MediaWiki's Article::followRedirect, given where the page
 * redirects (null: it does not). A redirect is followed once. Reaching a page through a redirect
 * (`redirectedFrom` set) never follows again, so a double redirect or a loop shows the redirect
 * page with a warning instead of bouncing forever. `noRedirect` is ?redirect=no.
 */
export function redirectViewDecision(
  title: ParsedTitle,
  redirect: { target: ParsedTitle; fragment: string | null } | null,
  options: { noRedirect?: boolean; redirectedFrom?: ParsedTitle | null } = {},
): ViewDecision {
  if (!redirect) return { kind: 'page' };
  const { target, fragment } = redirect;
  if (sameTitle(target, title)) return { kind: 'redirect-page', target, fragment, warning: 'self' };
  if (options.redirectedFrom) {
    return { kind: 'redirect-page', target, fragment, warning: sameTitle(target, options.redirectedFrom) ? 'loop' : 'double' };
  }
  if (options.noRedirect) return { kind: 'redirect-page', target, fragment, warning: null };
  return { kind: 'follow', target, fragment };
}
