import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { categorySortKey } from '@/lib/domain/categories';
import { makeParsedTitle, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { PropGenerator } from '@/lib/server/action-api/query/generator';
import { existingPages, resolvePageSet } from '@/lib/server/action-api/query/pageset';
import { categoriesOf } from '@/lib/server/action-api/query/page-rows';
import type { PropModule } from '@/lib/server/action-api/query/types';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * prop=categories (MediaWiki's ApiQueryCategories): the categories of each page's latest
 * revision (category_links), by page then name; clcontinue is MediaWiki's "<pageid>|<category>".
 * This wiki has no hidden categories (__HIDDENCAT__), so clshow=hidden finds none and
 * clshow=!hidden all. Sort keys are stored upper-cased, so sortkeyprefix is too. generator=categories makes the category pages the page set.
 */

type CategoryRow = { pageId: number; category: string; sortKey: string };

function parseContinue(params: PrefixedParams): { pageId: number; category: string } | undefined {
  const raw = params.string('continue');
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d{1,10})\|(.*)$/s.exec(raw);
  if (!match || !isStorableId(Number(match[1])))
    throw new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.', { module: 'categories' });
  return { pageId: Number(match[1]), category: match[2]!.replaceAll(' ', '_') };
}

async function categoryBatch(pageIds: number[], params: PrefixedParams): Promise<{ rows: CategoryRow[]; continueWith?: Record<string, string> }> {
  const limit = params.limit('limit', 10, 500, 5000);
  const show = params.list('show', ['hidden', '!hidden']);
  if (show.includes('hidden') && show.includes('!hidden'))
    throw new ApiError('show', 'Incorrect parameter - mutually exclusive values may not be supplied.', { module: 'categories' });
  const only = params
    .list('categories')
    .map((name) => tryParseTitle(name, { defaultNamespace: NS.CATEGORY }))
    .flatMap((parsed) => (parsed.ok && parsed.title.namespace === NS.CATEGORY ? [parsed.title.dbKey] : []));
  if (show.includes('hidden') || (params.has('categories') && only.length === 0)) return { rows: [] };
  const rows = await categoriesOf(pageIds, { only, after: parseContinue(params), limit: limit + 1 });
  if (rows.length <= limit) return { rows };
  const next = rows[limit]!;
  return { rows: rows.slice(0, limit), continueWith: { continue: `${next.pageId}|${next.category}` } };
}

export const categoriesProp: PropModule = {
  prefix: 'cl',
  async run(_context, params, pages) {
    const props = new Set(params.list('prop', ['sortkey', 'hidden']));
    const existing = existingPages(pages);
    const { rows, continueWith } = await categoryBatch(
      existing.map(({ row }) => row.id),
      params,
    );
    for (const { page, row } of existing) {
      const categories = rows
        .filter((link) => link.pageId === row.id)
        .map((link) => {
          const entry: Record<string, unknown> = { ns: NS.CATEGORY, title: makeParsedTitle(NS.CATEGORY, link.category).prefixedText };
          if (props.has('sortkey')) {
            // Sort keys are stored upper-cased (categorySortKey): the prefix a link gave comes back so, and "" when it gave none.
            const prefix = link.sortKey === categorySortKey(row.title.replaceAll('_', ' ')) ? '' : link.sortKey;
            Object.assign(entry, { sortkey: Buffer.from(link.sortKey, 'utf8').toString('hex'), sortkeyprefix: prefix });
          }
          if (props.has('hidden')) entry.hidden = false;
          return entry;
        });
      if (categories.length > 0) page.categories = [...((page.categories as unknown[] | undefined) ?? []), ...categories];
    }
    return continueWith;
  },
};

export const categoriesGenerator: PropGenerator = {
  prefix: 'cl',
  async generate(context, params, source) {
    const set = await resolvePageSet(source, context.params.flag('redirects'));
    const { rows, continueWith } = await categoryBatch(
      existingPages(set.pages).map(({ row }) => row.id),
      params,
    );
    const titles = [...new Set(rows.map((row) => row.category))].map((category): ParsedTitle => makeParsedTitle(NS.CATEGORY, category));
    return { titles, continueWith };
  },
};
