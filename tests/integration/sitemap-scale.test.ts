import '../support/database';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/server/db';
import { ensureSystemUser } from '@/lib/server/users';
import { forgetSitemapLayouts } from '@/lib/server/sitemap';
import { sitemapIndexResponse, sitemapResponse } from '@/lib/server/sitemap-http';
import { SITEMAP_URL_LIMIT } from '@/lib/domain/sitemap';
import { sitemapSchemaErrors } from '../support/sitemap-schema';

/*
 * The sitemaps of a wiki of 100,000 articles, seeded in SQL (saving them one by one would take
 * the whole test budget): two sitemaps of 50,000, each written without holding its pages at once.
 * The figures are printed for docs/sharing.md.
 */

const ARTICLES = 100_000;
const ORIGIN = 'http://wiki.test';
const request = (path: string) => new Request(`${ORIGIN}${path}`);

// A real collection before each reading, so the figures are what is kept, not garbage not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MiB = 1024 * 1024;

beforeAll(async () => {
  const author = (await ensureSystemUser('Sitemap scale bot')).id;
  const db = getDb();
  await db.$transaction(
    async (tx) => {
      const [content] = await tx.$queryRaw<{ id: number }[]>`
        INSERT INTO contents (sha1, size, text) VALUES (repeat('5', 40), 10, 'Fan facts.') RETURNING id`;
      // Every 34th page is not an article (a redirect, a talk page, a deleted page in turn), so the
      // listed ones are not simply the first ids: 100,000 articles among 103,030 pages.
      await tx.$executeRaw`
        INSERT INTO pages (namespace, title, is_redirect, deleted_at, length)
        SELECT CASE WHEN n % 34 = 0 AND (n / 34) % 3 = 1 THEN 1 ELSE 0 END,
               'Scale_page_' || n || CASE WHEN n % 7 = 0 THEN '_&_"Città"' ELSE '' END,
               n % 34 = 0 AND (n / 34) % 3 = 0,
               CASE WHEN n % 34 = 0 AND (n / 34) % 3 = 2 THEN now() END,
               10
        FROM generate_series(1, ${ARTICLES + Math.floor(ARTICLES / 33)}::int) n`;
      await tx.$executeRaw`
        INSERT INTO revisions (page_id, author_id, size, sha1, content_id, created_at)
        SELECT id, ${author}::int, 10, repeat('5', 40), ${content!.id}::int, timestamp '2026-01-01' + id * interval '1 second'
        FROM pages WHERE title LIKE 'Scale_page_%' AND deleted_at IS NULL`;
      await tx.$executeRaw`
        UPDATE pages p SET latest_revision_id = r.id FROM revisions r WHERE r.page_id = p.id AND p.title LIKE 'Scale_page_%'`;
    },
    { timeout: 120_000 },
  );
}, 300_000);

describe('sitemaps of 100,000 articles', () => {
  it('are two of 50,000, listed in the index; a third does not exist', async () => {
    forgetSitemapLayouts();
    const listed = await getDb().page.count({ where: { namespace: 0, isRedirect: false, deletedAt: null, latestRevisionId: { not: null } } });
    expect(listed).toBe(ARTICLES);
    const started = performance.now();
    const index = await (await sitemapIndexResponse(request('/sitemap.xml'))).text();
    console.log(`sitemap index of ${ARTICLES.toLocaleString('en')} articles (layout query): ${(performance.now() - started).toFixed(0)} ms`);
    expect([...index.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1])).toEqual([`${ORIGIN}/sitemap-1.xml`, `${ORIGIN}/sitemap-2.xml`]);
    expect(await sitemapSchemaErrors(index, 'index')).toEqual([]);
    expect((await sitemapResponse(request('/sitemap-3.xml'), '3')).status).toBe(404);
  });

  it('are each written with the memory of one batch, not of 50,000 pages', async () => {
    // Sitemap 2 once first, so that code paths and the layout are warm.
    await (await sitemapResponse(request('/sitemap-2.xml'), '2')).arrayBuffer();
    const timed = await readSitemap1({ sampleMemory: false });
    const streamed = await readSitemap1({ sampleMemory: true });
    console.log(
      `sitemap of ${streamed.urls.toLocaleString('en')} URLs (${(streamed.bytes / MiB).toFixed(1)} MiB): ${timed.ms.toFixed(0)} ms; ` +
        `live memory growth at most ${(streamed.peakLive / MiB).toFixed(1)} MiB (heap + buffers), RSS growth at most ${(streamed.peakRss / MiB).toFixed(1)} MiB`,
    );
    expect(timed.urls).toBe(SITEMAP_URL_LIMIT);
    expect(streamed.urls).toBe(SITEMAP_URL_LIMIT);
    // The document alone is ~5 MiB; one batch of rows (SITEMAP_BATCH_SIZE) and its text stay well under 4 MiB.
    expect(streamed.peakLive).toBeLessThan(4 * MiB);

    // The same measure sees a sitemap read in one batch, all 50,000 pages at once: the bound means something.
    const whole = await readSitemap1({ sampleMemory: true, batchSize: SITEMAP_URL_LIMIT });
    console.log(`the same in one batch of 50,000: live memory growth ${(whole.peakLive / MiB).toFixed(1)} MiB`);
    expect(whole.peakLive).toBeGreaterThan(4 * MiB);
    expect(streamed.peakLive).toBeLessThan(whole.peakLive / 3);
  });

  it('are valid against sitemaps.org’s schema at full size', async () => {
    for (const n of [1, 2]) {
      const xml = await (await sitemapResponse(request(`/sitemap-${n}.xml`), String(n))).text();
      expect(await sitemapSchemaErrors(xml, 'sitemap')).toEqual([]);
      expect(xml.match(/<url>/g)).toHaveLength(SITEMAP_URL_LIMIT);
      expect(xml).toContain('_%26_%22Citt%C3%A0%22</loc>');
    }
  });
});

/** Reads /sitemap-1.xml chunk by chunk as a crawler's connection would, counting URLs and, if asked, memory after each chunk. */
async function readSitemap1(options: { sampleMemory: boolean; batchSize?: number }) {
  const live = () => {
    const usage = process.memoryUsage();
    return { live: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
  };
  if (options.sampleMemory) gc();
  const base = live();
  let peakLive = 0;
  let peakRss = 0;
  const sample = () => {
    if (!options.sampleMemory) return;
    gc();
    const now = live();
    peakLive = Math.max(peakLive, now.live - base.live);
    peakRss = Math.max(peakRss, now.rss - base.rss);
  };
  let bytes = 0;
  let urls = 0;
  let tail = '';
  const started = performance.now();
  const response = await sitemapResponse(request('/sitemap-1.xml'), '1', { batchSize: options.batchSize });
  sample(); // the first batch is read before the response is returned
  const decoder = new TextDecoder();
  for await (const chunk of response.body!) {
    bytes += chunk.byteLength;
    const text = tail + decoder.decode(chunk, { stream: true });
    urls += text.split('<url>').length - 1;
    tail = text.slice(-4);
    sample();
  }
  return { ms: performance.now() - started, bytes, urls, peakLive, peakRss };
}
