/**
 * What search engines are told about each view of /wiki/<Title>: the robots policy and the
 * canonical address, by MediaWiki's rules:
 * - a current article (talk pages included: MediaWiki's default $wgNamespaceRobotPolicies indexes
 *   them) is `index,follow`;
 * - a title without a page (the 404), history, diffs, old revisions (Article::getRobotPolicy),
 *   edit pages (EditPage), every other action (delete, protect, revert…) and special pages
 *   (SpecialPage's default, which covers search results and the pages of the signed-in user:
 *   sign-in, password, uploads) are `noindex,nofollow`;
 * - the canonical address of every view of a page is the page's own /wiki/ address, without the
 *   query: history, diffs, old revisions and edit views all point at the article, as MediaWiki's
 *   <link rel="canonical"> does, and a followed redirect lands on the target, whose address it is.
 *   A special page's is its own name (search results: /wiki/Special:Search).
 *
 * Pure: no I/O. lib/server/page-indexing.ts finds which view a request is; the page's
 * generateMetadata turns the policy into Next.js metadata.
 */
import { first, parseDiffTarget, parseId, type SearchParams } from '@/lib/domain/query-params';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/** Which screen a /wiki/ request shows, as app/wiki/[...title]/page.tsx dispatches it. */
export type ViewKind = 'special' | 'history' | 'diff' | 'oldid' | 'edit' | 'action' | 'read';

/** What the indexing of a view depends on. */
export type PageView =
  /** `title` is the special page's canonical title ("Special:RecentChanges", with any subpage). */
  | { kind: 'special'; title: ParsedTitle }
  | { kind: 'history' | 'diff' | 'oldid' | 'edit' | 'action'; title: ParsedTitle }
  /** Reading: `live` when the page has text; missing pages are the 404. */
  | { kind: 'read'; title: ParsedTitle; state: 'live' | 'missing' }
  /** A redirect shown as itself (?redirect=no, a double redirect, a loop): it has no text of its own. */
  | { kind: 'redirect-page'; title: ParsedTitle; target: ParsedTitle };

export interface RobotsPolicy {
  index: boolean;
  follow: boolean;
}

export interface IndexingPolicy {
  robots: RobotsPolicy;
  /** Root-relative ("/wiki/Foo"); canonicalUrl makes it absolute. */
  canonicalPath: string;
}

const INDEX: RobotsPolicy = { index: true, follow: true };
const NOINDEX: RobotsPolicy = { index: false, follow: false };
/** A redirect page: not worth a result of its own, but its link to the target is. */
const NOINDEX_FOLLOW: RobotsPolicy = { index: false, follow: true };

/** The actions page.tsx answers with a screen of their own (MediaWiki's "view" is reading). */
const HISTORY = 'history';
const EDIT = 'edit';

/**
 * The kind of view a query asks for on a page that is not special, in page.tsx's order: an action
 * first, then a diff, then an old revision. Any action but "view" counts, also one this wiki does
 * not know (page.tsx shows the article for it, at an address that must not compete with it).
 */
export function viewKindOf(title: ParsedTitle, query: SearchParams): ViewKind {
  if (title.namespace === NS.SPECIAL) return 'special';
  const action = first(query.action);
  if (action === HISTORY) return 'history';
  if (action === EDIT) return 'edit';
  if (action !== undefined && action !== 'view') return 'action';
  if (parseDiffTarget(query.diff)) return 'diff';
  if (parseId(query.oldid)) return 'oldid';
  return 'read';
}

export function indexingPolicy(view: PageView): IndexingPolicy {
  switch (view.kind) {
    case 'read':
      return { robots: view.state === 'live' ? INDEX : NOINDEX, canonicalPath: titleToUrlPath(view.title) };
    case 'redirect-page':
      return { robots: NOINDEX_FOLLOW, canonicalPath: titleToUrlPath(view.target) };
    default:
      return { robots: NOINDEX, canonicalPath: titleToUrlPath(view.title) };
  }
}

/**
 * The canonical link's address: absolute under the configured origin; root-relative without one,
 * which a crawler resolves against the address it fetched (right for every host the wiki answers).
 */
export function canonicalUrl(path: string, origin: string | null): string {
  return origin === null ? path : `${origin}${path}`;
}
