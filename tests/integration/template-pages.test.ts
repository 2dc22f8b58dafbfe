// Around templates on the real database, with real saves (template_links written by the save
// transaction): "Templates used on this page", "Preview a page with this template" and the template
// page's documentation and waiting count. Only the request (the session's actor) is stood in for.
import { uniqueTitle } from '../support/database';
// An anonymous reader's request (tests/support/request-mocks.ts; the file runs in integration-requests).
import '../support/request-fake';
import { describe, expect, it } from 'vitest';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser } from '@/lib/server/users';
import { getArticle, getEditableSource } from '@/lib/server/pages';
import { templatesUsedOnPage, unusedTemplates } from '@/lib/server/template-lists';
import { seedWiki } from '@/lib/server/seed';
import path from 'node:path';
import { parseTitle, type ParsedTitle } from '@/lib/domain/titles';

const { previewPageWithTemplate } = await import('@/lib/server/template-sandbox');
const { loadTemplatePageScreen } = await import('@/lib/server/screens/template-page');

async function save(title: ParsedTitle, text: string): Promise<void> {
  const author = await ensureSystemUser('Template pages test bot');
  const current = await getEditableSource(title);
  await savePage({ title, text, summary: '', minor: false, authorId: author.id, baseRevisionId: current?.revisionId ?? null });
}

const card = (label: string) => `<infobox><title source="name"/><data source="founded"><label>${label}</label></data></infobox>`;

describe('templates around a page', () => {
  it('lists what a saved page transcludes, through other templates too, missing ones included', async () => {
    const outer = parseTitle(`Template:${uniqueTitle('Outer')}`);
    const inner = parseTitle(`Template:${uniqueTitle('Inner')}`);
    const missing = parseTitle(`Template:${uniqueTitle('Missing')}`);
    await save(inner, 'inner text');
    await save(outer, `{{${inner.text}}} and {{${missing.text}}}`);
    const page = parseTitle(uniqueTitle('User page'));
    await save(page, `{{${outer.text}}}`);
    const source = await getEditableSource(page);
    const used = await templatesUsedOnPage(source!.pageId);
    expect(Object.fromEntries(used.map((item) => [item.title.prefixedText, item.exists]))).toEqual({
      [outer.prefixedText]: true,
      [inner.prefixedText]: true,
      [missing.prefixedText]: false,
    });
  });

  it('previews a page with the template as edited, saving nothing, and names what it could not preview', async () => {
    const template = parseTitle(`Template:${uniqueTitle('Card')}`);
    const page = parseTitle(uniqueTitle('Club'));
    await save(template, card('Founded'));
    await save(page, `{{${template.text}|name=Club|founded=2026}}\n\nA club.`);

    const preview = await previewPageWithTemplate(template, card('Established'), page.prefixedText);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.page.prefixedText).toBe(page.prefixedText);
    expect(preview.html).toMatch(/<th scope="row">Established<\/th><td>2026<\/td>/);
    expect(preview.templates.map((item) => item.title.prefixedText)).toEqual([template.prefixedText]);
    // Nothing was written: the page and the template read as before.
    expect((await getArticle(page))!.html).toContain('>Founded<');
    expect((await getEditableSource(template))!.text).toBe(card('Founded'));

    expect(await previewPageWithTemplate(template, 'x', '  ')).toEqual({ ok: false, problem: 'noPage' });
    expect(await previewPageWithTemplate(template, 'x', 'A [bad] title')).toMatchObject({ ok: false, problem: 'badTitle' });
    expect(await previewPageWithTemplate(template, 'x', uniqueTitle('Nowhere'))).toMatchObject({ ok: false, problem: 'missing' });
  });

  it('shows the template’s documentation subpage and how many of its users wait to be rendered again', async () => {
    const template = parseTitle(`Template:${uniqueTitle('Documented')}`);
    await save(template, card('Founded'));
    const first = await loadTemplatePageScreen(template, {});
    expect(first.read.kind).toBe('page');
    expect(first.doc).toEqual({ title: parseTitle(`${template.prefixedText}/doc`), html: null });
    expect(first.pending).toBe(0);

    await save(parseTitle(`${template.prefixedText}/doc`), '## English\n\nShows a card.');
    await save(parseTitle(uniqueTitle('First user')), `{{${template.text}|founded=1}}`);
    await save(parseTitle(uniqueTitle('Second user')), `{{${template.text}|founded=2}}`);
    // No worker runs in this test: the two users queued by the template's change stay waiting.
    await save(template, card('Established'));
    const screen = await loadTemplatePageScreen(template, {});
    expect(screen.doc?.html).toContain('Shows a card.');
    expect(screen.pending).toBe(2);

    // A documentation page has no documentation of its own.
    expect((await loadTemplatePageScreen(parseTitle(`${template.prefixedText}/doc`), {})).doc).toBeNull();
  });

  it('seeds the starter templates, documented in both languages, and the issue’s infobox works on the seeded ECPAT', async () => {
    await seedWiki(path.resolve(import.meta.dirname, '../../content'));
    for (const name of ['Infobox', 'Main', 'See also', 'Citation needed', 'Spoiler', 'Documentation']) {
      const screen = await loadTemplatePageScreen(parseTitle(`Template:${name}`), {});
      expect(screen.read.kind, name).toBe('page');
      expect(screen.doc?.html, name).toMatch(/>English<\/h2>[\s\S]*>Italiano<\/h2>/);
    }
    // Every template says {{Documentation}}; the others wait for their first users.
    const unused = (await unusedTemplates({ limit: 500 })).items.map((title) => title.prefixedText);
    expect(unused).toEqual(expect.arrayContaining(['Template:Infobox', 'Template:Main', 'Template:See also', 'Template:Citation needed', 'Template:Spoiler']));
    expect(unused).not.toContain('Template:Documentation');

    const ecpat = parseTitle('ECPAT');
    await save(ecpat, `{{Infobox|name=ECPAT|founded=1990|headquarters=Bangkok}}\n\n${(await getEditableSource(ecpat))!.text}`);
    const html = (await getArticle(ecpat))!.html;
    const box = html.slice(html.indexOf('<aside class="portable-infobox"'), html.indexOf('</aside>'));
    expect(box).toContain('>ECPAT</h2>');
    expect(box).toContain('<th scope="row">Founded</th><td>1990</td>');
    expect(box).toContain('<th scope="row">Headquarters</th><td>Bangkok</td>');
    expect(box).not.toContain('Website');
    expect((await unusedTemplates({ limit: 500 })).items.map((title) => title.prefixedText)).not.toContain('Template:Infobox');
  });
});
