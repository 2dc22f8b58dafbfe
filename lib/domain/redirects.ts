/**
 * Redirect pages, as MediaWiki's WikitextContent::getRedirectTarget: text that starts with
 * "#REDIRECT [[Target]]" (magic word case-insensitive, optional colon and whitespace) redirects to
 * Target. Whatever follows the link is ignored. An invalid target means "not a redirect".
 *
 * Pure: no I/O.
 */
import { NS, splitFragment, tryParseTitle, type Namespace } from '@/lib/domain/titles';

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
