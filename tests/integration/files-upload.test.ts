// The upload transaction (docs/files.md): versions, content-addressed storage, MediaWiki's
// warnings, the compare-and-swap on the current version, permissions and upload protection, the
// byte limit, and refusals that leave nothing behind.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { uploadFile, type UploadFileInput } from '@/lib/server/files/upload';
import { postgresBlobStore, sha1OfBytes } from '@/lib/server/files/storage';
import { fileDetails, fileExists } from '@/lib/server/files/file-queries';
import { editPage } from '@/lib/server/edit-page';
import { protectionFormState, protectPage } from '@/lib/server/protection';
import { protectFormSchema } from '@/lib/domain/protection';
import { isAppError } from '@/lib/domain/errors';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import type { UploadOutcome } from '@/lib/domain/files/types';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Uploader ${process.pid} ${Date.now()} ${++n}`, password: 'files upload passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function png(width: number, height: number, red = 255): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 0, b: 0 } } })
    .png()
    .toBuffer();
}

function fileName(extension = 'png'): string {
  return `File:${uniqueTitle('Upload').replaceAll(' ', '_')}.${extension}`;
}

let address = 0;
function input(by: Actor, title: string, bytes: Uint8Array, extra: Partial<UploadFileInput> = {}): UploadFileInput {
  // A different address per upload: the per-address throttle is tested in files-throttle.test.ts.
  return { actor: by, title: parseTitle(title), bytes, comment: 'test upload', text: '', ip: `198.51.100.${++address % 250}`, expect: null, confirm: [], ...extra };
}

function uploaded(outcome: UploadOutcome) {
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

async function rowCounts() {
  const db = getDb();
  const [pages, versions, blobs, files, logs] = await Promise.all([db.page.count(), db.fileVersion.count(), db.fileBlob.count(), db.wikiFile.count(), db.logEntry.count()]);
  return { pages, versions, blobs, files, logs };
}

describe('uploading a file', () => {
  it('creates the File page with the description as its first revision, one version, one blob and an upload log entry', async () => {
    const by = await actor();
    const title = fileName();
    const bytes = await png(4, 3);
    const outcome = uploaded(await uploadFile(input(by, title, bytes, { text: 'The red logo', comment: 'first upload' })));
    expect(outcome).toMatchObject({ pageCreated: true, logAction: 'upload', title: parseTitle(title).prefixedText });
    expect(outcome.version).toMatchObject({
      sha1: sha1OfBytes(bytes),
      size: bytes.byteLength,
      width: 4,
      height: 3,
      mime: 'image/png',
      comment: 'first upload',
      isLatest: true,
    });
    expect(outcome.version.uploader).toEqual({ id: by.userId, name: by.name });

    const db = getDb();
    const page = await db.page.findUniqueOrThrow({
      where: { namespace_title: { namespace: 6, title: parseTitle(title).dbKey } },
      select: { id: true, latestRevision: { select: { summary: true, authorId: true, content: { select: { text: true } } } }, file: true },
    });
    expect(page.latestRevision).toMatchObject({ summary: 'first upload', authorId: by.userId, content: { text: 'The red logo' } });
    expect(page.file?.latestVersionId).toBe(outcome.version.id);
    expect(await postgresBlobStore().get(sha1OfBytes(bytes))).toEqual(new Uint8Array(bytes));
    const log = await db.logEntry.findUniqueOrThrow({ where: { id: outcome.logId } });
    expect(log).toMatchObject({ type: 'upload', action: 'upload', actorId: by.userId, pageId: page.id, comment: 'first upload' });
    expect(log.params).toMatchObject({ versionId: outcome.version.id, sha1: sha1OfBytes(bytes) });
    expect(await fileExists(parseTitle(title))).toBe(true);
  });

  it('uses the comment as the description when none is given (as MediaWiki)', async () => {
    const by = await actor();
    const title = fileName();
    uploaded(await uploadFile(input(by, title, await png(2, 2, 10), { comment: 'only a comment' })));
    const page = await getDb().page.findUniqueOrThrow({
      where: { namespace_title: { namespace: 6, title: parseTitle(title).dbKey } },
      select: { latestRevision: { select: { content: { select: { text: true } } } } },
    });
    expect(page.latestRevision?.content.text).toBe('only a comment');
  });

  it('warns that the name exists; a confirmed upload adds a version and leaves the description alone', async () => {
    const by = await actor();
    const other = await actor();
    const title = fileName();
    const first = uploaded(await uploadFile(input(by, title, await png(4, 3, 20), { text: 'original description' })));
    const secondBytes = await png(8, 6, 30);
    const before = await rowCounts();
    const warned = await uploadFile(input(other, title, secondBytes));
    expect(warned).toEqual({
      status: 'warnings',
      warnings: [{ code: 'exists', latestVersionId: first.version.id, sha1: first.version.sha1 }],
      latestVersionId: first.version.id,
    });
    expect(await rowCounts()).toEqual(before);

    const second = uploaded(await uploadFile(input(other, title, secondBytes, { confirm: ['exists'], expect: first.version.id, text: 'ignored text' })));
    expect(second).toMatchObject({ pageCreated: false, logAction: 'overwrite' });
    const details = await fileDetails(parseTitle(title), ANONYMOUS);
    expect(details?.latest).toMatchObject({ id: second.version.id, width: 8, height: 6, uploader: { id: other.userId } });
    expect(details?.versions.map((version) => [version.id, version.isLatest])).toEqual([
      [second.version.id, true],
      [first.version.id, false],
    ]);
    const revisions = await getDb().revision.count({ where: { pageId: second.pageId } });
    expect(revisions).toBe(1);
  });

  it('stores identical bytes once and names the file they duplicate; the same bytes again as the current version are refused', async () => {
    const by = await actor();
    const bytes = await png(5, 5, 77);
    const first = fileName();
    const second = fileName();
    uploaded(await uploadFile(input(by, first, bytes)));
    const warned = await uploadFile(input(by, second, bytes));
    expect(warned).toMatchObject({ status: 'warnings', warnings: [{ code: 'duplicate', titles: [parseTitle(first).prefixedText] }], latestVersionId: null });
    expect(await fileExists(parseTitle(second))).toBe(false);

    uploaded(await uploadFile(input(by, second, bytes, { confirm: ['duplicate'] })));
    const db = getDb();
    expect(await db.fileBlob.count({ where: { sha1: sha1OfBytes(bytes) } })).toBe(1);
    expect(await db.fileVersion.count({ where: { sha1: sha1OfBytes(bytes) } })).toBe(2);
    expect((await fileDetails(parseTitle(second), ANONYMOUS))?.duplicates).toEqual([parseTitle(first).prefixedText]);

    const before = await rowCounts();
    const same = await refusal(uploadFile(input(by, first, bytes, { confirm: ['exists', 'duplicate'] })));
    expect(same.code).toBe('VALIDATION');
    expect(same.message).toContain('identical to the current version');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a new version when the file moved past the version the uploader saw (compare-and-swap)', async () => {
    const [a, b] = [await actor(), await actor()];
    const title = fileName();
    const first = uploaded(await uploadFile(input(a, title, await png(3, 3, 1))));
    uploaded(await uploadFile(input(b, title, await png(3, 3, 2), { confirm: ['exists'], expect: first.version.id })));
    const before = await rowCounts();
    const stale = await refusal(uploadFile(input(a, title, await png(3, 3, 3), { confirm: ['exists'], expect: first.version.id })));
    expect(stale.code).toBe('EDIT_CONFLICT');
    expect(await rowCounts()).toEqual(before);
  });

  it('lets only one of two concurrent first uploads to a name create it; the other is warned or refused', async () => {
    const [a, b] = [await actor(), await actor()];
    const title = fileName();
    const results = await Promise.allSettled([uploadFile(input(a, title, await png(6, 2, 4))), uploadFile(input(b, title, await png(6, 2, 5)))]);
    const created = results.filter((result) => result.status === 'fulfilled' && result.value.status === 'uploaded');
    expect(created).toHaveLength(1);
    const details = await fileDetails(parseTitle(title), ANONYMOUS);
    expect(details?.versions).toHaveLength(1);
  });
});

describe('refused uploads leave nothing behind', () => {
  it('refuses anonymous visitors, a title outside the File namespace, a wrong extension, disguised HTML and an oversized file', async () => {
    const by = await actor();
    const bytes = await png(4, 4, 99);
    const before = await rowCounts();

    expect((await refusal(uploadFile(input(ANONYMOUS, fileName(), bytes)))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(uploadFile(input(by, uniqueTitle('Not a file') + '.png', bytes)))).code).toBe('VALIDATION');
    const wrongExtension = await refusal(uploadFile(input(by, fileName('jpg'), bytes)));
    expect(wrongExtension.code).toBe('VALIDATION');
    expect(wrongExtension.message).toContain('.jpg');
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    expect((await refusal(uploadFile(input(by, fileName(), html)))).code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await refusal(uploadFile(input(by, fileName(), new Uint8Array(0))))).code).toMatch(/VALIDATION|UNSUPPORTED_MEDIA_TYPE/);

    const previous = process.env.WIKI_UPLOAD_MAX_MB;
    process.env.WIKI_UPLOAD_MAX_MB = String(bytes.byteLength / (1024 * 1024) / 2);
    try {
      expect((await refusal(uploadFile(input(by, fileName(), bytes)))).code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      if (previous === undefined) delete process.env.WIKI_UPLOAD_MAX_MB;
      else process.env.WIKI_UPLOAD_MAX_MB = previous;
    }
    const after = await rowCounts();
    // Only the refusals' throttle windows were written (rate_limit_windows is not counted here).
    expect(after).toEqual(before);
  });

  it('writes nothing when a check under the lock refuses (a stale expected version)', async () => {
    const by = await actor();
    const title = fileName();
    const bytes = await png(4, 4, 123);
    // The expected version is only compared under the lock, after the bytes were checked and the description rendered.
    const before = await rowCounts();
    expect((await refusal(uploadFile(input(by, title, bytes, { expect: 999_999_999 })))).code).toBe('EDIT_CONFLICT');
    expect(await rowCounts()).toEqual(before);
    expect(await postgresBlobStore().has(sha1OfBytes(bytes))).toBe(false);
  });
});

describe('upload permissions and protection', () => {
  it('holds back new versions of a file protected for upload, and of an edit-protected File page, below the level', async () => {
    const [owner, admin] = [await actor(), await actor('admin')];
    const title = fileName();
    const first = uploaded(await uploadFile(input(owner, title, await png(7, 7, 1))));
    const db = getDb();
    const protect = (fields: Record<string, string>, baseToken: string) =>
      protectPage(
        admin,
        protectFormSchema.parse({ title, editLevel: 'none', moveLevel: 'none', editExpiry: 'infinite', moveExpiry: 'infinite', reason: 'logo', baseToken, ...fields }),
      );
    const protectedFor = await protect({ uploadLevel: 'admin', uploadExpiry: 'infinite' }, 'edit=none;move=none');
    expect(protectedFor.logAction).toBe('protect');
    expect((await db.logEntry.findUniqueOrThrow({ where: { id: protectedFor.logId } })).params).toEqual({ upload: { level: 'admin', expiresAt: null } });
    // A protect form without upload fields (or the CLI) leaves upload protection as it is.
    await protect({ moveLevel: 'autoconfirmed' }, 'edit=none;move=none;upload=admin@infinite');
    expect((await protectionFormState(parseTitle(title)))?.protection).toMatchObject({ upload: { level: 'admin' }, move: { level: 'autoconfirmed' } });
    const refused = await refusal(uploadFile(input(owner, title, await png(7, 7, 2), { confirm: ['exists'] })));
    expect(refused).toEqual({ code: 'FORBIDDEN', message: 'This page is protected: only administrators can upload a file to it.' });
    // Upload protection does not stop editing the description.
    const base = await db.page.findUniqueOrThrow({ where: { id: first.pageId }, select: { latestRevisionId: true } });
    const edit = await editPage(
      owner,
      { title: parseTitle(title), content: 'new description', summary: '', minor: false, baseRevisionId: base.latestRevisionId },
      '127.0.0.1',
    );
    expect(edit.status).toBe('saved');
    uploaded(await uploadFile(input(admin, title, await png(7, 7, 3), { confirm: ['exists'] })));

    const second = fileName();
    const created = uploaded(await uploadFile(input(owner, second, await png(7, 7, 4))));
    await db.pageProtection.create({ data: { pageId: created.pageId, action: 'edit', level: 'admin', reason: 'stable', byId: admin.userId! } });
    expect((await refusal(uploadFile(input(owner, second, await png(7, 7, 5), { confirm: ['exists'] })))).code).toBe('FORBIDDEN');
  });

  it('refuses blocked users', async () => {
    const by = await actor();
    const blocked: Actor = { ...by, blocked: { reason: 'spam', expiresAt: null, sitewide: true, pageIds: [] } };
    expect((await refusal(uploadFile(input(blocked, fileName(), await png(2, 3))))).code).toBe('FORBIDDEN');
  });
});

describe('large uploads', () => {
  it('stores a file just under the default 10 MiB limit in one transaction', async () => {
    const by = await actor();
    const [width, height] = [1800, 1800];
    const noise = new Uint8Array(width * height * 3);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
    const bytes = await sharp(noise, { raw: { width, height, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(bytes.byteLength).toBeGreaterThan(9 * 1024 * 1024);
    expect(bytes.byteLength).toBeLessThan(10 * 1024 * 1024);
    const outcome = uploaded(await uploadFile(input(by, fileName(), bytes)));
    expect(outcome.version).toMatchObject({ size: bytes.byteLength, width, height });
    expect((await postgresBlobStore().get(sha1OfBytes(bytes)))?.byteLength).toBe(bytes.byteLength);
  }, 120_000);
});
