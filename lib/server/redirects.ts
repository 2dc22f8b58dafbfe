import 'server-only';
import { getDb } from '@/lib/server/db';
import { findCaseVariant, pageExists } from '@/lib/server/pages';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import { redirectViewDecision, type ViewDecision } from '@/lib/domain/redirects';

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

export type { RedirectWarning, ViewDecision } from '@/lib/domain/redirects';

/**
 * What viewing `title` should do (see redirectViewDecision): a redirect is followed once, a double
 * redirect or a loop shows the redirect page with a warning. `noRedirect` is ?redirect=no.
 */
export async function decideRedirectView(title: ParsedTitle, options: { noRedirect?: boolean; redirectedFrom?: ParsedTitle | null } = {}): Promise<ViewDecision> {
  return redirectViewDecision(title, await getRedirectTarget(title), options);
}

/**
 * Where a request for `title` by a non-canonical address ("/wiki/ecpat") is sent, in one permanent
 * redirect: the page itself when it exists, else the one existing page whose title differs only
 * in case ("ECPAT"), else the canonical spelling (which then shows the missing page).
 */
export async function canonicalDestination(title: ParsedTitle): Promise<ParsedTitle> {
  if (await pageExists(title)) return title;
  return (await findCaseVariant(title)) ?? title;
}

function same(a: ParsedTitle, b: ParsedTitle): boolean {
  return a.namespace === b.namespace && a.dbKey === b.dbKey;
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
