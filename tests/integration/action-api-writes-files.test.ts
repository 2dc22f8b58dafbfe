import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiPost, apiUser, apiWrite, type ApiUser } from '../support/action-api-client';
import { uniquePng } from '../support/file-upload-client';
import { getWatchState } from '@/lib/server/watchlist';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { parseTitle } from '@/lib/domain/titles';

let editor: ApiUser;

beforeAll(async () => {
  editor = await apiUser('Api files');
});

describe('action=parse', () => {
  it('renders a page with its sections, links, categories and revision', async () => {
    const title = uniqueTitle('Api parsed');
    const target = uniqueTitle('Api parse target');
    await apiWrite(editor, { action: 'edit', title: target, text: 'Target.' });
    const text = `Lead with [[${target}]] and [[Nowhere ${Date.now()}]] and <https://example.org/x>.\n\n## First part\n\nText.\n\n### Inner\n\nMore.\n\n## Second part\n\n[[Category:Api parse tests]]`;
    const saved = await apiWrite(editor, { action: 'edit', title, text });
    const parsed = await apiGet({ action: 'parse', page: title, prop: 'text|sections|links|categories|revid|displaytitle|wikitext|externallinks' });
    expect(parsed.error).toBeUndefined();
    const parse = parsed.parse;
    expect(parse).toMatchObject({ title, pageid: saved.edit.pageid, revid: saved.edit.newrevid, displaytitle: title, wikitext: text });
    expect(parse.text).toMatch(/^<div class="mw-parser-output">[\s\S]*<\/div>$/);
    expect(parse.text).toContain('First part');
    expect(
      parse.sections.map((section: { line: string; number: string; index: string; toclevel: number; level: string }) => [
        section.line,
        section.number,
        section.index,
        section.toclevel,
        section.level,
      ]),
    ).toEqual([
      ['First part', '1', '1', 1, '2'],
      ['Inner', '1.1', '2', 2, '3'],
      ['Second part', '2', '3', 1, '2'],
    ]);
    expect(parse.sections[0].anchor).toBe('first-part');
    expect(parse.sections[0].byteoffset).toBe(text.indexOf('## First part'));
    expect(parse.links).toContainEqual({ ns: 0, title: target, exists: true });
    expect(parse.links.some((link: { exists: boolean }) => !link.exists)).toBe(true);
    expect(parse.categories).toEqual([{ sortkey: '', category: 'Api_parse_tests', missing: true }]);
    expect(parse.externallinks).toContain('https://example.org/x');
  });

  it('renders a given text as mwn sends it, and refuses what does not exist', async () => {
    const parsed = await apiPost({ action: 'parse', text: '**Bold** words', contentmodel: 'wikitext', disablelimitreport: '1', disableeditsection: '1' });
    expect(parsed.parse.text).toContain('<strong>Bold</strong>');
    expect(parsed.warnings?.parse?.warnings).toMatch(/Markdown/);
    expect((await apiGet({ action: 'parse', page: uniqueTitle('Api parse missing') })).error?.code).toBe('missingtitle');
    expect((await apiGet({ action: 'parse', oldid: '999999999' })).error?.code).toBe('nosuchrevid');
    const v1 = await apiGet({ action: 'parse', text: 'Plain', prop: 'text', formatversion: '1' });
    expect(v1.parse.text['*']).toContain('Plain');
  });
});

function uploadForm(user: ApiUser, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string }): FormData {
  const form = new FormData();
  form.set('action', 'upload');
  form.set('token', user.csrf);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }), file.name);
  return form;
}

