import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { makeParsedTitle, NS, type Namespace } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { badContinue, oneNamespace, pageItem } from '@/lib/server/action-api/query/list-common';

/*
 * list=allpages (MediaWiki's ApiQueryAllPages): Special:AllPages' rule (pages that exist, deleted
 * ones left out, lib/server/search.ts listAllPages) with the API's filters, keyset on the title
 * within one namespace, so pages created between batches neither repeat nor shift others.
 * apcontinue is the next title's key, as MediaWiki's.
 */

/** MediaWiki's titlePartToKey: spaces to underscores, first letter upper case (every namespace here is "first-letter"). */
function titleKey(text: string): string {
  const key = text.trim().replaceAll(' ', '_');
  return key.charAt(0).toUpperCase() + key.slice(1);
}

export const allPagesList: ListModule = {
  prefix: 'ap',
  generator: true,
  async run(_context: ApiContext, params: PrefixedParams) {
    const namespace: Namespace = oneNamespace(params, 'namespace', NS.MAIN);
    const from = params.string('from');
    const continued = params.string('continue');
    const to = params.string('to');
    const prefix = params.string('prefix');
    const filterRedirects = params.choice('filterredir', ['all', 'redirects', 'nonredirects'] as const, 'all')!;
    const minSize = params.integer('minsize');
    const maxSize = params.integer('maxsize');
    const descending = params.choice('dir', ['ascending', 'descending'] as const, 'ascending') === 'descending';
    const limit = params.limit('limit', 10, 500, 5000);

    if (continued !== undefined && (continued === '' || continued.length > 255)) throw badContinue();
    const start = continued ?? (from ? titleKey(from) : undefined);
    const where: Prisma.Sql[] = [Prisma.sql`namespace = ${namespace}`, Prisma.sql`latest_revision_id IS NOT NULL`];
    if (start !== undefined) where.push(descending ? Prisma.sql`title <= ${start}` : Prisma.sql`title >= ${start}`);
    if (to) where.push(descending ? Prisma.sql`title >= ${titleKey(to)}` : Prisma.sql`title <= ${titleKey(to)}`);
    if (prefix) where.push(Prisma.sql`starts_with(title, ${titleKey(prefix)})`);
    if (filterRedirects !== 'all') where.push(Prisma.sql`is_redirect = ${filterRedirects === 'redirects'}`);
    if (minSize !== undefined) where.push(Prisma.sql`length >= ${minSize}`);
    if (maxSize !== undefined) where.push(Prisma.sql`length <= ${maxSize}`);

    const rows = await getDb().$queryRaw<{ id: number; title: string }[]>`
      SELECT id, title FROM pages WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY title ${descending ? Prisma.sql`DESC` : Prisma.sql`ASC`}
      LIMIT ${limit + 1}`;
    const next = rows[limit];
    return {
      items: rows.slice(0, limit).map((row) => pageItem(row.id, makeParsedTitle(namespace, row.title))),
      ...(next ? { continueWith: { continue: next.title } } : {}),
    };
  },
};
