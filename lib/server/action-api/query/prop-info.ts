import 'server-only';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { CONTENT_MODEL } from '@/lib/domain/action-api/siteinfo';
import { apiLevelName } from '@/lib/domain/action-api/write-params';
import { protectableActions } from '@/lib/domain/protection';
import { isTalkNamespace, subjectTitleOf, talkTitleOf } from '@/lib/domain/talk';
import { isKnownNamespace, makeParsedTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { DEFAULT_LOCALE } from '@/lib/i18n/negotiate-locale.mjs';
import { getPageProtection } from '@/lib/server/protection';
import { requestOrigin } from '@/lib/server/rest/http';
import { existingPages } from '@/lib/server/action-api/query/pageset';
import { firstRevisions, pagesByTitle, titleKey } from '@/lib/server/action-api/query/page-rows';
import type { PropModule, QueryPageResult } from '@/lib/server/action-api/query/types';

/* prop=info (MediaWiki's ApiQueryInfo): the page's facts from the page row, and what inprop asks for. */

/** MediaWiki's others (watched, watchers, preload, varianttitles…) are dropped with its warning: watchlists are private here and nothing else applies. */
const PROPS = ['protection', 'talkid', 'subjectid', 'associatedpage', 'url', 'displaytitle'] as const;

function titleOf(page: QueryPageResult): ParsedTitle | null {
  if (!isKnownNamespace(page.ns) || page.invalid) return null;
  const name = page.title;
  const colon = name.indexOf(':');
  return makeParsedTitle(page.ns, (page.ns === 0 || colon < 0 ? name : name.slice(colon + 1)).replaceAll(' ', '_'));
}

export const infoProp: PropModule = {
  prefix: 'in',
  async run(context, params, pages) {
    const props = new Set(params.list('prop', PROPS));
    const origin = requestOrigin(context.request);
    const existing = existingPages(pages);
    const creations = await firstRevisions(existing.map(({ row }) => row.latestRevisionId));
    const titled = pages.map((page) => ({ page, title: titleOf(page) })).filter((entry): entry is { page: QueryPageResult; title: ParsedTitle } => entry.title !== null);
    const associated = (title: ParsedTitle): ParsedTitle | null => (isTalkNamespace(title.namespace) ? subjectTitleOf(title) : talkTitleOf(title));
    const others =
      props.has('talkid') || props.has('subjectid') ? await pagesByTitle(titled.map(({ title }) => associated(title)).filter((t): t is ParsedTitle => t !== null)) : new Map();

    for (const { page, title } of titled) {
      if (page.special) continue;
      Object.assign(page, { contentmodel: CONTENT_MODEL, pagelanguage: DEFAULT_LOCALE, pagelanguagehtmlcode: DEFAULT_LOCALE, pagelanguagedir: 'ltr' });
      const entry = existing.find((candidate) => candidate.page === page);
      if (entry) {
        const { row } = entry;
        Object.assign(page, { touched: apiTimestamp(row.touchedAt), lastrevid: row.latestRevisionId, length: row.length });
        if (row.isRedirect) page.redirect = true;
        if (creations.has(row.latestRevisionId)) page.new = true;
      }
      if (props.has('protection')) {
        const protection = entry ? await getPageProtection(entry.row.id) : {};
        page.protection = Object.entries(protection).map(([type, restriction]) => ({
          type,
          level: apiLevelName(restriction.level),
          expiry: restriction.expiresAt === null ? 'infinity' : apiTimestamp(restriction.expiresAt),
        }));
        page.restrictiontypes = entry ? [...protectableActions(title.namespace)] : ['create'];
      }
      const other = associated(title);
      const otherRow = other ? others.get(titleKey(other.namespace, other.dbKey)) : undefined;
      if (props.has('talkid') && !isTalkNamespace(title.namespace) && otherRow) page.talkid = otherRow.id;
      if (props.has('subjectid') && isTalkNamespace(title.namespace) && otherRow) page.subjectid = otherRow.id;
      if (props.has('associatedpage') && other) page.associatedpage = other.prefixedText;
      if (props.has('url')) {
        const url = `${origin}${titleToUrlPath(title)}`;
        Object.assign(page, { fullurl: url, editurl: `${url}?action=edit`, canonicalurl: url });
      }
      if (props.has('displaytitle')) page.displaytitle = title.prefixedText;
    }
    return undefined;
  },
};
