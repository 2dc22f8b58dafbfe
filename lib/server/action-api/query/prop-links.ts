import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { isKnownNamespace, makeParsedTitle, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { PropGenerator } from '@/lib/server/action-api/query/generator';
import { existingPages, resolvePageSet } from '@/lib/server/action-api/query/pageset';
import { linksFrom } from '@/lib/server/action-api/query/page-rows';
import type { PropModule } from '@/lib/server/action-api/query/types';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * prop=links (MediaWiki's ApiQueryLinks): the links of each page's latest revision (page_links),
 * to pages that exist or not, ordered by page, namespace and title; plcontinue is MediaWiki's
 * "<pageid>|<ns>|<title>". generator=links makes those titles the page set.
 */

type LinkRow = { fromPageId: number; toNamespace: number; toTitle: string };

function parseContinue(params: PrefixedParams): { pageId: number; namespace: number; title: string } | undefined {
  const raw = params.string('continue');
  if (raw === undefined || raw === '') return undefined;
  const match = /^(\d{1,10})\|(-?\d{1,4})\|(.*)$/s.exec(raw);
  if (!match || !isStorableId(Number(match[1])))
    throw new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.', { module: 'links' });
  return { pageId: Number(match[1]), namespace: Number(match[2]), title: match[3]!.replaceAll(' ', '_') };
}

function namespaces(params: PrefixedParams): number[] {
  return params.list('namespace').map((value) => {
    if (!/^-?\d{1,4}$/.test(value)) throw new ApiError('badvalue', `Unrecognized value for parameter "${params.name('namespace')}": ${value.slice(0, 50)}.`);
    return Number(value);
  });
}

/** The links of the pages, one batch: `limit` rows and the continue value of the next one. */
async function linkBatch(pageIds: number[], params: PrefixedParams): Promise<{ rows: LinkRow[]; continueWith?: Record<string, string> }> {
  const limit = params.limit('limit', 10, 500, 5000);
  const only = params
    .list('titles')
    .map((title) => tryParseTitle(title))
    .flatMap((parsed) => (parsed.ok ? [parsed.title] : []));
  const rows = await linksFrom(pageIds, { namespaces: namespaces(params), after: parseContinue(params), limit: limit + 1 });
  const batch = rows.slice(0, limit);
  const wanted = only.length === 0 ? batch : batch.filter((row) => only.some((title) => title.namespace === row.toNamespace && title.dbKey === row.toTitle));
  const next = rows[limit];
  return next ? { rows: wanted, continueWith: { continue: `${next.fromPageId}|${next.toNamespace}|${next.toTitle}` } } : { rows: wanted };
}

function titleOf(row: LinkRow): ParsedTitle | null {
  return isKnownNamespace(row.toNamespace) ? makeParsedTitle(row.toNamespace, row.toTitle) : null;
}

export const linksProp: PropModule = {
  prefix: 'pl',
  async run(_context, params, pages) {
    const existing = existingPages(pages);
    const { rows, continueWith } = await linkBatch(
      existing.map(({ row }) => row.id),
      params,
    );
    for (const { page, row } of existing) {
      const links = rows
        .filter((link) => link.fromPageId === row.id)
        .map(titleOf)
        .filter((title): title is ParsedTitle => title !== null)
        .map((title) => ({ ns: title.namespace, title: title.prefixedText }));
      if (links.length > 0) page.links = [...((page.links as unknown[] | undefined) ?? []), ...links];
    }
    return continueWith;
  },
};

export const linksGenerator: PropGenerator = {
  prefix: 'pl',
  async generate(context, params, source) {
    const set = await resolvePageSet(source, context.params.flag('redirects'));
    const { rows, continueWith } = await linkBatch(
      existingPages(set.pages).map(({ row }) => row.id),
      params,
    );
    const unique = new Map<string, ParsedTitle>();
    for (const title of rows.map(titleOf)) if (title !== null) unique.set(title.prefixedDbKey, title);
    return { titles: [...unique.values()], continueWith };
  },
};
