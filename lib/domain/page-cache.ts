/**
 * The page cache in front of Next.js (runtime/page-cache.mjs): which page views it may keep,
 * and which of them a write makes stale. Entries are keyed by the interface language and the
 * canonical URL path of the title, exactly as titleToUrlPath writes it ("it /wiki/Caf%C3%A9").
 * A write names the pages it touched and what happened to them, and this module says which paths
 * to drop, and which dependents the server must look up in the database. What the app and the
 * front handler must agree on (header, key format, channel, payloads) is page-cache-protocol.mjs.
 *
 * Pure: no I/O.
 */
import { NS, makeParsedTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { subjectTitleOf, talkTitleOf } from '@/lib/domain/talk';
import { documentedTemplateOf } from '@/lib/domain/template-usage';
import { CACHEABLE_QUERY, cacheKeyFor, RECENT_CHANGES_PATH } from '@/lib/domain/page-cache-protocol.mjs';

export { CLEAR_ALL_PAYLOAD, invalidationPayloads, MAX_NOTIFY_PAYLOAD_BYTES, MAX_PATHS_PER_INVALIDATION, PAGE_CACHE_KEY_HEADER } from '@/lib/domain/page-cache-protocol.mjs';

/** What a write did to one page. */
export type PageChangeKind =
  /** A new latest revision (edit, add topic, revert, the null revision of a move, import). */
  | 'revision'
  /** The page came into or went out of existence (creation, deletion, undeletion, either end of a move). */
  | 'existence'
  /** Its protection changed: the lock next to the tabs, "Edit" or "View source". */
  | 'protection'
  /** A revision's author, summary or text was hidden or shown. */
  | 'visibility'
  /** The file of a File: page changed (upload, revert, deletion, a version hidden): the pages showing it. */
  | 'file'
  /** Rendered again without a new revision (a template it uses changed): the page itself only. */
  | 'rendering';

export interface PageChange {
  kind: PageChangeKind;
  title: ParsedTitle;
}

/** Dependents only the database knows, to be looked up inside the write's transaction. */
export interface DependentQueries {
  /** Pages whose links to the title turn red or blue, and redirects pointing at it. */
  linkingTo: ParsedTitle[];
  /** Members of a category whose page appeared or disappeared (their category box links turn red or blue). */
  membersOf: ParsedTitle[];
  /** Pages that show a file whose current version changed (their embeds are resolved at view time). */
  showingFile: ParsedTitle[];
}

export const MAIN_PAGE = makeParsedTitle(NS.MAIN, 'Main_Page');
/** Lists every revision as the Main Page lists the latest: dropped whenever the Main Page is. */
export const RECENT_CHANGES = makeParsedTitle(NS.SPECIAL, 'RecentChanges');

/** The path under which a title's views are cached and invalidated: its canonical URL path, as sent. */
export function pageCacheKey(title: ParsedTitle): string {
  return titleToUrlPath(title);
}

/**
 * The cache key a view of `title` may be stored under, or null when it must not be cached: only
 * GET/HEAD, without a query string or with one of CACHEABLE_QUERY's (a permalink, a diff, the
 * history's first page: they change only with a write to the page itself); never a category
 * (its listing changes without a write to the page) nor a special page, except
 * Special:RecentChanges without a query (dropped with the Main Page, pageCacheDependents). The front
 * handler stores a page only when this key equals the one it computed from the raw request: the
 * request path is then byte for byte the canonical URL (no "/x/../", "./" or "%2e%2e" alias that
 * Next.js normalizes, no other percent-encoding) and the cache and Next.js agree on the language.
 */
export function pageCacheDeclaration(request: { method: string; query: string; title: ParsedTitle; language: string }): string | null {
  const { method, query, title, language } = request;
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (query !== '' && !CACHEABLE_QUERY.test(query)) return null;
  const path = pageCacheKey(title);
  if (title.namespace === NS.CATEGORY) return null;
  if (title.namespace === NS.SPECIAL && !(path === RECENT_CHANGES_PATH && query === '')) return null;
  return cacheKeyFor(path, language, query);
}

/**
 * The titles whose view a change makes stale without asking the database, and the dependents to
 * look up:
 * - the page itself, always; for a template's /doc subpage, the template too (shown under it);
 * - the Main Page and Special:RecentChanges whenever revisions or pages change (they list the
 *   latest changes; the Main Page counts the articles) — not for protection or a re-rendering (a
 *   template changed), which they do not show;
 * - for a file change, the pages showing the file (file_links), not the Main Page;
 * - on existence changes, the talk or subject counterpart (its Discussion/Article tab turns red or
 *   blue), the pages linking to it and the redirects pointing at it; for a category page, its members;
 *   for a File: page, the pages showing its file.
 */
export function pageCacheDependents(changes: readonly PageChange[]): { titles: ParsedTitle[]; queries: DependentQueries } {
  const titles: ParsedTitle[] = [];
  const queries: DependentQueries = { linkingTo: [], membersOf: [], showingFile: [] };
  for (const { kind, title } of changes) {
    if (title.namespace === NS.SPECIAL) continue;
    titles.push(title);
    // A template's /doc subpage is shown under the template: any change of its text shows there too.
    const documented = documentedTemplateOf(title);
    if (documented && kind !== 'protection') titles.push(documented);
    if (kind === 'file') {
      // The Main Page lists page changes, not uploads; the pages showing the file are looked up.
      queries.showingFile.push(title);
      continue;
    }
    // A protection change or a re-rendering shows on the page alone (the Main Page lists edits).
    if (kind === 'protection' || kind === 'rendering') continue;
    titles.push(MAIN_PAGE, RECENT_CHANGES);
    if (kind !== 'existence') continue;
    const counterpart = title.namespace % 2 === 1 ? subjectTitleOf(title) : talkTitleOf(title);
    if (counterpart) titles.push(counterpart);
    queries.linkingTo.push(title);
    if (title.namespace === NS.CATEGORY) queries.membersOf.push(title);
    // A File: page deleted, restored or moved away takes its file with it: its embeds change.
    if (title.namespace === NS.FILE) queries.showingFile.push(title);
  }
  return { titles, queries };
}
