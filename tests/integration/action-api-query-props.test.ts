import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { uniqueTitle } from '../support/database';
import { newEditor, saveEdits, type TestEditor } from '../support/rest-client';
import { GET } from '@/app/w/api.php/route';
import { createAccount } from '@/lib/server/accounts';
import { uploadFile } from '@/lib/server/files/upload';
import { protectPage, protectionFormState } from '@/lib/server/protection';
import { protectFormSchema } from '@/lib/domain/protection';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

/* prop=info, prop=categories, prop=links and prop=imageinfo. */

const ORIGIN = 'http://wiki.test';
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function pages(query: string): Promise<Answer[]> {
  const response = await GET(new Request(`${ORIGIN}/w/api.php?action=query&format=json&formatversion=2&${query}`));
  const answer = (await response.json()) as Answer;
  expect(answer.error).toBeUndefined();
  return answer.query.pages as Answer[];
}
const q = (value: string) => encodeURIComponent(value);

let editor: TestEditor;
let admin: Actor;
let page: string;
let fileName: string;
let fileSha1: string;

beforeAll(async () => {
  editor = await newEditor();
  const account = await createAccount({ username: `Props admin ${process.pid} ${Date.now()}`, password: 'props admin passphrase 51', admin: true }, null);
  admin = { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(0), editCount: 0, blocked: null };
  page = uniqueTitle('Props');
  await saveEdits(editor, page, [
    { text: 'First.' },
    { text: `See [[Help me]], [[Talk:${page}]] and [[User:Someone]].\n\n[[Category:Zeta things]] [[Category:Alpha things|Sort here]]` },
  ]);
  await saveEdits(editor, `Talk:${page}`, [{ text: 'Talk.' }]);
  const state = await protectionFormState(parseTitle(page));
  await protectPage(
    admin,
    protectFormSchema.parse({
      title: page,
      editLevel: 'autoconfirmed',
      moveLevel: 'admin',
      editExpiry: 'infinite',
      moveExpiry: 'infinite',
      reason: 'test',
      baseToken: state!.token,
    }),
  );

  fileName = `${uniqueTitle('Props file').replaceAll(' ', '_')}.png`;
  const bytes = await sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 1, g: 2, b: 3 } } })
    .png()
    .toBuffer();
  const outcome = await uploadFile({
    actor: admin,
    title: parseTitle(`File:${fileName}`),
    bytes,
    comment: 'first upload',
    text: '',
    ip: '203.0.113.5',
    expect: null,
    confirm: [],
  });
  if (outcome.status !== 'uploaded') throw new Error('upload refused');
  fileSha1 = outcome.version.sha1!;
});

describe('prop=info', () => {
  it('gives the page facts, urls, talk page id and protection', async () => {
    const [talk] = await pages(`titles=${q(`Talk:${page}`)}`);
    const [info] = await pages(`titles=${q(page)}&prop=info&inprop=url|talkid|protection|displaytitle`);
    const url = `${ORIGIN}/wiki/${page.replaceAll(' ', '_')}`;
    expect(info).toMatchObject({
      ns: 0,
      title: page,
      contentmodel: 'markdown',
      pagelanguage: 'en',
      lastrevid: expect.any(Number),
      length: expect.any(Number),
      touched: expect.stringMatching(/Z$/),
      talkid: talk!.pageid,
      fullurl: url,
      editurl: `${url}?action=edit`,
      canonicalurl: url,
      displaytitle: page,
      restrictiontypes: ['edit', 'move'],
    });
    expect(info).not.toHaveProperty('new');
    expect(info!.protection).toEqual(
      expect.arrayContaining([
        { type: 'edit', level: 'autoconfirmed', expiry: 'infinity' },
        { type: 'move', level: 'sysop', expiry: 'infinity' },
      ]),
    );
    const [fresh] = await pages(`titles=${q(`Talk:${page}`)}&prop=info`);
    expect(fresh).toMatchObject({ new: true });
    const [missing] = await pages(`titles=${q(`${page} nowhere`)}&prop=info&inprop=protection`);
    expect(missing).toEqual({
      ns: 0,
      title: `${page} nowhere`,
      missing: true,
      contentmodel: 'markdown',
      pagelanguage: 'en',
      pagelanguagehtmlcode: 'en',
      pagelanguagedir: 'ltr',
      protection: [],
      restrictiontypes: ['create'],
    });
  });
});

