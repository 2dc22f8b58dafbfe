// File embeds as readers see them, on the real database (docs/files.md, "Markup"): the article's
// one statement brings each embedded file's current version (file_links → File page → file →
// version), and old revisions, diffs and previews resolve embeds the same way, so an upload or a
// new version shows on the next view of every page using the file, none of them re-rendered.
// Only the request (the session's actor, the headers) is stood in for.
import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { uploadFile } from '@/lib/server/files/upload';
import { readArticlePage } from '@/lib/server/article-page';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';
import { pagePath, restRequest } from '../support/rest-client';

request.headers = { 'x-forwarded-for': '198.51.100.9' };

const { loadRevisionScreen, loadDiffScreen } = await import('@/lib/server/screens/revision');
const { GET: getPage } = await import('@/app/w/rest.php/v1/page/[...path]/route');
const { GET: getRevision } = await import('@/app/w/rest.php/v1/revision/[...path]/route');
const { previewMarkdown } = await import('@/app/actions/edit');

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `Embed viewer ${process.pid} ${Date.now()} ${++n}`, password: 'embed viewer passphrase', admin: false }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 100, blocked: null };
}

function png(width: number, height: number, red: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 40, b: 40 } } })
    .png()
    .toBuffer();
}

async function upload(by: Actor, name: string, bytes: Buffer): Promise<string> {
  const outcome = await uploadFile({ actor: by, title: parseTitle(`File:${name}`), bytes, comment: 'test', text: '', ip: '192.0.2.9', expect: null, confirm: ['exists'] });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome.version.sha1!;
}

async function save(by: Actor, title: string, content: string, baseRevisionId: number | null): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId }, '192.0.2.9');
  if (outcome.status !== 'saved') throw new Error(`not saved: ${outcome.status}`);
  return outcome.revisionId;
}

async function articleHtml(title: string): Promise<string> {
  const page = await readArticlePage(parseTitle(title), ANONYMOUS);
  if (page?.kind !== 'show') throw new Error(`no article ${title}`);
  return page.article.html;
}

describe('file embeds in the views of a page', () => {
  it('show upload links until the file exists, then its current version, in the article, old revisions, diffs and previews', async () => {
    const editor = await newActor();
    const name = `${uniqueTitle('Embedded').replaceAll(' ', '_')}.png`;
    const missing = `${uniqueTitle('Never uploaded').replaceAll(' ', '_')}.png`;
    const title = uniqueTitle('Page showing a picture');
    const text = `[[File:${name}|thumb|A *caption*]]\n\nText, and [[File:${missing}|thumb|left|Still missing]].`;
    const first = await save(editor, title, text, null);

    // The save recorded both files the page shows.
    const page = await getDb().page.findFirstOrThrow({ where: { namespace: 0, title: parseTitle(title).dbKey }, select: { id: true } });
    const links = await getDb().$queryRaw<{ to_title: string }[]>`SELECT to_title FROM file_links WHERE from_page_id = ${page.id} ORDER BY to_title`;
    expect(links.map((row) => row.to_title).sort()).toEqual([name, missing].sort());

    let html = await articleHtml(title);
    expect(html).toContain(`<a href="/wiki/Special:Upload?wpDestFile=${name}" class="new" data-missing-file="${name}"></a><figcaption>A <em>caption</em></figcaption>`);
    expect(html).not.toContain('<img');

    const sha1 = await upload(editor, name, await png(400, 200, 10));
    html = await articleHtml(title);
    expect(html).toContain(
      `<figure class="wiki-file wiki-file-thumb wiki-file-right"><a href="/wiki/File:${name}" class="mw-file-description">` +
        `<img src="/images/thumb/${sha1}/250px-${name}" srcset="/images/thumb/${sha1}/250px-${name} 1x, /images/${sha1}/${name} 2x" ` +
        `width="250" height="125" alt="A caption" loading="lazy" decoding="async"></a><figcaption>A <em>caption</em></figcaption></figure>`,
    );
    expect(html).toContain(`<figure class="wiki-file wiki-file-thumb wiki-file-left wiki-file-missing"><a href="/wiki/Special:Upload?wpDestFile=${missing}"`);

    // A new version shows at once, under its own address; the stored rendering is untouched.
    const second = await upload(editor, name, await png(400, 200, 200));
    expect(second).not.toBe(sha1);
    expect(await articleHtml(title)).toContain(`src="/images/thumb/${second}/250px-${name}"`);
    const stored = await getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId: first }, select: { html: true } });
    expect(stored.html).not.toMatch(/<img|\/images\//);

    // An old revision, a diff and a preview show the file as it is now.
    const latest = await save(editor, title, `${text}\n\nMore text.`, first);
    const old = await loadRevisionScreen(parseTitle(title), first);
    expect(old.kind === 'revision' && old.detail.html).toContain(`src="/images/thumb/${second}/250px-${name}"`);
    const diff = await loadDiffScreen(parseTitle(title), latest, first);
    expect(diff.kind === 'diff' && diff.html).toContain(`src="/images/thumb/${second}/250px-${name}"`);
    const preview = await previewMarkdown(`[[File:${name}|100px|An icon]] and [[File:${missing}]]`);
    expect(preview).toContain(
      `<span class="wiki-file wiki-file-inline"><a href="/wiki/File:${name}" class="mw-file-description"><img src="/images/thumb/${second}/120px-${name}"`,
    );
    expect(preview).toContain(`width="100" height="50" alt="An icon"`);
    expect(preview).toContain(`<span class="wiki-file wiki-file-inline wiki-file-missing"><a href="/wiki/Special:Upload?wpDestFile=${missing}"`);

    // Moved with a redirect left behind, the file still shows where pages use its old name.
    const moved = `${uniqueTitle('Moved').replaceAll(' ', '_')}.png`;
    await movePage(editor, { from: parseTitle(`File:${name}`), to: parseTitle(`File:${moved}`), reason: 'rename', leaveRedirect: true, moveTalk: false });
    // Its addresses name the file's own page: /images serves a version under that name only.
    expect(await articleHtml(title)).toContain(`<a href="/wiki/File:${moved}" class="mw-file-description"><img src="/images/thumb/${second}/250px-${moved}"`);
    expect(await previewMarkdown(`[[File:${name}]]`)).toContain(`<a href="/wiki/File:${moved}" class="mw-file-description"><img src="/images/${second}/${moved}"`);

    // The REST API's HTML documents (English): the file as it is now, and worded upload links.
    for (const response of [await getPage(restRequest(`${pagePath(title)}/html`)), await getRevision(restRequest(`/revision/${first}/html`))]) {
      const document = await response.text();
      expect(document).toContain(`src="/images/thumb/${second}/250px-${moved}"`);
      expect(document).toContain(
        `title="File:${missing.replaceAll('_', ' ')} has not been uploaded yet: upload it" data-missing-file="${missing}">Upload File:${missing.replaceAll('_', ' ')}</a>`,
      );
    }
  });
});
