import 'server-only';
import { getDb } from '@/lib/server/db';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';

export interface RedirectInfo {
  target: ParsedTitle;
  fragment: string | null;
}

/** Where a page redirects to, from the `redirects` table; null when it is not a redirect (or missing). */
export async function getRedirectTarget(title: ParsedTitle): Promise<RedirectInfo | null> {
  const row = await getDb().redirect.findFirst({
    where: { page: { namespace: title.namespace, title: title.dbKey } },
    select: { namespace: true, title: true, fragment: true },
  });
  if (!row || !isKnownNamespace(row.namespace)) return null;
  return { target: makeParsedTitle(row.namespace, row.title), fragment: row.fragment };
}

export type RedirectWarning = 'self' | 'double' | 'loop';

export type ViewDecision =
  /** Not a redirect (or missing, or ?redirect=no for a non-redirect): show the page itself. */
  | { kind: 'page' }
  /** Follow once: send the reader to the target with "(Redirected from …)". */
  | { kind: 'follow'; target: ParsedTitle; fragment: string | null }
  /** Show the redirect page itself ("Redirect page" + target link), with a warning when the chain is broken. */
  | { kind: 'redirect-page'; target: ParsedTitle; fragment: string | null; warning: RedirectWarning | null };

function same(a: ParsedTitle, b: ParsedTitle): boolean {
  return a.namespace === b.namespace && a.dbKey === b.dbKey;
}

/**
 * What viewing `title` should do, as MediaWiki's Article::followRedirect: a redirect is followed
 * once. Reaching a page through a redirect (`redirectedFrom` set) never follows again, so a double
 * redirect or a loop shows the redirect page with a warning instead of bouncing forever.
 * `noRedirect` is ?redirect=no.
 */
export async function decideRedirectView(
  title: ParsedTitle,
  options: { noRedirect?: boolean; redirectedFrom?: ParsedTitle | null } = {},
): Promise<ViewDecision> {
  const redirect = await getRedirectTarget(title);
  if (!redirect) return { kind: 'page' };
  const { target, fragment } = redirect;
  if (same(target, title)) return { kind: 'redirect-page', target, fragment, warning: 'self' };
  if (options.redirectedFrom) {
    return { kind: 'redirect-page', target, fragment, warning: same(target, options.redirectedFrom) ? 'loop' : 'double' };
  }
  if (options.noRedirect) return { kind: 'redirect-page', target, fragment, warning: null };
  return { kind: 'follow', target, fragment };
}

/**
 * The chain of redirects starting at `title`, stopping at a non-redirect, at a title already seen
 * (loop: true) or after `maxHops`. For diagnostics (Special:DoubleRedirects-style checks) and tests.
 */
export async function redirectChain(title: ParsedTitle, maxHops = 10): Promise<{ titles: ParsedTitle[]; loop: boolean }> {
  const titles = [title];
  let current = title;
  for (let hop = 0; hop < maxHops; hop += 1) {
    const next = await getRedirectTarget(current);
    if (!next) return { titles, loop: false };
    if (titles.some((seen) => same(seen, next.target))) return { titles: [...titles, next.target], loop: true };
    titles.push(next.target);
    current = next.target;
  }
  return { titles, loop: false };
}
