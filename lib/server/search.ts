import 'server-only';
import { escapeHtmlNamed } from '@/lib/domain/html.mjs';
import { hiddenParts, REMOVED_SUMMARY, REMOVED_USER } from '@/lib/domain/visibility';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDb } from '@/lib/server/db';
import { AMP_STANDIN, LONE_SURROGATE, LT_STANDIN, MATCH_END, MATCH_START } from '@/lib/server/derived/search';
import { NS, NAMESPACE_NAMES, isKnownNamespace, makeParsedTitle, tryParseTitle, type Namespace, type ParsedTitle } from '@/lib/domain/titles';

/**
 * Full-text search, title suggestions and the page lists (Special:Search, Special:AllPages,
 * Special:Random) over search_documents and pages. Every user string reaches SQL as a bound
 * parameter; queries are parsed by websearch_to_tsquery, which never raises a syntax error.
 */

/** Longer queries are refused with a message (MediaWiki refuses queries over 300 characters too). */
export const MAX_QUERY_LENGTH = 300;
export const MAX_SEARCH_LIMIT = 100;

export interface SearchHit {
  pageId: number;
  title: ParsedTitle;
  /** HTML: the text escaped, matches wrapped in <mark>. Safe to render as-is. */
  snippetHtml: string;
  titleMatch: boolean;
}

export interface SearchResults {
  query: string;
  total: number;
  hits: SearchHit[];
  /** Why there are no results other than "nothing matched" (query empty or too long), for the reader. */
  notice?: string;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  namespaces?: Namespace[];
  /** Only pages whose title matches (the Action API's srwhat=title). */
  titlesOnly?: boolean;
}

/** ts_headline output → HTML: everything escaped, then the private-use markers become the given tags. */
export function highlightToHtml(headline: string, open = '<mark>', close = '</mark>'): string {
  return escapeHtmlNamed(headline.replaceAll(LT_STANDIN, '<').replaceAll(AMP_STANDIN, '&'), { apostrophe: true }).replaceAll(MATCH_START, open).replaceAll(MATCH_END, close);
}

/** Removes what PostgreSQL cannot take in a text parameter (NUL, lone surrogates) and our markers. */
function cleanInput(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\0\uE000-\uE003]/g, ' ')
    .trim();
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** ts_headline re-parses the text for every hit: bound its work (snippets come from the start of long pages). */
const HEADLINE_SOURCE_CHARS = 30_000;

const HEADLINE_OPTIONS = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * The query in the three configurations the documents are indexed with (see derived/search.ts),
 * OR-ed: a word matches exactly ('simple') or by its English or Italian stem. tsquery's || skips
 * an empty operand, so a part that parses to nothing (only stop words, e.g. "the" in English)
 * cannot empty the whole query; numnode() = 0 means nothing searchable at all.
 */
function tsQuery(q: string): Prisma.Sql {
  return Prisma.sql`(websearch_to_tsquery('simple', ${q}) || websearch_to_tsquery('english', ${q}) || websearch_to_tsquery('italian', ${q}))`;
}

