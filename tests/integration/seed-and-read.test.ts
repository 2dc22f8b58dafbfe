import '../support/database';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { seedWiki } from '@/lib/server/seed';
import { getArticle } from '@/lib/server/pages';
import { getSiteName } from '@/lib/server/site';
import { searchPages } from '@/lib/server/search';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import { SeedDocumentError } from '@/lib/domain/fandom-import';
import { resolveFileEmbeds } from '@/lib/domain/files/embeds';

const contentDir = path.resolve(import.meta.dirname, '../../content');

async function revisionCount(): Promise<number> {
  return getDb().revision.count();
}

describe('seed import', () => {
  it('imports the ECPAT article and the Main Page once, however often it runs', async () => {
    await seedWiki(contentDir);
    const afterFirst = await revisionCount();
    const second = await seedWiki(contentDir);
    expect(second.created).toEqual([]);
    expect(second.skipped).toEqual(expect.arrayContaining(['Main Page', 'ECPAT']));
    expect(await revisionCount()).toBe(afterFirst);
  });

  it('uses the first line of the seed document as the wiki name', async () => {
    await seedWiki(contentDir);
    expect(await getSiteName()).toBe('Telefono Azzurro Fans Wiki');
  });

  it('imports nothing and names the file and line when a document is malformed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-bad-seed-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await cp(contentDir, dir, { recursive: true });
    const badTitle = `Broken ${Date.now()}`;
    await writeFile(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        mainPage: { title: `Welcome ${Date.now()}`, file: 'main-page.md' },
        documents: [{ file: 'bad.txt', title: badTitle, format: 'fandom-text-export', captions: [], source: 'test' }],
      }),
    );
    await writeFile(path.join(dir, 'bad.txt'), 'Some Wiki\n\nA paragraph.\n\n[]\n');
    const before = await getDb().page.count();
    const error = await seedWiki(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedDocumentError);
    expect((error as SeedDocumentError).message).toMatch(/bad\.txt:5:/);
    expect(await getDb().page.count()).toBe(before);
  });
});

describe('reading an article', () => {
  it('shows the latest revision of ECPAT rendered, with its sections and footnotes', async () => {
    await seedWiki(contentDir);
    const article = await getArticle(parseTitle('ECPAT'));
    expect(article).not.toBeNull();
    expect(article!.page.displayTitle).toBe('ECPAT');
    expect(article!.revision.author.name).toBe('Wiki import');
    expect(article!.html).toMatch(/<h2 data-section="1" id="[^"]+">ECPAT Philippines<\/h2>/);
    expect(article!.html).toContain('Rafto Prize');
    expect(article!.html).toContain('href="#user-content-fn-1"');
    expect(article!.html).toContain('id="user-content-fn-1"');
    expect(article!.toc.map((entry) => entry.text)).toEqual(['ECPAT Philippines', 'External links', 'References']);
  });

  it("keeps the missing-image notice (interface text) out of ECPAT's stored rendering and the search index", async () => {
    await seedWiki(contentDir);
    const article = await getArticle(parseTitle('ECPAT'));
    expect(article?.html).not.toContain('Image not available');
    // Both captions stay visible, each on a thumbnail of its file: not uploaded yet, so an upload link.
    expect(article?.html).toContain('<figcaption>Logo della ECPAT</figcaption>');
    expect(article?.html).toContain('href="/wiki/Special:Upload?wpDestFile=ECPAT_logo.png" class="new"');
    expect(article?.html).toContain('href="/wiki/Special:Upload?wpDestFile=ECPAT_member_states_map.png" class="new"');
    // The article records the files it shows (file usage, WantedFiles).
    const page = await getDb().page.findFirstOrThrow({ where: { namespace: 0, title: 'ECPAT' }, select: { id: true } });
    const used = await getDb().$queryRaw<{ to_title: string }[]>`SELECT to_title FROM file_links WHERE from_page_id = ${page.id} ORDER BY to_title`;
    expect(used.map((row) => row.to_title)).toEqual(['ECPAT_logo.png', 'ECPAT_member_states_map.png']);
    const found = await searchPages('image');
    expect(found.hits.map((hit) => hit.title.prefixedText)).not.toContain('ECPAT');
    const rafto = await searchPages('Rafto');
    expect(rafto.hits.find((hit) => hit.title.prefixedText === 'ECPAT')?.snippetHtml).not.toMatch(/Image|not available/);
  });

  it('returns null for a page that does not exist', async () => {
    expect(await getArticle(parseTitle('No such page anywhere'))).toBeNull();
  });

  it('serves the stored rendering instead of re-parsing markdown on every view (file embeds resolved as the wiki is now)', async () => {
    await seedWiki(contentDir);
    const article = await getArticle(parseTitle('ECPAT'));
    const stored = await getDb().renderedRevision.findUnique({ where: { revisionId: article!.revision.id } });
    expect(stored?.html).toContain('data-wiki-file="ECPAT_logo.png"');
    expect(resolveFileEmbeds(stored!.html, new Map())).toBe(article!.html);
  });
});
