// The File page, Special:Upload, the file lists and the revert confirmation as their loaders build
// them on the real database (docs/files.md): what each reader is offered, from real uploads. Only
// the request (the session's actor, the locale, the headers) is stood in for.
import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { uploadFile } from '@/lib/server/files/upload';
import { fileDetails } from '@/lib/server/files/file-queries';
import { type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

request.headers = { 'x-forwarded-for': '198.51.100.7' };

const { loadFilePageScreen } = await import('@/lib/server/screens/file-page');
const { loadUploadScreen } = await import('@/lib/server/screens/upload');
const { loadFileRevertScreen } = await import('@/lib/server/screens/file-revert');
const { loadListFilesScreen, loadUnusedFilesScreen, loadWantedFilesScreen } = await import('@/lib/server/screens/file-lists');
const { revertFileAction } = await import('@/app/actions/file');

let n = 0;
async function newActor(): Promise<Actor> {
  const account = await createAccount({ username: `File screens ${process.pid} ${Date.now()} ${++n}`, password: 'file screens passphrase', admin: false }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 100, blocked: null };
}

function png(width: number, height: number, red: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 40, b: 40 } } })
    .png()
    .toBuffer();
}

let address = 0;
async function upload(by: Actor, name: string, bytes: Buffer, comment: string): Promise<number> {
  const outcome = await uploadFile({
    actor: by,
    title: parseTitle(`File:${name}`),
    bytes,
    comment,
    text: 'A test picture.',
    ip: `192.0.2.${++address % 250}`,
    expect: null,
    confirm: ['exists', 'duplicate'],
  });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome.version.id;
}

let uploader: Actor;
let name: string;
let firstVersion: number;
let secondVersion: number;

beforeAll(async () => {
  uploader = await newActor();
  name = `${uniqueTitle('Screen logo').replaceAll(' ', '_')}.png`;
  firstVersion = await upload(uploader, name, await png(1600, 1200, 10), 'first');
  secondVersion = await upload(uploader, name, await png(40, 30, 200), 'second');
  const page = uniqueTitle('Shows the logo');
  const outcome = await editPage(
    uploader,
    { title: parseTitle(page), content: `[[File:${name}|thumb|The logo]]`, summary: '', minor: false, baseRevisionId: null },
    '127.0.0.1',
  );
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
});

describe('the File page', () => {
  it('shows the latest version, both versions with a revert link on the older, and the page using it', async () => {
    request.actor = uploader;
    const screen = await loadFilePageScreen(parseTitle(`File:${name}`), {});
    expect(screen.read.kind).toBe('page');
    expect(screen.lead).toMatchObject({ kind: 'preview', preview: { fullWidth: 40, fullHeight: 30, width: 40, height: 30, mime: 'image/png' } });
    const history = screen.trail!.history;
    expect(history.map((row) => [row.id, row.isLatest, row.comment])).toEqual([
      [secondVersion, true, 'second'],
      [firstVersion, false, 'first'],
    ]);
    expect(history[0]!.revertHref).toBeNull();
    expect(history[1]!.revertHref).toBe(`/wiki/File:${encodeURIComponent(name).replaceAll('%20', '_')}?action=revert&oldimage=${firstVersion}`);
    expect(screen.trail!.uploadNewVersionHref).toBe(`/wiki/Special:Upload?wpDestFile=${encodeURIComponent(name)}&wpForReUpload=1`);
    expect(screen.trail!.usage.map((page) => page.text)).toEqual([expect.stringMatching(/^Shows the logo/)]);
  });

  it('offers signed-out readers neither revert nor a new version', async () => {
    request.actor = null;
    const screen = await loadFilePageScreen(parseTitle(`File:${name}`), {});
    expect(screen.trail!.history.every((row) => row.revertHref === null)).toBe(true);
    expect(screen.trail!.uploadNewVersionHref).toBeNull();
  });
});