export async function searchPages(query: string, options: SearchOptions = {}): Promise<SearchResults> {
  const q = cleanInput(query);
  const limit = clampInt(options.limit, 20, 1, MAX_SEARCH_LIMIT);
  const offset = clampInt(options.offset, 0, 0, 10_000);
  const namespaces = (options.namespaces ?? [NS.MAIN]).filter((ns) => isKnownNamespace(ns) && ns !== NS.SPECIAL);
  if (q === '') return { query: q, total: 0, hits: [], notice: 'Enter something to search for.' };
  if (q.length > MAX_QUERY_LENGTH) {
    return { query: q, total: 0, hits: [], notice: `Your search is too long: queries may have at most ${MAX_QUERY_LENGTH} characters.` };
  }
  const db = getDb();
  // The query is parsed once per statement in a CTE; NULL (nothing searchable) matches nothing.
  // Ranking reads every match, so it uses only what is cheap per row: ts_rank (ts_rank_cd's cover
  // density cost 9× more with the three-configuration query: 35 ms for 10,000 matches) and
  // the title check on the already-loaded vector. Snippets (the costly part) are built for the
  // returned page of hits only.
  const rows = await db.$queryRaw<{ page_id: number; namespace: number; title: string; title_match: boolean; headline_en: string; headline_it: string; total: bigint }[]>`
    WITH q AS (SELECT query FROM (SELECT ${tsQuery(q)} AS query) t WHERE numnode(query) > 0),
    matches AS (
      SELECT d.page_id,
             (ts_filter(d.vector, '{a}') @@ q.query) AS title_match,
             ts_rank('{0.05, 0.2, 0.5, 1.0}', d.vector, q.query) AS rank
      FROM search_documents d, q
      WHERE d.namespace = ANY(${namespaces}::int[]) AND d.vector @@ q.query
        AND (NOT ${options.titlesOnly === true} OR ts_filter(d.vector, '{a}') @@ q.query)
    ),
    hits AS (
      SELECT m.*, count(*) OVER () AS total FROM matches m
      ORDER BY m.title_match DESC, m.rank DESC, m.page_id
      LIMIT ${limit} OFFSET ${offset}
    ),
    texts AS (
      SELECT hits.*, d.namespace, translate(left(d.body_text, ${HEADLINE_SOURCE_CHARS}), '<&', ${LT_STANDIN + AMP_STANDIN}) AS safe_text
      FROM hits JOIN search_documents d ON d.page_id = hits.page_id
    )
    SELECT texts.page_id, texts.namespace, p.title, texts.title_match, texts.total,
           ts_headline('english', texts.safe_text, q.query, ${HEADLINE_OPTIONS}) AS headline_en,
           ts_headline('italian', texts.safe_text, q.query, ${HEADLINE_OPTIONS}) AS headline_it
    FROM texts JOIN pages p ON p.id = texts.page_id, q
    ORDER BY texts.title_match DESC, texts.rank DESC, texts.page_id`;
  let total = rows[0] ? Number(rows[0].total) : 0;
  if (!rows[0] && offset > 0) total = await countMatches(q, namespaces, options.titlesOnly === true);
  return {
    query: q,
    total,
    hits: rows.map((row) => {
      // The English analysis marks exact words and English stems, the Italian one Italian stems:
      // show whichever found more (ties go to English).
      const headline = marks(row.headline_it) > marks(row.headline_en) ? row.headline_it : row.headline_en;
      return {
        pageId: row.page_id,
        title: makeParsedTitle(row.namespace as Namespace, row.title),
        snippetHtml: highlightToHtml(headline),
        titleMatch: row.title_match,
      };
    }),
  };
}

function marks(headline: string): number {
  return headline.split(MATCH_START).length - 1;
}

async function countMatches(q: string, namespaces: number[], titlesOnly: boolean): Promise<number> {
  const rows = await getDb().$queryRaw<{ n: bigint }[]>`
    WITH q AS (SELECT ${tsQuery(q)} AS query)
    SELECT count(*) AS n FROM search_documents d, q
    WHERE d.namespace = ANY(${namespaces}::int[]) AND d.vector @@ q.query AND (NOT ${titlesOnly} OR ts_filter(d.vector, '{a}') @@ q.query)`;
  return Number(rows[0]?.n ?? 0);
}

export interface TitleSuggestion {
  pageId: number;
  title: ParsedTitle;
}

/**
 * Titles starting with the prefix, case-insensitively: a btree range scan on
 * (namespace, title_lower) per namespace. A prefix naming a namespace ("Talk:Fo") searches that
 * namespace; otherwise the main namespace comes first, then the others, or only `namespaces`
 * when given (OpenSearch's namespace=, in that order).
 */
