import 'server-only';
import { Prisma } from '@/lib/generated/prisma/client';
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import { categorySortKey } from '@/lib/domain/categories';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { makeParsedTitle, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { getDb } from '@/lib/server/db';
import type { ApiContext } from '@/lib/server/action-api/module';
import type { ListModule } from '@/lib/server/action-api/query/types';
import { apiTimestamp, asGenerator, badContinue, knownNamespace, namespaces, noSuchPageId } from '@/lib/server/action-api/query/list-common';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * list=categorymembers (MediaWiki's ApiQueryCategoryMembers) over the rows behind category pages
 * (category_links, lib/server/links.ts categoryMembers): pages that exist, by sort key. As
 * MediaWiki, pages come before subcategories and files ("type"), then by sort key, then page id,
 * and cmcontinue is that key ("page|<hex sort key>|<pageid>"), so members added between batches
 * neither repeat nor shift. This wiki keeps no time of joining a category: cmsort=timestamp
 * orders by when the member page was created, the one stable time it has.
 */

const PROPS = ['ids', 'title', 'sortkey', 'sortkeyprefix', 'type', 'timestamp'] as const;
const TYPES = ['page', 'subcat', 'file'] as const;
type MemberType = (typeof TYPES)[number];
const TYPE_RANK = Prisma.sql`(CASE p.namespace WHEN ${NS.CATEGORY} THEN 1 WHEN ${NS.FILE} THEN 2 ELSE 0 END)`;

function typeOf(namespace: number): MemberType {
  return namespace === NS.CATEGORY ? 'subcat' : namespace === NS.FILE ? 'file' : 'page';
}

async function categoryOf(params: PrefixedParams): Promise<ParsedTitle> {
  const which = params.exactlyOne('title', 'pageid');
  if (which === params.name('title')) {
    const raw = params.requiredString('title');
    const parsed = tryParseTitle(raw);
    if (!parsed.ok) throw new ApiError('invalidtitle', `Bad title "${quotedValue(raw)}".`);
    if (parsed.title.namespace !== NS.CATEGORY) throw new ApiError('invalidcategory', 'The category name you entered is not valid.');
    return parsed.title;
  }
  const id = params.integer('pageid')!;
  const page = await getDb().page.findUnique({ where: { id }, select: { namespace: true, title: true, latestRevisionId: true } });
  if (!page?.latestRevisionId) throw noSuchPageId(id);
  if (page.namespace !== NS.CATEGORY) throw new ApiError('invalidcategory', 'The category name you entered is not valid.');
  return makeParsedTitle(NS.CATEGORY, page.title);
}

export const categoryMembersList: ListModule = {
  prefix: 'cm',
  generator: true,
  async run(_context: ApiContext, params: PrefixedParams) {
    const category = await categoryOf(params);
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : ['ids', 'title']);
    if (asGenerator(params, 'cm')) props.add('ids').add('title');
    const ns = namespaces(params);
    const types = params.has('type') ? params.list('type', TYPES) : [...TYPES];
    const byTime = params.choice('sort', ['sortkey', 'timestamp'] as const, 'sortkey') === 'timestamp';
    const descending = ['desc', 'descending', 'older'].includes(params.choice('dir', ['asc', 'desc', 'ascending', 'descending', 'newer', 'older'] as const, 'ascending')!);
    const start = byTime ? params.timestamp('start') : undefined;
    const end = byTime ? params.timestamp('end') : undefined;
    const limit = params.limit('limit', 10, 500, 5000);
    const continued = params.string('continue');

    const where: Prisma.Sql[] = [Prisma.sql`cl.category = ${category.dbKey}`, Prisma.sql`p.latest_revision_id IS NOT NULL`];
    if (ns.length > 0) where.push(Prisma.sql`p.namespace = ANY(${ns}::int[])`);
    if (types.length < TYPES.length) where.push(Prisma.sql`${TYPE_RANK} = ANY(${types.map((type) => TYPES.indexOf(type as MemberType))}::int[])`);
    const [after, before] = descending ? [Prisma.sql`<`, Prisma.sql`>=`] : [Prisma.sql`>`, Prisma.sql`<=`];
    if (start) where.push(Prisma.sql`p.created_at ${descending ? Prisma.sql`<=` : Prisma.sql`>=`} ${start}`);
    if (end) where.push(Prisma.sql`p.created_at ${before} ${end}`);
    if (continued !== undefined) where.push(continueCondition(continued, byTime, after));
    const order = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const orderBy = byTime ? Prisma.sql`p.created_at ${order}, p.id ${order}` : Prisma.sql`${TYPE_RANK} ${order}, cl.sort_key ${order}, p.id ${order}`;

    const rows = await getDb().$queryRaw<{ id: number; namespace: number; title: string; sort_key: string; created_at: Date }[]>`
      SELECT p.id, p.namespace, p.title, cl.sort_key, p.created_at
      FROM category_links cl JOIN pages p ON p.id = cl.page_id
      WHERE ${Prisma.join(where, ' AND ')}
      ORDER BY ${orderBy}
      LIMIT ${limit + 1}`;
    const next = rows[limit];
    return {
      items: rows.slice(0, limit).map((row) => {
        const title = makeParsedTitle(knownNamespace(row.namespace), row.title);
        const out: Record<string, unknown> = {};
        if (props.has('ids')) out.pageid = row.id;
        if (props.has('title')) Object.assign(out, { ns: title.namespace, title: title.prefixedText });
        if (props.has('sortkey')) out.sortkey = Buffer.from(row.sort_key, 'utf8').toString('hex');
        if (props.has('sortkeyprefix')) out.sortkeyprefix = row.sort_key === categorySortKey(title.text) ? '' : row.sort_key;
        if (props.has('type')) out.type = typeOf(row.namespace);
        if (props.has('timestamp')) out.timestamp = apiTimestamp(row.created_at);
        return out;
      }),
      ...(next ? { continueWith: { continue: continueValue(next, byTime) } } : {}),
    };
  },
};

function continueValue(row: { id: number; namespace: number; sort_key: string; created_at: Date }, byTime: boolean): string {
  if (byTime) return `${row.created_at.toISOString()}|${row.id}`;
  return `${typeOf(row.namespace)}|${Buffer.from(row.sort_key, 'utf8').toString('hex')}|${row.id}`;
}

/** Rows from the continuation's row on (inclusive: it is the first row of the next batch). */
function continueCondition(value: string, byTime: boolean, after: Prisma.Sql): Prisma.Sql {
  if (byTime) {
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|(\d{1,10})$/.exec(value);
    if (!match || Number.isNaN(Date.parse(match[1]!)) || !isStorableId(Number(match[2]))) throw badContinue();
    return Prisma.sql`(p.created_at, p.id) ${after}= (${new Date(match[1]!)}::timestamptz, ${Number(match[2])}::int)`;
  }
  const match = /^(page|subcat|file)\|((?:[0-9a-f]{2})*)\|(\d{1,10})$/.exec(value);
  if (!match || !isStorableId(Number(match[3]))) throw badContinue();
  const sortKey = Buffer.from(match[2]!, 'hex').toString('utf8');
  return Prisma.sql`(${TYPE_RANK}, cl.sort_key, p.id) ${after}= (${TYPES.indexOf(match[1] as MemberType)}::int, ${sortKey}::text, ${Number(match[3])}::int)`;
}
