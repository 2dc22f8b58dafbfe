// A file's life after its first upload (docs/files.md): reverting to an old version, hiding parts
// of a version, deleting and undeleting the File page (every version archived and restored, none
// removed), and the usage links that the save transaction keeps (file usage, unused and wanted files,
// the embed info of the view-time resolver).
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { uploadFile } from '@/lib/server/files/upload';
import { hideFileVersion, revertFile } from '@/lib/server/files/file-versions';
import { fileDetails, fileEmbedInfo, fileUsage, listFiles, unusedFiles, wantedFiles } from '@/lib/server/files/file-queries';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { deletePage, undeletePage } from '@/lib/server/deletion';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { rebuildDerivedData } from '@/lib/server/derived/rebuild';
import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { isAppError } from '@/lib/domain/errors';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { FILE_HIDDEN_BITS } from '@/lib/domain/files/types';
import { REMOVED_SUMMARY, REMOVED_USER } from '@/lib/domain/visibility';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Versioner ${process.pid} ${Date.now()} ${++n}`, password: 'files versions passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function png(width: number, height: number, red: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 9, b: 9 } } })
    .png()
    .toBuffer();
}

/** A database key for a new file name ("Name_….png"). */
function newName(): string {
  return `${uniqueTitle('Version').replaceAll(' ', '_')}.png`;
}

let address = 0;
async function upload(by: Actor, name: string, bytes: Buffer, comment = 'upload'): Promise<{ id: number; pageId: number }> {
  const outcome = await uploadFile({
    actor: by,
    title: parseTitle(`File:${name}`),
    bytes,
    comment,
    text: '',
    ip: `203.0.113.${++address % 250}`,
    expect: null,
    confirm: ['exists'],
  });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return { id: outcome.version.id, pageId: outcome.pageId };
}

async function save(by: Actor, title: string, content: string): Promise<void> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: parseTitle(title).namespace, title: parseTitle(title).dbKey } },
    select: { latestRevisionId: true },
  });
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: page?.latestRevisionId ?? null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('reverting a file', () => {
  it("adds a version with the old version's bytes (stored once) and logs upload/revert", async () => {
    const [by, other] = [await actor(), await actor()];
    const name = newName();
    const oldBytes = await png(4, 4, 1);
    const first = await upload(by, name, oldBytes);
    const second = await upload(other, name, await png(9, 9, 2));
    const title = parseTitle(`File:${name}`);

    const reverted = await revertFile({ actor: other, title, versionId: first.id, expect: second.id, comment: 'back to the original', ip: '127.0.0.1' });
    expect(reverted.version).toMatchObject({ sha1: sha1OfBytes(oldBytes), width: 4, height: 4, isLatest: true, comment: 'back to the original' });
    const details = await fileDetails(title, ANONYMOUS);
    expect(details?.versions.map((version) => version.id)).toEqual([reverted.version.id, second.id, first.id]);
    expect(await getDb().fileBlob.count({ where: { sha1: sha1OfBytes(oldBytes) } })).toBe(1);
    const log = await getDb().logEntry.findUniqueOrThrow({ where: { id: reverted.logId } });
    expect(log).toMatchObject({ type: 'upload', action: 'revert', actorId: other.userId });
    expect(log.params).toMatchObject({ versionId: reverted.version.id, revertedFrom: first.id });

    // Stale expectation, the current version itself, other files' versions and anonymous visitors are refused.
    expect(await refusal(revertFile({ actor: by, title, versionId: second.id, expect: second.id, comment: '', ip: '127.0.0.1' }))).toBe('EDIT_CONFLICT');
    expect(await refusal(revertFile({ actor: by, title, versionId: reverted.version.id, expect: null, comment: '', ip: '127.0.0.1' }))).toBe('VALIDATION');
    const elsewhere = await upload(by, newName(), await png(3, 3, 3));
    expect(await refusal(revertFile({ actor: by, title, versionId: elsewhere.id, expect: null, comment: '', ip: '127.0.0.1' }))).toBe('NOT_FOUND');
    expect(await refusal(revertFile({ actor: ANONYMOUS, title, versionId: second.id, expect: null, comment: '', ip: '127.0.0.1' }))).toBe('UNAUTHENTICATED');
  });
});

describe('hiding parts of a version', () => {
  it("withholds a version's file, comment and uploader from non-administrators; the current file cannot be hidden", async () => {
    const [by, admin] = [await actor(), await actor('admin')];
    const name = newName();
    const first = await upload(by, name, await png(5, 2, 11), 'rude comment');
    const second = await upload(by, name, await png(5, 2, 12));
    const title = parseTitle(`File:${name}`);
    const all = FILE_HIDDEN_BITS.file | FILE_HIDDEN_BITS.comment | FILE_HIDDEN_BITS.uploader;

    expect(await refusal(hideFileVersion(by, { versionId: first.id, hidden: all, seenHidden: 0, reason: 'no' }))).toBe('FORBIDDEN');
    const hidden = await hideFileVersion(admin, { versionId: first.id, hidden: all, seenHidden: 0, reason: 'personal attack' });
    expect(hidden).toMatchObject({ hiddenBefore: 0, hiddenAfter: all });
    const log = await getDb().logEntry.findUniqueOrThrow({ where: { id: hidden.logId } });
    expect(log).toMatchObject({ type: 'delete', action: 'revision' });
    expect(log.params).toEqual({ fileVersionId: first.id, hiddenBefore: 0, hiddenAfter: all });

    const reader = (await fileDetails(title, ANONYMOUS))!.versions.find((version) => version.id === first.id)!;
    expect(reader).toMatchObject({ sha1: null, comment: REMOVED_SUMMARY, uploader: { id: 0, name: REMOVED_USER }, withheld: { file: true, comment: true, uploader: true } });
    const administrator = (await fileDetails(title, admin))!.versions.find((version) => version.id === first.id)!;
    expect(administrator).toMatchObject({ comment: 'rude comment', uploader: { id: by.userId }, hidden: { file: true }, withheld: { file: false } });
    expect(administrator.sha1).toMatch(/^[0-9a-f]{40}$/);

    // A hidden file cannot be made current again; the current version's file cannot be hidden.
    expect(await refusal(revertFile({ actor: by, title, versionId: first.id, expect: null, comment: '', ip: '127.0.0.1' }))).toBe('VALIDATION');
    expect(await refusal(hideFileVersion(admin, { versionId: second.id, hidden: FILE_HIDDEN_BITS.file, seenHidden: 0, reason: 'x' }))).toBe('VALIDATION');
    expect(await refusal(hideFileVersion(admin, { versionId: first.id, hidden: 0, seenHidden: 0, reason: 'stale' }))).toBe('EDIT_CONFLICT');
    expect(await refusal(hideFileVersion(admin, { versionId: first.id, hidden: all, seenHidden: all, reason: 'same' }))).toBe('VALIDATION');
  });
});

describe('deleting and undeleting a File page', () => {
  it('archives every version (embeds turn into upload links) and restores them all', async () => {
    const [by, admin] = [await actor(), await actor('admin')];
    const name = newName();
    const first = await upload(by, name, await png(6, 6, 21));
    const second = await upload(by, name, await png(6, 6, 22));
    const title = `File:${name}`;
    const db = getDb();
    const latest = await db.page.findUniqueOrThrow({ where: { id: first.pageId }, select: { latestRevisionId: true } });

    const deleted = await deletePage(admin, deletePageSchema.parse({ title, reason: 'copyright', latestRevisionId: String(latest.latestRevisionId) }));
    expect(await db.fileVersion.count({ where: { pageId: first.pageId, archived: true } })).toBe(2);
    expect(await db.wikiFile.findUniqueOrThrow({ where: { pageId: first.pageId } })).toMatchObject({ latestVersionId: null });
    expect((await db.logEntry.findUniqueOrThrow({ where: { id: deleted.logId } })).params).toMatchObject({ fileVersions: 2 });
    expect(await fileDetails(parseTitle(title), ANONYMOUS)).toBeNull();
    expect((await fileDetails(parseTitle(title), admin))?.versions.map((version) => [version.id, version.archived])).toEqual([
      [second.id, true],
      [first.id, true],
    ]);
    expect((await fileEmbedInfo([name])).get(name)).toBeNull();
    // Nothing was removed: the bytes stay stored.
    expect(await db.fileBlob.count({ where: { sha1: { in: (await db.fileVersion.findMany({ where: { pageId: first.pageId } })).map((v) => v.sha1) } } })).toBe(2);
    // A deleted file cannot be reverted.
    expect(await refusal(revertFile({ actor: by, title: parseTitle(title), versionId: first.id, expect: null, comment: '', ip: '127.0.0.1' }))).toBe('NOT_FOUND');

    await undeletePage(admin, undeletePageSchema.parse({ title, reason: 'permission received' }));
    const restored = await fileDetails(parseTitle(title), ANONYMOUS);
    expect(restored?.latest?.id).toBe(second.id);
    expect(restored?.versions.every((version) => !version.archived)).toBe(true);
    expect((await fileEmbedInfo([name])).get(name)).toMatchObject({ width: 6, height: 6, mime: 'image/png' });
  });
});

describe('uploading to a deleted file', () => {
  it('recreates the File page with a new current version; undeletion brings the old versions back beneath it', async () => {
    const [by, admin] = [await actor(), await actor('admin')];
    const name = newName();
    const title = `File:${name}`;
    const old = await upload(by, name, await png(4, 2, 71));
    const latest = await getDb().page.findUniqueOrThrow({ where: { id: old.pageId }, select: { latestRevisionId: true } });
    await deletePage(admin, deletePageSchema.parse({ title, reason: 'test', latestRevisionId: String(latest.latestRevisionId) }));

    const fresh = await upload(by, name, await png(4, 2, 72), 'a new start');
    expect(fresh.pageId).toBe(old.pageId);
    const details = await fileDetails(parseTitle(title), ANONYMOUS);
    expect(details?.versions.map((version) => version.id)).toEqual([fresh.id]);
    expect((await getDb().page.findUniqueOrThrow({ where: { id: old.pageId }, select: { deletedAt: true } })).deletedAt).toBeNull();

    await undeletePage(admin, undeletePageSchema.parse({ title, reason: 'the old one was fine' }));
    const restored = await fileDetails(parseTitle(title), ANONYMOUS);
    expect(restored?.versions.map((version) => [version.id, version.isLatest])).toEqual([
      [fresh.id, true],
      [old.id, false],
    ]);
  });
});

describe('moving a File page', () => {
  it('takes the file along; embeds of the old name follow the redirect; the File namespace cannot be left', async () => {
    const by = await actor();
    const [from, to] = [newName(), newName()];
    await upload(by, from, await png(7, 3, 61));
    await movePage(by, { from: parseTitle(`File:${from}`), to: parseTitle(`File:${to}`), reason: 'better name', leaveRedirect: true, moveTalk: true });
    expect((await fileDetails(parseTitle(`File:${to}`), ANONYMOUS))?.latest).toMatchObject({ width: 7, height: 3 });
    const embeds = await fileEmbedInfo([from, to]);
    // Under the old name through the redirect, naming the file's own page (its /images addresses).
    expect(embeds.get(from)).toEqual({ ...embeds.get(to), name: to });
    expect(embeds.get(to)).toMatchObject({ width: 7, height: 3 });
    const shower = uniqueTitle('Shows the old name');
    await save(by, shower, `[[File:${from}]]`);
    expect((await wantedFiles({ limit: 500 })).rows.map((row) => row.name)).not.toContain(from);
    expect(
      await refusal(movePage(by, { from: parseTitle(`File:${to}`), to: parseTitle(uniqueTitle('Out of files')), reason: '', leaveRedirect: false, moveTalk: false })),
    ).toBe('BAD_TITLE');
    const article = uniqueTitle('Into files');
    await save(by, article, 'text');
    expect(await refusal(movePage(by, { from: parseTitle(article), to: parseTitle(`File:${newName()}`), reason: '', leaveRedirect: false, moveTalk: false }))).toBe(
      'BAD_TITLE',
    );
  });
});

describe('file usage', () => {
  it('follows the pages that show a file through saves, deletions and rebuilds; unused and wanted files follow', async () => {
    const [by, admin] = [await actor(), await actor('admin')];
    const shown = newName();
    const missing = newName();
    const user = uniqueTitle('Shows files');
    await upload(by, shown, await png(3, 2, 31));
    const unused = () => unusedFiles({ limit: 500, viewer: ANONYMOUS }).then((page) => page.rows.map((row) => row.name));
    const wanted = () => wantedFiles({ limit: 500 }).then((page) => page.rows);
    expect(await unused()).toContain(shown);

    await save(by, user, `[[File:${shown.replaceAll('_', ' ')}|thumb|A caption]]\n\n![alt](File:${missing})`);
    const usage = await fileUsage(parseTitle(`File:${shown}`));
    expect(usage.rows.map((row) => row.prefixedText)).toEqual([user]);
    expect(await unused()).not.toContain(shown);
    expect(await wanted()).toContainEqual({ name: missing, prefixedText: `File:${missing.replaceAll('_', ' ')}`, pages: 1 });
    const embeds = await fileEmbedInfo([shown, missing]);
    expect(embeds.get(shown)).toMatchObject({ width: 3, height: 2, mime: 'image/png' });
    expect(embeds.get(missing)).toBeNull();

    await save(by, user, 'No pictures any more.');
    expect((await fileUsage(parseTitle(`File:${shown}`))).rows).toEqual([]);
    expect(await unused()).toContain(shown);
    expect((await wanted()).map((row) => row.name)).not.toContain(missing);

    // Rebuilding derived data fills file_links from the pages' current text.
    await save(by, user, `[[File:${shown}]]`);
    await getDb().$executeRaw`DELETE FROM file_links`;
    await rebuildDerivedData();
    expect((await fileUsage(parseTitle(`File:${shown}`))).rows.map((row) => row.prefixedText)).toEqual([user]);

    // A deleted page shows nothing.
    const latest = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: 0, title: parseTitle(user).dbKey } }, select: { latestRevisionId: true } });
    await deletePage(admin, deletePageSchema.parse({ title: user, reason: 'test', latestRevisionId: String(latest.latestRevisionId) }));
    expect((await fileUsage(parseTitle(`File:${shown}`))).rows).toEqual([]);
  });

  it('pages file usage by page id', async () => {
    const by = await actor();
    const name = newName();
    await upload(by, name, await png(2, 2, 41));
    const pages = [uniqueTitle('Usage a'), uniqueTitle('Usage b'), uniqueTitle('Usage c')];
    for (const page of pages) await save(by, page, `[[File:${name}]]`);
    const first = await fileUsage(parseTitle(`File:${name}`), { limit: 2 });
    expect(first.rows.map((row) => row.prefixedText)).toEqual(pages.slice(0, 2));
    expect(first.next).not.toBeNull();
    const rest = await fileUsage(parseTitle(`File:${name}`), { after: first.next, limit: 2 });
    expect(rest).toMatchObject({ rows: [{ prefixedText: pages[2] }], next: null });
  });
});

describe('Special:ListFiles', () => {
  it('sorts by date, name and size, and pages with a total', async () => {
    const by = await actor();
    const prefix = `${uniqueTitle('Listed').replaceAll(' ', '_')}`;
    await upload(by, `${prefix}_b.png`, await png(20, 20, 51));
    await upload(by, `${prefix}_a.png`, await png(2, 2, 52));
    await upload(by, `${prefix}_c.png`, await png(8, 8, 53));
    const mine = (rows: { name: string }[]) => rows.map((row) => row.name).filter((name) => name.startsWith(prefix));
    expect(mine((await listFiles({ sort: 'date', limit: 500, viewer: ANONYMOUS })).rows)).toEqual([`${prefix}_c.png`, `${prefix}_a.png`, `${prefix}_b.png`]);
    expect(mine((await listFiles({ sort: 'name', limit: 500, viewer: ANONYMOUS })).rows)).toEqual([`${prefix}_a.png`, `${prefix}_b.png`, `${prefix}_c.png`]);
    const bySize = (await listFiles({ sort: 'size', limit: 500, viewer: ANONYMOUS })).rows.filter((row) => row.name.startsWith(prefix));
    expect(bySize.map((row) => row.latest.size)).toEqual([...bySize.map((row) => row.latest.size)].sort((a, b) => b - a));
    const page = await listFiles({ sort: 'name', limit: 1, offset: 0, viewer: ANONYMOUS });
    expect(page.rows).toHaveLength(1);
    expect(page.nextOffset).toBe(1);
    expect(page.total).toBeGreaterThanOrEqual(3);
  });
});