describe('action=upload', () => {
  it('uploads a PNG, warns about a duplicate and an existing name, and then shows the file', async () => {
    const bytes = new Uint8Array(await uniquePng(64, 48));
    const name = `${uniqueTitle('Api upload')}.png`;
    const uploaded = await apiPost(uploadForm(editor, { filename: name, comment: 'first upload', text: 'A red square.' }, { bytes, name: 'square.png' }), editor.bearer);
    expect(uploaded.error).toBeUndefined();
    expect(uploaded.upload).toMatchObject({ result: 'Success', filename: name });
    expect(uploaded.upload.imageinfo).toMatchObject({ width: 64, height: 48, size: bytes.byteLength, mime: 'image/png', sha1: sha1OfBytes(bytes), comment: 'first upload' });
    expect(uploaded.upload.imageinfo.url).toMatch(/^http:\/\/wiki\.test\/images\//);

    const copyName = `${uniqueTitle('Api upload copy')}.png`;
    const warned = await apiPost(uploadForm(editor, { filename: copyName }, { bytes, name: 'square.png' }), editor.bearer);
    expect(warned.upload).toMatchObject({ result: 'Warning', warnings: { duplicate: [name.replaceAll('_', ' ')] } });
    const again = await apiPost(uploadForm(editor, { filename: name }, { bytes: new Uint8Array(await uniquePng(64, 48)), name: 'other.png' }), editor.bearer);
    expect(again.upload).toMatchObject({ result: 'Warning', warnings: { exists: name } });
    const forced = await apiPost(uploadForm(editor, { filename: copyName, ignorewarnings: '1' }, { bytes, name: 'square.png' }), editor.bearer);
    expect(forced.upload.result).toBe('Success');

    const viewed = await apiGet({ action: 'parse', text: `[[File:${name}]]`, prop: 'text|images' });
    expect(viewed.parse.images).toEqual([name.replaceAll(' ', '_')]);
    expect(viewed.parse.text).toContain(sha1OfBytes(bytes));
  });

  it('refuses uploads from a URL, a missing file and a file sent as text', async () => {
    const name = `${uniqueTitle('Api upload refused')}.png`;
    expect((await apiPost(uploadForm(editor, { filename: name, url: 'https://example.org/a.png' }), editor.bearer)).error?.code).toBe('copyuploaddisabled');
    expect((await apiPost(uploadForm(editor, { filename: name }), editor.bearer)).error?.code).toBe('missingparam');
    expect((await apiPost(uploadForm(editor, { filename: name, file: 'not a file' }), editor.bearer)).error?.code).toBe('badupload_file');
    expect((await apiPost(uploadForm(editor, { filename: name, filekey: 'abc' }), editor.bearer)).error?.code).toBe('stashnosuchfilekey');
    const png = new Uint8Array(await uniquePng(16, 16));
    const mismatch = await apiPost(uploadForm(editor, { filename: name.replace(/\.png$/u, '.jpg') }, { bytes: png, name: 'x.png' }), editor.bearer);
    expect(mismatch.error?.code).toBe('filetype-mime-mismatch');
    const anonymous = await apiPost(uploadForm(editor, { filename: name, token: '+\\' }, { bytes: png, name: 'x.png' }));
    expect(anonymous.error?.code).toBe('permissiondenied');
  });
});

describe('action=watch', () => {
  it('watches and unwatches titles', async () => {
    const title = uniqueTitle('Api watch');
    const watched = await apiWrite(editor, { action: 'watch', titles: title, expiry: '1 week' });
    expect(watched.watch).toEqual([{ ns: 0, title, watched: true, watchlistexpiry: expect.stringMatching(/Z$/) }]);
    expect((await getWatchState(editor.actor.userId!, parseTitle(title))).watched).toBe(true);
    const unwatched = await apiWrite(editor, { action: 'watch', titles: title, unwatch: '1' });
    expect(unwatched.watch).toEqual([{ ns: 0, title, unwatched: true }]);
    expect((await getWatchState(editor.actor.userId!, parseTitle(title))).watched).toBe(false);
    expect((await apiWrite(editor, { action: 'watch', titles: title, expiry: 'someday' })).error?.code).toBe('invalidexpiry');
    expect((await apiPost({ action: 'watch', titles: title, token: '+\\' })).error?.code).toBe('notloggedin');
  });
});
