import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { badContinue, knownNamespace, namespaces, noSuchPageId, pageItem, titleParam } from '@/lib/server/action-api/query/list-common';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * list=backlinks (MediaWiki's ApiQueryBacklinks) over Special:WhatLinksHere's rows (lib/server/links.ts
 * whatLinksHere): pages with a wikilink to the target and redirects to it (a redirect links to its
 * target in MediaWiki too); transclusions are list=embeddedin's, not listed here. Pages that exist
 * only, keyset on (namespace, page id) as MediaWiki's blcontinue "<ns>|<pageid>".
 */

interface LinkingRow {
  id: number;
  namespace: number;
  title: string;
  is_redirect: boolean;
}

/** Existing pages linking to or redirecting to `target`, with `extra` conditions on `p`. */
function linkingPages(target: ParsedTitle, extra: Prisma.Sql[], order: Prisma.Sql, limit: number): Promise<LinkingRow[]> {
  const where = [
    Prisma.sql`p.latest_revision_id IS NOT NULL`,
    Prisma.sql`p.id IN (
      SELECT from_page_id FROM page_links WHERE to_namespace = ${target.namespace} AND to_title = ${target.dbKey}
      UNION
      SELECT page_id FROM redirects WHERE namespace = ${target.namespace} AND title = ${target.dbKey})`,
    ...extra,
  ];
  return getDb().$queryRaw<LinkingRow[]>`
    SELECT p.id, p.namespace, p.title, p.is_redirect FROM pages p
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY p.namespace ${order}, p.id ${order}
    LIMIT ${limit}`;
}

async function targetOf(params: PrefixedParams): Promise<ParsedTitle> {
  const which = params.exactlyOne('title', 'pageid');
  if (which === params.name('title')) return titleParam(params, 'title');
  const id = params.integer('pageid')!;
  const page = await getDb().page.findUnique({ where: { id }, select: { namespace: true, title: true, latestRevisionId: true } });
  if (!page?.latestRevisionId) throw noSuchPageId(id);
  return makeParsedTitle(knownNamespace(page.namespace), page.title);
}

export const backlinksList: ListModule = {
  prefix: 'bl',
  generator: true,
  async run(_context: ApiContext, params: PrefixedParams) {
    const target = await targetOf(params);
    const ns = namespaces(params);
    const filter = params.choice('filterredir', ['all', 'redirects', 'nonredirects'] as const, 'all')!;
    const descending = params.choice('dir', ['ascending', 'descending'] as const, 'ascending') === 'descending';
    const limit = params.limit('limit', 10, 500, 5000);
    const followRedirects = params.flag('redirect');
    const continued = params.string('continue');

    const extra: Prisma.Sql[] = [];
    if (ns.length > 0) extra.push(Prisma.sql`p.namespace = ANY(${ns}::int[])`);
    if (filter !== 'all') extra.push(Prisma.sql`p.is_redirect = ${filter === 'redirects'}`);
    if (continued !== undefined) {
      const match = /^(-?\d{1,4})\|(\d{1,10})$/.exec(continued);
      if (!match || !isStorableId(Number(match[2]))) throw badContinue();
      extra.push(Prisma.sql`(p.namespace, p.id) ${descending ? Prisma.sql`<=` : Prisma.sql`>=`} (${Number(match[1])}::int, ${Number(match[2])}::int)`);
    }
    const order = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const rows = await linkingPages(target, extra, order, limit + 1);
    const next = rows[limit];
    const items = await Promise.all(
      rows.slice(0, limit).map(async (row) => {
        const title = makeParsedTitle(knownNamespace(row.namespace), row.title);
        const out: Record<string, unknown> = pageItem(row.id, title);
        if (!row.is_redirect) return out;
        out.redirect = true;
        // blredirect: the pages that reach the target through this redirect (one level, as MediaWiki).
        if (followRedirects) {
          const through = await linkingPages(title, ns.length > 0 ? [Prisma.sql`p.namespace = ANY(${ns}::int[])`] : [], Prisma.sql`ASC`, limit);
          out.redirlinks = through.map((link) => pageItem(link.id, makeParsedTitle(knownNamespace(link.namespace), link.title)));
        }
        return out;
      }),
    );
    return { items, ...(next ? { continueWith: { continue: `${next.namespace}|${next.id}` } } : {}) };
  },
};
