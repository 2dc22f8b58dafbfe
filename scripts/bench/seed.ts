import pg from 'pg';
import { renderMarkdown, RENDERER_VERSION } from '@/lib/domain/markdown';

/**
 * Synthetic wiki for the benchmark, written with set-based SQL so that 100,000 revisions take
 * seconds: `pages` pages, one "hot" page with `hotRevisions` revisions, the other revisions spread
 * round-robin over the rest (each page's history a proper parent chain), and one page whose two
 * revisions are ~`bigPageBytes` texts differing in scattered places (for the diff row). One
 * revision in 20 reuses the text of the revision before it, as reverts and null edits do, so the
 * storage row shows content deduplication.
 */
export interface Shape {
  pages: number;
  revisions: number;
  hotRevisions: number;
  bigPageBytes: number;
}

export const FULL_SHAPE: Shape = { pages: 10_000, revisions: 100_000, hotRevisions: 10_000, bigPageBytes: 1024 * 1024 };
/** `--quick`: enough of everything for every row to mean something, seeded in a second. */
export const QUICK_SHAPE: Shape = { pages: 200, revisions: 2_000, hotRevisions: 200, bigPageBytes: 64 * 1024 };

export interface SeededIds {
  hotPageId: number;
  hotTitle: string;
  bigTitle: string;
  bigOldRevisionId: number;
  bigNewRevisionId: number;
  /** `older=` cursor of the last 50-revision page of the hot page's history. */
  deepHistoryCursor: number;
}

/** ~`bytes` of paragraphs; `variant` changes every 400th paragraph (scattered changes). */
export function bigText(variant: number, bytes: number): string {
  const paragraphs: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes && i < 20_000; i++) {
    const changed = variant > 0 && i % 400 === 7;
    const paragraph =
      `Paragraph ${i} of the long page about the Telefono Azzurro helpline${changed ? ` (revised in version ${variant})` : ''}: ` +
      'fans collected dates, names and places, and kept every source they could find for later readers.';
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join('\n\n');
}

export async function seedBenchmarkData(url: string, shape: Shape): Promise<SeededIds> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { pages, revisions, hotRevisions } = shape;
    const others = pages - 2; // page 1 is hot, the last page is the big one
    await client.query('BEGIN');
    await client.query(`INSERT INTO users (id, name, name_key, is_system) VALUES (1, 'Bench bot', 'bench bot', true)`);
    await client.query(`INSERT INTO pages (id, namespace, title) SELECT n, 0, 'Bench_page_' || n FROM generate_series(1, $1::int) n`, [pages]);
    // Revision n belongs to the hot page (page 1) when n is a multiple of `stride`, so its history is
    // interleaved with everyone else's as on a real wiki; the others go round-robin over pages
    // 2..pages-1. k(n) = n - n/stride numbers the other revisions 1, 2, 3…; n(k) inverts it.
    const stride = revisions / hotRevisions;
    // Content n is revision n's text, except that a revision with n % 20 = 3 (never a hot one)
    // reuses content n - 1: same hash, one stored text.
    await client.query(
      `INSERT INTO contents (id, sha1, size, text)
       SELECT n, md5('r' || n) || substr(md5('s' || n), 1, 8), length(t), t
       FROM generate_series(1, $1::int) n, LATERAL (SELECT 'Revision ' || n || E' of a synthetic page.\n\n' || repeat('Some text. ', 20) AS t) x
       WHERE n % 20 <> 3`,
      [revisions],
    );
    await client.query(
      `INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id, created_at)
       SELECT n,
              CASE WHEN n % $2 = 0 THEN 1 ELSE 2 + ((k - 1) % $3) END,
              CASE WHEN n % $2 = 0 THEN NULLIF(n - $2, 0)
                   WHEN k - $3 > 0 THEN (k - $3) + (k - $3 - 1) / ($2 - 1)
                   ELSE NULL END,
              1, 'Synthetic edit ' || n, n % 5 = 1, c.size, c.sha1, c.id,
              now() - make_interval(secs => ($1 - n))
       FROM generate_series(1, $1::int) n, LATERAL (SELECT n - n / $2 AS k) kk, contents c
       WHERE c.id = CASE WHEN n % 20 = 3 THEN n - 1 ELSE n END`,
      [revisions, stride, others],
    );
    await client.query(
      `UPDATE pages p SET latest_revision_id = m.max_id, length = r.size
       FROM (SELECT page_id, max(id) AS max_id FROM revisions GROUP BY page_id) m JOIN revisions r ON r.id = m.max_id
       WHERE m.page_id = p.id`,
    );
    const bigPageId = pages;
    const ids: number[] = [];
    for (const variant of [0, 1]) {
      const text = bigText(variant, shape.bigPageBytes);
      const id = revisions + 1 + variant;
      await client.query(`INSERT INTO contents (id, sha1, size, text) VALUES ($1, $2, $3, $4)`, [id, `big${variant}`.padEnd(40, '0'), Buffer.byteLength(text), text]);
      await client.query(
        `INSERT INTO revisions (id, page_id, parent_id, author_id, summary, minor, size, sha1, content_id)
         VALUES ($1, $2, $3, 1, 'Big page', false, $4, $5, $1)`,
        [id, bigPageId, variant === 0 ? null : id - 1, Buffer.byteLength(text), `big${variant}`.padEnd(40, '0')],
      );
      // Rendered as a save would have rendered it (the wiki renders once per revision, at save
      // time): views then measure serving, not a one-off 1 MiB render.
      const rendered = renderMarkdown(text);
      await client.query(`INSERT INTO rendered_revisions (revision_id, renderer_version, html, toc, description, preview_file) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id,
        RENDERER_VERSION,
        rendered.html,
        JSON.stringify(rendered.toc),
        rendered.description,
        rendered.previewFile,
      ]);
      ids.push(id);
    }
    await client.query(`UPDATE pages SET latest_revision_id = $1, length = (SELECT size FROM revisions WHERE id = $1) WHERE id = $2`, [ids[1], bigPageId]);
    // Search documents as lib/server/derived/search.ts builds them on save (same configurations).
    await client.query(
      `INSERT INTO search_documents (page_id, namespace, title_lower, body_text, vector)
       SELECT p.id, p.namespace, lower(replace(p.title, '_', ' ')), c.text,
              setweight(to_tsvector('simple', replace(p.title, '_', ' ')), 'A') ||
              setweight(to_tsvector('english', replace(p.title, '_', ' ')), 'A') ||
              setweight(to_tsvector('italian', replace(p.title, '_', ' ')), 'A') ||
              setweight(to_tsvector('simple', left(c.text, 200000)), 'B') ||
              setweight(to_tsvector('english', left(c.text, 200000)), 'C') ||
              setweight(to_tsvector('italian', left(c.text, 200000)), 'C')
       FROM pages p JOIN revisions r ON r.id = p.latest_revision_id JOIN contents c ON c.id = r.content_id`,
    );
    for (const table of ['users', 'pages', 'contents', 'revisions']) {
      await client.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
    const lastHistoryPage = Math.floor((hotRevisions - 1) / 50);
    return {
      hotPageId: 1,
      hotTitle: 'Bench_page_1',
      bigTitle: `Bench_page_${bigPageId}`,
      bigOldRevisionId: ids[0]!,
      bigNewRevisionId: ids[1]!,
      deepHistoryCursor: (hotRevisions - lastHistoryPage * 50 + 1) * stride,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
