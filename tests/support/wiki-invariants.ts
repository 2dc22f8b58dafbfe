// The integrity rules a wiki's tables must satisfy after any workload, checked with plain SQL on
// the database itself (not through the app, whose reads could hide a broken row). Used by the load
// and fault tests: whatever happened to the server, an accepted edit is a whole revision in one
// linear history, and nothing half-written is left behind.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { withDatabase } from './throwaway-database';

export interface WikiStats {
  pages: number;
  deletedPages: number;
  revisions: number;
  archivedRevisions: number;
  contents: number;
}

export interface WikiInvariantReport {
  /** One readable line per broken rule (at most a few examples each); empty when all hold. */
  problems: string[];
  stats: WikiStats;
}

/** A rule is a query returning the offending rows; none means it holds. */
interface Rule {
  name: string;
  sql: string;
}

const RULES: Rule[] = [
  // One linear history per page: one first revision, parents unique, older and on the same page.
  {
    name: 'page whose revisions have no single first revision (parent_id null)',
    sql: `SELECT page_id AS id, count(*) FILTER (WHERE parent_id IS NULL) AS roots
          FROM revisions GROUP BY page_id HAVING count(*) FILTER (WHERE parent_id IS NULL) <> 1`,
  },
  {
    name: 'revision whose parent is shared with another revision (a fork in the history)',
    sql: `SELECT parent_id AS id, count(*) AS children FROM revisions
          WHERE parent_id IS NOT NULL GROUP BY parent_id HAVING count(*) > 1`,
  },
  {
    name: 'revision whose parent is missing, on another page, or not older',
    sql: `SELECT r.id, r.parent_id, p.page_id AS parent_page FROM revisions r
          LEFT JOIN revisions p ON p.id = r.parent_id
          WHERE r.parent_id IS NOT NULL AND (p.id IS NULL OR p.page_id <> r.page_id OR p.id >= r.id)`,
  },
  {
    // Walks the parent pointers from the page's newest revision (its latest pointer, or the newest
    // archived one for a deleted page); with the rules above this catches a detached cycle.
    name: 'page whose history, followed back from the newest revision, misses some revisions',
    sql: `WITH RECURSIVE chain AS (
            SELECT r.page_id, r.id, r.parent_id FROM revisions r
            WHERE r.id IN (SELECT max(id) FROM revisions GROUP BY page_id)
            UNION ALL
            SELECT c.page_id, r.id, r.parent_id FROM revisions r JOIN chain c ON r.id = c.parent_id
          )
          SELECT t.page_id AS id, t.total, coalesce(w.reached, 0) AS reached
          FROM (SELECT page_id, count(*) AS total FROM revisions GROUP BY page_id) t
          LEFT JOIN (SELECT page_id, count(*) AS reached FROM chain GROUP BY page_id) w ON w.page_id = t.page_id
          WHERE coalesce(w.reached, 0) <> t.total`,
  },
  // The page row agrees with its history.
  {
    name: 'page whose latest pointer is not its newest revision',
    sql: `SELECT p.id, p.latest_revision_id, max(r.id) AS newest FROM pages p JOIN revisions r ON r.page_id = p.id
          WHERE p.latest_revision_id IS NOT NULL GROUP BY p.id HAVING p.latest_revision_id <> max(r.id)`,
  },
  {
    name: 'page whose length differs from its latest revision size',
    sql: `SELECT p.id, p.length, r.size FROM pages p JOIN revisions r ON r.id = p.latest_revision_id WHERE p.length <> r.size`,
  },
  {
    name: 'page that is neither live (latest pointer set) nor deleted (deleted_at set, pointer null)',
    sql: `SELECT id, latest_revision_id, deleted_at FROM pages
          WHERE (latest_revision_id IS NULL) <> (deleted_at IS NOT NULL)`,
  },
  {
    name: 'page row without any revision',
    sql: `SELECT p.id FROM pages p WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.page_id = p.id)`,
  },
  {
    name: 'live revision of a page whose latest pointer is null (should be archived)',
    sql: `SELECT r.id, r.page_id FROM revisions r JOIN pages p ON p.id = r.page_id
          WHERE p.latest_revision_id IS NULL AND NOT r.archived`,
  },
  // Stored sizes and hashes describe the text.
  {
    name: 'content whose size is not the byte length of its text',
    sql: `SELECT id, size, octet_length(text) AS bytes FROM contents WHERE size <> octet_length(text)`,
  },
  {
    name: 'revision whose size or sha1 differs from its content',
    sql: `SELECT r.id, r.size, r.sha1, c.size AS content_size, c.sha1 AS content_sha1
          FROM revisions r JOIN contents c ON c.id = r.content_id WHERE r.size <> c.size OR r.sha1 <> c.sha1`,
  },
  // Nothing left behind by a transaction that did not commit a whole revision.
  {
    name: 'content stored without any revision',
    sql: `SELECT c.id FROM contents c WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.content_id = c.id)`,
  },
  {
    name: 'rendering of a missing revision',
    sql: `SELECT x.revision_id AS id FROM rendered_revisions x LEFT JOIN revisions r ON r.id = x.revision_id WHERE r.id IS NULL`,
  },
  ...['page_links.from_page_id', 'category_links.page_id', 'search_documents.page_id', 'redirects.page_id'].map((column): Rule => {
    const [table, key] = column.split('.') as [string, string];
    return {
      name: `${table} row of a missing page`,
      sql: `SELECT x.${key} AS id FROM ${table} x LEFT JOIN pages p ON p.id = x.${key} WHERE p.id IS NULL`,
    };
  }),
];

