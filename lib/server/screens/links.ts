import 'server-only';
import { clampLimit, clampOffset, orphanedPages, wantedPages, whatLinksHere, type LinkingPage } from '@/lib/server/links';
import { unusedTemplates, wantedTemplates } from '@/lib/server/template-lists';
import { digitsParam, first, flag, type SearchParams } from '@/lib/domain/query-params';
import { tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/** One page of a query page's list ("previous 50 | next 50"): `limit` and `offset` from the address. */
export interface QueryPaging {
  limit: number;
  offset: number;
  hasMore: boolean;
}

function queryPaging(query: SearchParams): { limit: number; offset: number } {
  return { limit: clampLimit(digitsParam(query.limit, 9)), offset: clampOffset(digitsParam(query.offset, 9)) };
}

export type WhatLinksHereScreen =
  | { kind: 'no-target' }
  | { kind: 'bad-title'; title: string; reason: string }
  | {
      kind: 'links';
      title: ParsedTitle;
      items: LinkingPage[];
      paging: QueryPaging;
      /** The pager's base address (with the filters). */
      base: string;
      /** MediaWiki's hidelinks / hidetrans, and the address that flips each. */
      filters: { hideLinks: boolean; hideTransclusions: boolean; toggleLinksHref: string; toggleTransclusionsHref: string };
    };

/** Special:WhatLinksHere/<Title> (or ?target=): pages linking to the title, and redirects to it. */
export async function loadWhatLinksHereScreen(target: string | null, query: SearchParams): Promise<WhatLinksHereScreen> {
  const requested = target ?? first(query.target) ?? null;
  if (requested === null || requested.trim() === '') return { kind: 'no-target' };
  const parsed = tryParseTitle(requested);
  if (!parsed.ok) return { kind: 'bad-title', title: requested, reason: parsed.reason };
  const title = parsed.title;
  const { limit, offset } = queryPaging(query);
  const hideLinks = flag(query.hidelinks);
  const hideTransclusions = flag(query.hidetrans);
  const { items, hasMore } = await whatLinksHere(title, { limit, offset }, { hideLinks, hideTransclusions });
  const page = specialPageHref('WhatLinksHere', title);
  const withFilters = (links: boolean, transclusions: boolean) => {
    const params = [links && 'hidelinks=1', transclusions && 'hidetrans=1'].filter(Boolean);
    return params.length === 0 ? page : `${page}?${params.join('&')}`;
  };
  return {
    kind: 'links',
    title,
    items,
    paging: { limit, offset, hasMore },
    base: withFilters(hideLinks, hideTransclusions),
    filters: {
      hideLinks,
      hideTransclusions,
      toggleLinksHref: withFilters(!hideLinks, hideTransclusions),
      toggleTransclusionsHref: withFilters(hideLinks, !hideTransclusions),
    },
  };
}

/** Special:WantedPages: titles that do not exist, most linked first. */
export async function loadWantedPagesScreen(query: SearchParams) {
  const { limit, offset } = queryPaging(query);
  const { items, hasMore } = await wantedPages({ limit, offset });
  return { items, paging: { limit, offset, hasMore } satisfies QueryPaging };
}

/** Special:OrphanedPages: articles no page links to. */
export async function loadOrphanedPagesScreen(query: SearchParams) {
  const { limit, offset } = queryPaging(query);
  const { items, hasMore } = await orphanedPages({ limit, offset });
  return { items, paging: { limit, offset, hasMore } satisfies QueryPaging };
}

/** Special:WantedTemplates: transcluded titles that do not exist, most used first. */
export async function loadWantedTemplatesScreen(query: SearchParams) {
  const { limit, offset } = queryPaging(query);
  const { items, hasMore } = await wantedTemplates({ limit, offset });
  return { items, paging: { limit, offset, hasMore } satisfies QueryPaging };
}

/** Special:UnusedTemplates: templates no page transcludes. */
export async function loadUnusedTemplatesScreen(query: SearchParams) {
  const { limit, offset } = queryPaging(query);
  const { items, hasMore } = await unusedTemplates({ limit, offset });
  return { items, paging: { limit, offset, hasMore } satisfies QueryPaging };
}
