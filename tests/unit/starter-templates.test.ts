import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest } from '@/lib/domain/seed-manifest';
import { expandTemplates } from '@/lib/domain/templates/expand';
import { renderMarkdown } from '@/lib/domain/markdown';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

/**
 * The starter templates shipped in content/ (seed 'pages'), expanded by the real expander and
 * rendered by the real renderer, with the other seed pages as the wiki they live in.
 */
const CONTENT_DIR = path.join(import.meta.dirname, '../../content');
const manifest = parseManifest(JSON.parse(readFileSync(path.join(CONTENT_DIR, 'manifest.json'), 'utf8')), 'content/manifest.json');
const seeded = new Map(
  manifest.pages.map((page) => {
    const title = parseTitle(page.title);
    return [`${title.namespace}:${title.dbKey}`, readFileSync(path.join(CONTENT_DIR, page.file), 'utf8')];
  }),
);

async function render(text: string, on = 'ECPAT') {
  const page = parseTitle(on);
  const expansion = await expandTemplates(text, {
    page: { namespace: page.namespace, dbKey: page.dbKey, displayTitle: page.prefixedText },
    siteName: 'Telefono Azzurro Fans Wiki',
    loadTemplate: async (title: ParsedTitle) => seeded.get(`${title.namespace}:${title.dbKey}`) ?? null,
  });
  expect(expansion.errors).toEqual([]);
  return { expansion, html: renderMarkdown(expansion.text, { infoboxes: expansion.infoboxes }).html };
}

/** The rendered HTML's text (inline: tags dropped, whitespace folded). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('the starter templates', () => {
  it('Infobox: the issue’s ECPAT call gives a box titled ECPAT with only the rows given', async () => {
    const { expansion, html } = await render('{{Infobox|name=ECPAT|founded=1990|headquarters=Bangkok}}\n\nECPAT is a network.');
    expect(expansion.templates.map((title) => title.prefixedText)).toEqual(['Template:Infobox']);
    expect(expansion.infoboxes).toHaveLength(1);
    expect(html).toContain('<aside');
    const box = html.slice(html.indexOf('<aside'), html.indexOf('</aside>'));
    expect(textOf(box)).toContain('ECPAT');
    expect(box).toMatch(/<th[^>]*>Founded<\/th>\s*<td[^>]*>1990<\/td>/);
    expect(box).toMatch(/<th[^>]*>Headquarters<\/th>\s*<td[^>]*>Bangkok<\/td>/);
    // Rows left empty are left out, as Fandom does; the noinclude documentation call stays home.
    expect(box).not.toContain('Website');
    expect(box).not.toContain('{{{');
    expect(expansion.templates.map((title) => title.prefixedText)).not.toContain('Template:Documentation');
  });

  it('Infobox: a title from `title`, then the page name; any other row from labelN/dataN', async () => {
    const named = await render('{{Infobox|title=Secretariat|label1=City|data1=Bangkok}}');
    expect(textOf(named.html)).toContain('Secretariat');
    expect(named.html).toMatch(/<th[^>]*>City<\/th>\s*<td[^>]*>Bangkok<\/td>/);
    const bare = await render('{{Infobox|founded=1990}}', 'ECPAT Philippines');
    expect(textOf(bare.html)).toContain('ECPAT Philippines');
  });

  it('Main and See also: one to three articles, joined as English lists them', async () => {
    expect(textOf((await render('{{Main|ECPAT}}')).html)).toBe('Main article: ECPAT');
    expect(textOf((await render('{{Main|ECPAT|Telefono Azzurro}}')).html)).toBe('Main articles: ECPAT and Telefono Azzurro');
    expect(textOf((await render('{{See also|A|B|C}}')).html)).toBe('See also: A, B and C');
    const { html } = await render('{{See also|ECPAT}}');
    expect(html).toContain('<em>');
    expect(html).toContain('data-wiki-target="ECPAT"');
  });

  it('Citation needed stays inside its sentence; Spoiler gives its notice, with a message if given', async () => {
    const cited = await render('ECPAT was founded in 1990{{Citation needed}}.');
    expect(textOf(cited.html)).toBe('ECPAT was founded in 1990[citation needed].');
    expect(cited.html.match(/<p>/g)).toHaveLength(1);
    expect(textOf((await render('{{Spoiler}}')).html)).toBe('Spoiler warning: the following text reveals details of the plot.');
    expect(textOf((await render('{{Spoiler|the last episode is discussed.}}')).html)).toBe('Spoiler warning: the last episode is discussed.');
  });

  it('Documentation adds nothing where it is used, and the /doc pages show their examples as written', async () => {
    expect((await render('{{Documentation}}')).expansion.text.trim()).toBe('');
    const doc = await render(seeded.get(`${parseTitle('Template:Infobox/doc').namespace}:Infobox/doc`)!, 'Template:Infobox/doc');
    expect(doc.expansion.infoboxes).toHaveLength(0);
    expect(doc.html).toContain('{{Infobox');
    expect(doc.html).toContain('<h2');
  });
});