const EXAMPLES = 5;

async function contentHashProblems(client: pg.Client): Promise<string[]> {
  // PostgreSQL has sha1() since 11; PGlite is built without it, so there the hash is checked here.
  const { rows: available } = await client.query<{ ok: boolean }>(`SELECT to_regprocedure('sha1(bytea)') IS NOT NULL AS ok`);
  let wrong: { id: number; sha1: string }[];
  if (available[0]?.ok) {
    const { rows } = await client.query<{ id: number; sha1: string }>(`SELECT id, sha1 FROM contents WHERE sha1 <> encode(sha1(convert_to(text, 'UTF8')), 'hex')`);
    wrong = rows;
  } else {
    const { rows } = await client.query<{ id: number; sha1: string; text: string }>('SELECT id, sha1, text FROM contents');
    wrong = rows.filter((row) => createHash('sha1').update(row.text, 'utf8').digest('hex') !== row.sha1).map(({ id, sha1 }) => ({ id, sha1 }));
  }
  if (wrong.length === 0) return [];
  return [`content whose sha1 is not the SHA-1 of its text: ${wrong.length} (e.g. ${JSON.stringify(wrong.slice(0, EXAMPLES))})`];
}

async function stats(client: pg.Client): Promise<WikiStats> {
  const { rows } = await client.query<Record<keyof WikiStats, string>>(`SELECT
      (SELECT count(*) FROM pages) AS pages,
      (SELECT count(*) FROM pages WHERE deleted_at IS NOT NULL) AS "deletedPages",
      (SELECT count(*) FROM revisions) AS revisions,
      (SELECT count(*) FROM revisions WHERE archived) AS "archivedRevisions",
      (SELECT count(*) FROM contents) AS contents`);
  const row = rows[0]!;
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])) as unknown as WikiStats;
}

/**
 * Checks every rule on the database at `databaseUrl` (PostgreSQL or the embedded PGlite's socket).
 * Run it while nothing writes: the rules describe committed, quiescent state.
 */
export async function checkWikiInvariants(databaseUrl: string): Promise<WikiInvariantReport> {
  return withDatabase(databaseUrl, async (client) => {
    const problems: string[] = [];
    for (const rule of RULES) {
      const { rows } = await client.query(rule.sql);
      if (rows.length > 0) problems.push(`${rule.name}: ${rows.length} (e.g. ${JSON.stringify(rows.slice(0, EXAMPLES))})`);
    }
    problems.push(...(await contentHashProblems(client)));
    return { problems, stats: await stats(client) };
  });
}