describe('Special:Upload', () => {
  it('asks signed-out readers to sign in, returning to the same address', async () => {
    request.actor = null;
    const screen = await loadUploadScreen({ wpDestFile: 'Logo.png' });
    expect(screen).toMatchObject({ kind: 'denied', decision: { reason: 'not-signed-in' }, returnTo: '/wiki/Special:Upload?wpDestFile=Logo.png' });
  });

  it('prefills the destination and, for wpForReUpload on an existing file, makes it a new version', async () => {
    request.actor = uploader;
    const fresh = await loadUploadScreen({ wpDestFile: 'file:new_picture.png' });
    expect(fresh).toMatchObject({ kind: 'form', initial: { title: 'New picture.png' }, reupload: null, maxBytes: 10 * 1024 * 1024 });
    expect(fresh.kind === 'form' && fresh.accept.split(',')).toEqual(expect.arrayContaining(['.png', '.svg', 'image/png']));
    const again = await loadUploadScreen({ wpDestFile: name, wpForReUpload: '1' });
    expect(again).toMatchObject({ kind: 'form', reupload: { title: `File:${name.replaceAll('_', ' ')}` } });
  });
});

describe('the file lists', () => {
  it('sorts Special:ListFiles by size, largest first', async () => {
    request.actor = uploader;
    const screen = await loadListFilesScreen({ sort: 'size', limit: '500' });
    expect(screen.sort).toBe('size');
    const sizes = screen.items.map((item) => item.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(screen.items.some((item) => item.name === name.replaceAll('_', ' '))).toBe(true);
  });

  it('lists a file nobody shows as unused, and a shown missing one as wanted', async () => {
    const lonely = `${uniqueTitle('Lonely').replaceAll(' ', '_')}.png`;
    await upload(uploader, lonely, await png(20, 20, 90), 'nobody shows me');
    const missing = `${uniqueTitle('Never uploaded').replaceAll(' ', '_')}.png`;
    await editPage(
      uploader,
      { title: parseTitle(uniqueTitle('Wants a file')), content: `![x](File:${missing})`, summary: '', minor: false, baseRevisionId: null },
      '127.0.0.1',
    );
    const unused = await loadUnusedFilesScreen({ limit: '500' });
    expect(unused.items.map((item) => item.name)).toContain(lonely.replaceAll('_', ' '));
    expect(unused.items.map((item) => item.name)).not.toContain(name.replaceAll('_', ' '));
    const wanted = await loadWantedFilesScreen({ limit: '500' });
    expect(wanted.items.map((item) => item.name)).toContain(missing);
  });
});

describe('reverting a file', () => {
  it('confirms, then makes the old version’s bytes the latest version', async () => {
    request.actor = uploader;
    const title = parseTitle(`File:${name}`);
    expect(await loadFileRevertScreen(title, { oldimage: String(secondVersion) })).toEqual({ kind: 'current' });
    expect(await loadFileRevertScreen(title, { oldimage: '999999999' })).toMatchObject({ kind: 'no-version' });
    const screen = await loadFileRevertScreen(title, { oldimage: String(firstVersion) });
    expect(screen).toMatchObject({ kind: 'form', versionId: firstVersion, latestVersionId: secondVersion });
    const form = new FormData();
    for (const [field, value] of Object.entries({ title: title.prefixedText, versionId: String(firstVersion), expect: String(secondVersion), comment: 'back to the big one' }))
      form.set(field, value);
    const redirect = await revertFileAction({ values: { title: '', versionId: '', expect: '', comment: '' } }, form).catch((error: unknown) => error);
    expect(String((redirect as { digest?: string }).digest)).toContain(`/wiki/File:`);
    const details = await fileDetails(title, uploader);
    expect(details!.latest).toMatchObject({ width: 1600, height: 1200, comment: 'back to the big one' });
    const first = await getDb().fileVersion.findUnique({ where: { id: firstVersion }, select: { sha1: true } });
    expect(details!.latest!.sha1).toBe(first!.sha1);
  });

  it('refuses a stale confirmation with a message on the form', async () => {
    request.actor = uploader;
    const title = parseTitle(`File:${name}`);
    const form = new FormData();
    for (const [field, value] of Object.entries({ title: title.prefixedText, versionId: String(secondVersion), expect: String(secondVersion), comment: '' }))
      form.set(field, value);
    const state = await revertFileAction({ values: { title: '', versionId: '', expect: '', comment: '' } }, form);
    expect(state.formError).toBeTruthy();
    expect(state.values.versionId).toBe(String(secondVersion));
  });
});