export async function suggestTitles(prefix: string, limit = 10, options: { namespaces?: readonly number[] } = {}): Promise<TitleSuggestion[]> {
  let text = cleanInput(prefix).replaceAll('_', ' ').replace(/\s+/g, ' ').slice(0, 255);
  const count = clampInt(limit, 10, 1, MAX_SEARCH_LIMIT);
  if (text === '') return [];
  let namespaces: number[] = options.namespaces
    ? [...options.namespaces]
    : [
        NS.MAIN,
        ...Object.keys(NAMESPACE_NAMES)
          .map(Number)
          .filter((ns) => ns > 0),
      ];
  const colon = text.indexOf(':');
  if (colon > 0) {
    const name = text.slice(0, colon).trim().toLowerCase();
    const ns = (Object.entries(NAMESPACE_NAMES) as [string, string][]).find(([, n]) => n !== '' && n.toLowerCase() === name);
    if (ns && Number(ns[0]) !== NS.SPECIAL) {
      namespaces = [Number(ns[0])];
      text = text.slice(colon + 1).trimStart();
    }
  }
  const p = text.toLowerCase();
  const rows = await getDb().$queryRaw<{ page_id: number; namespace: number; title: string }[]>`
    SELECT s.page_id, s.namespace, p.title
    FROM unnest(${namespaces}::int[]) WITH ORDINALITY AS n(ns, ord)
    CROSS JOIN LATERAL (
      SELECT d.page_id, d.namespace, d.title_lower FROM search_documents d
      WHERE d.namespace = n.ns AND d.title_lower >= ${p} AND d.title_lower < ${p} || ${'\uffff'}
      ORDER BY d.title_lower LIMIT ${count}
    ) s
    JOIN pages p ON p.id = s.page_id
    ORDER BY n.ord, s.title_lower
    LIMIT ${count}`;
  return rows.map((row) => ({ pageId: row.page_id, title: makeParsedTitle(row.namespace as Namespace, row.title) }));
}

/**
 * MediaWiki's "Go": the page the query names, if it exists — exactly, else the only page of that
 * namespace whose title matches case-insensitively. Null when there is none.
 */
export async function exactTitleExists(query: string): Promise<ParsedTitle | null> {
  const q = cleanInput(query);
  if (q === '' || q.length > 512) return null;
  const parsed = tryParseTitle(q);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) return null;
  const { namespace, dbKey, text } = parsed.title;
  const exact = await getDb().page.findUnique({ where: { namespace_title: { namespace, title: dbKey } }, select: { latestRevisionId: true } });
  if (exact?.latestRevisionId) return parsed.title;
  const rows = await getDb().$queryRaw<{ title: string }[]>`
    SELECT p.title FROM search_documents d JOIN pages p ON p.id = d.page_id
    WHERE d.namespace = ${namespace} AND d.title_lower = ${text.toLowerCase()} LIMIT 2`;
  return rows.length === 1 ? makeParsedTitle(namespace, rows[0]!.title) : null;
}

export interface AllPagesResult {
  titles: { pageId: number; title: ParsedTitle; isRedirect: boolean }[];
  /** The first title of the next page of results, or null at the end. */
  next: ParsedTitle | null;
  /** The first title of the previous page of results, or null at the start. */
  previous: ParsedTitle | null;
}

