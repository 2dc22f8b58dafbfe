// The upload throttle (per account and per address, WIKI_UPLOAD_RATE_LIMIT) and what an upload
// tells the page cache: the File page and every page showing the file, not the Main Page.
import { uniqueTitle } from '../support/database';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Actor } from '@/lib/domain/policy';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { isAppError } from '@/lib/domain/errors';
import { createAccount } from '@/lib/server/accounts';
import { uploadFile } from '@/lib/server/files/upload';
import { editPage } from '@/lib/server/edit-page';
import { getDb } from '@/lib/server/db';
import { deletePage } from '@/lib/server/deletion';
import { deletePageSchema } from '@/lib/domain/deletion';

const HANDLE = Symbol.for('wiki.pageCache');
let invalidated: string[] = [];
let previousLimit: string | undefined;
beforeAll(() => {
  // Read at each upload (files of a worker share one module registry, so not at import time).
  previousLimit = process.env.WIKI_UPLOAD_RATE_LIMIT;
  process.env.WIKI_UPLOAD_RATE_LIMIT = '2';
  (globalThis as Record<symbol, unknown>)[HANDLE] = { invalidate: (paths: readonly string[]) => invalidated.push(...paths), clear: () => {}, limitLifetime: () => {} };
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[HANDLE];
  if (previousLimit === undefined) delete process.env.WIKI_UPLOAD_RATE_LIMIT;
  else process.env.WIKI_UPLOAD_RATE_LIMIT = previousLimit;
});
beforeEach(() => {
  invalidated = [];
});

let n = 0;
async function actor(): Promise<Actor> {
  const account = await createAccount({ username: `Throttled ${process.pid} ${Date.now()} ${++n}`, password: 'files throttle passphrase' }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
}

async function png(red: number): Promise<Buffer> {
  return sharp({ create: { width: 3, height: 3, channels: 3, background: { r: red, g: 1, b: 1 } } })
    .png()
    .toBuffer();
}

const name = () => `File:${uniqueTitle('Throttle').replaceAll(' ', '_')}.png`;

async function tryUpload(by: Actor, ip: string, red: number, title = name()): Promise<string> {
  try {
    const outcome = await uploadFile({ actor: by, title: parseTitle(title), bytes: await png(red), comment: '', text: '', ip, expect: null, confirm: ['exists'] });
    return outcome.status;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
}

describe('the upload throttle', () => {
  it('refuses the uploads of an account past the limit with 429, from any address, and writes nothing', async () => {
    const by = await actor();
    expect(await tryUpload(by, '192.0.2.1', 1)).toBe('uploaded');
    expect(await tryUpload(by, '192.0.2.2', 2)).toBe('uploaded');
    const before = await getDb().fileVersion.count();
    expect(await tryUpload(by, '192.0.2.3', 3)).toBe('RATE_LIMITED');
    expect(await getDb().fileVersion.count()).toBe(before);
  });

  it('refuses the uploads of one address past the limit, whichever accounts send them', async () => {
    const [a, b, c] = [await actor(), await actor(), await actor()];
    expect(await tryUpload(a, '192.0.2.50', 4)).toBe('uploaded');
    expect(await tryUpload(b, '192.0.2.50', 5)).toBe('uploaded');
    expect(await tryUpload(c, '192.0.2.50', 6)).toBe('RATE_LIMITED');
    expect(await tryUpload(c, '192.0.2.51', 7)).toBe('uploaded');
  });
});

describe('uploads and the page cache', () => {
  it('a new version drops the File page and the pages showing the file, not the Main Page', async () => {
    const [by, other] = [await actor(), await actor()];
    const file = name();
    expect(await tryUpload(by, '192.0.2.90', 8, file)).toBe('uploaded');
    const shower = uniqueTitle('Shows the file');
    const unrelated = uniqueTitle('Unrelated');
    for (const [title, content] of [
      [shower, `[[${file}|thumb|caption]]`],
      [unrelated, `Links to [[:${file}]] without showing it.`],
    ] as const) {
      const saved = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
      expect(saved.status).toBe('saved');
    }
    invalidated = [];
    expect(await tryUpload(other, '192.0.2.91', 9, file)).toBe('uploaded');
    expect(new Set(invalidated)).toEqual(new Set([titleToUrlPath(parseTitle(file)), titleToUrlPath(parseTitle(shower))]));

    // Deleting the File page turns its embeds into upload links: the pages showing it are dropped too.
    const admin: Actor = { ...(await actor()), role: 'admin' };
    const page = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: 6, title: parseTitle(file).dbKey } }, select: { latestRevisionId: true } });
    invalidated = [];
    await deletePage(admin, deletePageSchema.parse({ title: file, reason: 'test', latestRevisionId: String(page.latestRevisionId) }));
    expect(invalidated).toContain(titleToUrlPath(parseTitle(shower)));
  });
});