describe('prop=categories and prop=links', () => {
  it('lists the categories by name, with sort keys when asked, and only those asked for', async () => {
    const [all] = await pages(`titles=${q(page)}&prop=categories&clprop=sortkey`);
    expect(all!.categories).toEqual([
      { ns: 14, title: 'Category:Alpha things', sortkey: expect.stringMatching(/^[0-9a-f]+$/), sortkeyprefix: 'SORT HERE' },
      { ns: 14, title: 'Category:Zeta things', sortkey: expect.stringMatching(/^[0-9a-f]+$/), sortkeyprefix: '' },
    ]);
    expect((await pages(`titles=${q(page)}&prop=categories&clshow=hidden`))[0]).not.toHaveProperty('categories');
    const [only] = await pages(`titles=${q(page)}&prop=categories&clcategories=${q('Category:Zeta things')}`);
    expect(only!.categories).toEqual([{ ns: 14, title: 'Category:Zeta things' }]);
  });

  it('continues with clcontinue', async () => {
    const response = await GET(new Request(`${ORIGIN}/w/api.php?action=query&format=json&formatversion=2&titles=${q(page)}&prop=categories&cllimit=1`));
    const first = (await response.json()) as Answer;
    expect(first.query.pages[0].categories).toEqual([{ ns: 14, title: 'Category:Alpha things' }]);
    expect(first.continue).toEqual({ clcontinue: `${first.query.pages[0].pageid}|Zeta_things`, continue: '||' });
    const [second] = await pages(`titles=${q(page)}&prop=categories&cllimit=1&continue=||&clcontinue=${q(first.continue.clcontinue)}`);
    expect(second!.categories).toEqual([{ ns: 14, title: 'Category:Zeta things' }]);
  });

  it('lists the links of the latest revision, filtered by namespace', async () => {
    const [all] = await pages(`titles=${q(page)}&prop=links`);
    expect(all!.links).toEqual([
      { ns: 0, title: 'Help me' },
      { ns: 1, title: `Talk:${page}` },
      { ns: 2, title: 'User:Someone' },
    ]);
    const [talkOnly] = await pages(`titles=${q(page)}&prop=links&plnamespace=1|2`);
    expect(talkOnly!.links.map((link: Answer) => link.ns)).toEqual([1, 2]);
  });
});

describe('prop=imageinfo', () => {
  it('gives the file’s url, size, sha1 and mime, with the absolute address of the original', async () => {
    const [file] = await pages(`titles=${q(`File:${fileName}`)}&prop=imageinfo&iiprop=timestamp|user|url|size|sha1|mime|comment`);
    expect(file).toMatchObject({ ns: 6, imagerepository: 'local' });
    expect(file!.imageinfo).toEqual([
      {
        timestamp: expect.stringMatching(/Z$/),
        user: admin.name,
        size: expect.any(Number),
        width: 3,
        height: 2,
        comment: 'first upload',
        url: `${ORIGIN}/images/${fileSha1}/${fileName}`,
        descriptionurl: `${ORIGIN}/wiki/File:${fileName}`,
        descriptionshorturl: `${ORIGIN}/wiki/File:${fileName}`,
        sha1: fileSha1,
        mime: 'image/png',
      },
    ]);
    const [none] = await pages(`titles=${q('File:Nothing here.png')}&prop=imageinfo`);
    expect(none).toEqual({ ns: 6, title: 'File:Nothing here.png', missing: true, imagerepository: '' });
  });
});