/** Special:AllPages: titles of one namespace in order of their key, from `from` on (keyset paging). */
export async function listAllPages(options: { namespace?: Namespace; from?: string; limit?: number } = {}): Promise<AllPagesResult> {
  const namespace = options.namespace ?? NS.MAIN;
  const limit = clampInt(options.limit, 100, 1, 500);
  const fromParsed = options.from ? tryParseTitle(cleanInput(options.from), { defaultNamespace: namespace }) : null;
  const from = fromParsed?.ok ? fromParsed.title.dbKey : '';
  const db = getDb();
  const rows = await db.$queryRaw<{ id: number; title: string; is_redirect: boolean }[]>`
    SELECT id, title, is_redirect FROM pages
    WHERE namespace = ${namespace} AND title >= ${from} AND latest_revision_id IS NOT NULL
    ORDER BY title LIMIT ${limit + 1}`;
  const previousRows =
    from === ''
      ? []
      : await db.$queryRaw<{ title: string }[]>`
    SELECT title FROM pages
    WHERE namespace = ${namespace} AND title < ${from} AND latest_revision_id IS NOT NULL
    ORDER BY title DESC LIMIT ${limit}`;
  const last = previousRows.at(-1);
  return {
    titles: rows.slice(0, limit).map((row) => ({ pageId: row.id, title: makeParsedTitle(namespace, row.title), isRedirect: row.is_redirect })),
    next: rows.length > limit ? makeParsedTitle(namespace, rows[limit]!.title) : null,
    previous: last ? makeParsedTitle(namespace, last.title) : null,
  };
}

/**
 * Special:Random: a random main-namespace article (not a redirect). Probes a random id and takes
 * the first article at or after it (wrapping around) — two index lookups on the primary key,
 * where ORDER BY random() would read the whole table. Gaps in ids make the choice slightly
 * uneven, as MediaWiki's page_random is too.
 */
export async function randomPage(): Promise<ParsedTitle | null> {
  const db = getDb();
  const bounds = await db.$queryRaw<{ max: number | null }[]>`SELECT max(id) AS max FROM pages`;
  const max = bounds[0]?.max;
  if (!max) return null;
  const probe = 1 + Math.floor(Math.random() * max);
  const pick = (sql: Prisma.Sql) => db.$queryRaw<{ title: string }[]>`
    SELECT title FROM pages
    WHERE namespace = ${NS.MAIN} AND is_redirect = false AND latest_revision_id IS NOT NULL AND ${sql}
    ORDER BY id LIMIT 1`;
  let rows = await pick(Prisma.sql`id >= ${probe}`);
  if (!rows[0]) rows = await pick(Prisma.sql`id < ${probe}`);
  return rows[0] ? makeParsedTitle(NS.MAIN, rows[0].title) : null;
}

/** The number of articles: main-namespace pages that are not redirects (MediaWiki's {{NUMBEROFARTICLES}}, without its link rule). */
export async function countArticles(): Promise<number> {
  return getDb().page.count({ where: { namespace: NS.MAIN, isRedirect: false, latestRevisionId: { not: null } } });
}

export interface LatestChange {
  title: ParsedTitle;
  revisionId: number;
  timestamp: Date;
  author: string;
  summary: string;
}

/** The most recently edited pages, newest first, one line per page — for a "latest changes" box on the Main Page. */
export async function latestChanges(limit = 5): Promise<LatestChange[]> {
  const count = clampInt(limit, 5, 1, 50);
  const rows = await getDb().$queryRaw<{ namespace: number; title: string; id: number; created_at: Date; author: string; summary: string; hidden: number }[]>`
    SELECT p.namespace, p.title, r.id, r.created_at, u.name AS author, r.summary, r.hidden
    FROM pages p
    JOIN revisions r ON r.id = p.latest_revision_id
    JOIN users u ON u.id = r.author_id
    ORDER BY p.latest_revision_id DESC
    LIMIT ${count}`;
  return rows
    .filter((row) => isKnownNamespace(row.namespace))
    .map((row) => {
      // The box is the same for every reader: parts an administrator hid are left out for all.
      const hidden = hiddenParts(Number(row.hidden));
      return {
        title: makeParsedTitle(row.namespace as Namespace, row.title),
        revisionId: row.id,
        timestamp: row.created_at,
        author: hidden.author ? REMOVED_USER : row.author,
        summary: hidden.summary ? REMOVED_SUMMARY : row.summary,
      };
    });
}
