import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { NS, type ParsedTitle } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import { exactTitleExists, MAX_SEARCH_LIMIT, searchPages, type SearchHit } from '@/lib/server/search';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { apiTimestamp, namespaces, pageItem } from '@/lib/server/action-api/query/list-common';

/*
 * list=search (MediaWiki's ApiQuerySearch) over Special:Search's query (lib/server/search.ts):
 * the same ranking and snippets, with MediaWiki's <span class="searchmatch"> around matches.
 * Ranked results have no stable key, so this list continues by offset (sroffset), as MediaWiki's.
 */

const PROPS = [
  'size',
  'wordcount',
  'timestamp',
  'snippet',
  'titlesnippet',
  'redirecttitle',
  'redirectsnippet',
  'sectiontitle',
  'sectionsnippet',
  'isfilematch',
  'categorysnippet',
] as const;
const INFO = ['totalhits', 'suggestion', 'rewrittenquery'] as const;
/** Special:Search's own ceiling on how deep results go. */
const MAX_OFFSET = 10_000;

export const searchList: ListModule = {
  prefix: 'sr',
  generator: true,
  async run(_context: ApiContext, params: PrefixedParams) {
    const query = params.requiredString('search');
    const ns = namespaces(params);
    const what = params.choice('what', ['title', 'text', 'nearmatch'] as const, 'text')!;
    const info = new Set(params.has('info') ? params.list('info', INFO) : INFO);
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : ['size', 'wordcount', 'timestamp', 'snippet']);
    const limit = params.limit('limit', 10, 500, 5000);
    const offset = params.integer('offset', { min: 0, max: MAX_OFFSET }) ?? 0;
    const namespaceList = ns.length > 0 ? ns : [NS.MAIN];

    const hits: SearchHit[] = [];
    let total: number;
    if (what === 'nearmatch') {
      const title = await exactTitleExists(query);
      const page = title && namespaceList.includes(title.namespace) ? await pageIdOf(title) : null;
      if (page !== null && offset === 0) hits.push({ pageId: page, title: title!, snippetHtml: '', titleMatch: true });
      total = page === null ? 0 : 1;
    } else {
      for (;;) {
        const from = offset + hits.length;
        const chunk = await searchPages(query, {
          limit: Math.min(MAX_SEARCH_LIMIT, limit - hits.length),
          offset: from,
          namespaces: namespaceList,
          titlesOnly: what === 'title',
        });
        if (chunk.notice && query.trim() !== '') throw new ApiError('badvalue', chunk.notice);
        total = chunk.total;
        hits.push(...chunk.hits);
        if (chunk.hits.length === 0 || hits.length >= limit || from + chunk.hits.length >= Math.min(total, MAX_OFFSET)) break;
      }
    }

    const details = await pageDetails(hits.map((hit) => hit.pageId));
    const items = hits.map((hit) => {
      const detail = details.get(hit.pageId);
      const out: Record<string, unknown> = pageItem(hit.pageId, hit.title);
      if (props.has('size')) out.size = detail?.size ?? 0;
      if (props.has('wordcount')) out.wordcount = detail?.words ?? 0;
      if (props.has('snippet')) out.snippet = searchMatchSpans(hit.snippetHtml);
      if (props.has('titlesnippet')) out.titlesnippet = hit.title.prefixedText;
      if (props.has('timestamp') && detail) out.timestamp = apiTimestamp(detail.touched);
      return out;
    });
    const reached = offset + hits.length;
    const more = what !== 'nearmatch' && hits.length > 0 && reached < Math.min(total, MAX_OFFSET);
    return {
      items,
      ...(info.has('totalhits') ? { info: { searchinfo: { totalhits: total } } } : {}),
      ...(more ? { continueWith: { offset: String(reached) } } : {}),
    };
  },
};

/** Special:Search marks matches with <mark>; the text around them is escaped, so the tags are the only ones. */
function searchMatchSpans(html: string): string {
  return html.replaceAll('<mark>', '<span class="searchmatch">').replaceAll('</mark>', '</span>');
}

async function pageIdOf(title: ParsedTitle): Promise<number | null> {
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace: title.namespace, title: title.dbKey } }, select: { id: true, latestRevisionId: true } });
  return page?.latestRevisionId ? page.id : null;
}

/** Size, word count and last edit of each hit's current text (MediaWiki's srprop=size|wordcount|timestamp). */
async function pageDetails(pageIds: readonly number[]): Promise<Map<number, { size: number; words: number; touched: Date }>> {
  if (pageIds.length === 0) return new Map();
  const rows = await getDb().$queryRaw<{ id: number; size: number; words: number; touched: Date }[]>`
    SELECT p.id, p.length AS size, r.created_at AS touched,
      CASE WHEN btrim(coalesce(d.body_text, '')) = '' THEN 0 ELSE array_length(regexp_split_to_array(btrim(d.body_text), '\\s+'), 1) END AS words
    FROM pages p JOIN revisions r ON r.id = p.latest_revision_id LEFT JOIN search_documents d ON d.page_id = p.id
    WHERE p.id = ANY(${[...pageIds]}::int[])`;
  return new Map(rows.map((row) => [Number(row.id), { size: Number(row.size), words: Number(row.words), touched: row.touched }]));
}
