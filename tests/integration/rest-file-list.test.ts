import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { readJson, restRequest } from '../support/rest-client';
import { filePath } from '../support/file-upload-client';
import { GET as listFilesRoute } from '@/app/w/rest.php/v1/file/route';
import { GET as getFileRoute } from '@/app/w/rest.php/v1/file/[...path]/route';
import { createAccount } from '@/lib/server/accounts';
import { deletePage } from '@/lib/server/deletion';
import { uploadFile } from '@/lib/server/files/upload';
import { getDb } from '@/lib/server/db';
import { deletePageSchema } from '@/lib/domain/deletion';
import { fileNamePattern } from '@/lib/domain/files/file-search-input';
import type { Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

/**
 * GET /w/rest.php/v1/file?q=&limit=: the Insert image picker's list (docs/editing.md). Each test
 * looks for names made unique to this file, so the seeded files and other tests' never match.
 */
interface FileObject {
  title: string;
  thumbnail: { url: string; width: number };
}
interface ErrorBody {
  httpCode: number;
  errorKey: string;
  messageTranslations: { en: string };
}

let n = 0;
async function actor(name: string, admin = false): Promise<Actor> {
  const account = await createAccount({ username: `${name} ${process.pid} ${Date.now()} ${++n}`, password: 'file list passphrase 4419', admin }, null);
  return { userId: account.id, name: account.name, role: admin ? 'admin' : 'registered', createdAt: new Date(Date.now() - 90 * 86_400_000), editCount: 100, blocked: null };
}

async function upload(by: Actor, name: string, shade: number): Promise<void> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: shade, g: (n * 37) % 256, b: 90 } } })
    .png()
    .toBuffer();
  const outcome = await uploadFile({
    actor: by,
    title: parseTitle(`File:${name}`),
    bytes,
    comment: 'picker test',
    text: '',
    ip: '192.0.2.9',
    expect: null,
    confirm: ['duplicate'],
  });
  expect(outcome.status).toBe('uploaded');
}

async function list(query: string): Promise<{ status: number; body: { files: FileObject[] } & Partial<ErrorBody> }> {
  const response = await listFilesRoute(restRequest(`/file${query}`));
  return { status: response.status, body: await readJson(response) };
}

const names = (files: FileObject[]) => files.map((file) => file.title);

const tag = uniqueTitle('Picker').replace(/\W+/g, ' ').trim();
let uploader: Actor;

beforeAll(async () => {
  uploader = await actor('Picker uploader');
  // Oldest first: the list is newest first.
  await upload(uploader, `${tag} sunrise.png`, 10);
  await upload(uploader, `${tag} 100% cover.png`, 20);
  await upload(uploader, `${tag} 1000 cover.png`, 30);
  await upload(uploader, `${tag} a_b.png`, 40);
});

describe('GET /file (list)', () => {
  it('lists the files whose name contains q, in any case and with spaces or underscores, newest upload first, as file objects', async () => {
    const { status, body } = await list(`?q=${encodeURIComponent(tag.toUpperCase().replaceAll(' ', '_'))}`);
    expect(status).toBe(200);
    expect(names(body.files)).toEqual([`File:${tag} a b.png`, `File:${tag} 1000 cover.png`, `File:${tag} 100% cover.png`, `File:${tag} sunrise.png`]);
    // The same object as GET /file/{title}: the picker shows its thumbnail.
    const one = await getFileRoute(restRequest(filePath(body.files[0]!.title)));
    expect(body.files[0]).toEqual(await readJson(one));
    expect(body.files[0]!.thumbnail.url).toMatch(/^http:\/\/wiki\.test\/images\/thumb\//);
  });

  it('reads %, _ and \\ in q as themselves, not as patterns', async () => {
    expect(names((await list(`?q=${encodeURIComponent(`${tag} 100%`)}`)).body.files)).toEqual([`File:${tag} 100% cover.png`]);
    expect(names((await list(`?q=${encodeURIComponent(`${tag} a_b`)}`)).body.files)).toEqual([`File:${tag} a b.png`]);
    expect((await list(`?q=${encodeURIComponent(`${tag} \\`)}`)).body.files).toEqual([]);
    expect(fileNamePattern('50%_a\\b c')).toBe('%50\\%\\_a\\\\b\\_c%');
  });

  it('returns at most limit files; without q it lists every file, newest first', async () => {
    expect(names((await list(`?q=${encodeURIComponent(tag)}&limit=2`)).body.files)).toEqual([`File:${tag} a b.png`, `File:${tag} 1000 cover.png`]);
    const all = (await list('')).body.files;
    expect(all[0]!.title).toBe(`File:${tag} a b.png`);
    expect(all.length).toBeLessThanOrEqual(30);
  });

  it('leaves out a deleted file', async () => {
    const admin = await actor('Picker admin', true);
    const doomed = `${tag} doomed.png`;
    await upload(uploader, doomed, 50);
    expect(names((await list(`?q=${encodeURIComponent(doomed)}`)).body.files)).toEqual([`File:${doomed}`]);
    const page = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: 6, title: parseTitle(`File:${doomed}`).dbKey } } });
    await deletePage(admin, deletePageSchema.parse({ title: `File:${doomed}`, reason: 'test', latestRevisionId: String(page.latestRevisionId) }));
    expect((await list(`?q=${encodeURIComponent(doomed)}`)).body.files).toEqual([]);
  });

  it('refuses a bad limit or an overlong q with a 400 naming the parameter', async () => {
    for (const limit of ['0', '101', 'ten', '-1', '1.5']) {
      const { status, body } = await list(`?limit=${limit}`);
      expect({ limit, status, errorKey: body.errorKey }).toEqual({ limit, status: 400, errorKey: 'paramvalidator-outofrange' });
      expect(body.messageTranslations?.en).toContain('"limit"');
    }
    const { status, body } = await list(`?q=${'x'.repeat(256)}`);
    expect({ status, errorKey: body.errorKey }).toEqual({ status: 400, errorKey: 'paramvalidator-maxlength' });
    expect(body.messageTranslations?.en).toContain('"q"');
  });
});
