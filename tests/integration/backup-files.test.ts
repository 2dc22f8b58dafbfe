// Backups keep every uploaded file: each version of each File page (deleted ones too) is exported
// with its bytes in MediaWiki's <upload> shape, and an import into an empty wiki restores the same
// versions, bytes, uploaders, comments, times and current versions, or refuses a damaged file whole.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import path from 'node:path';
import sharp from 'sharp';
import { createAccount } from '@/lib/server/accounts';
import { deletePage } from '@/lib/server/deletion';
import { editPage } from '@/lib/server/edit-page';
import { uploadFile } from '@/lib/server/files/upload';
import { hideFileVersion, revertFile } from '@/lib/server/files/file-versions';
import { getDb } from '@/lib/server/db';
import { exportWiki } from '@/lib/server/backup/export';
import { importWiki } from '@/lib/server/backup/import';
import type { PrismaClient } from '@/lib/db/client';
import { deletePageSchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import { sha1Base36 } from '@/lib/domain/mediawiki-xml';
import type { Actor } from '@/lib/domain/policy';
import { FILE_HIDDEN_BITS, type UploadWarningCode } from '@/lib/domain/files/types';
import { useRestoreTarget } from '../support/second-database';

let n = 0;
async function actor(name: string, role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `${name} ${process.pid} ${Date.now()} ${++n}`, password: 'backup files passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(Date.now() - 90 * 86_400_000), editCount: 100, blocked: null };
}

async function png(width: number, height: number, red: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: red, g: 40, b: 200 } } })
    .png()
    .toBuffer();
}

async function upload(by: Actor, title: string, bytes: Buffer, comment: string, confirm: UploadWarningCode[] = []): Promise<number> {
  const outcome = await uploadFile({ actor: by, title: parseTitle(title), bytes, comment, text: `Description of ${title}`, ip: '192.0.2.7', expect: null, confirm });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome.version.id;
}

/** Every version with what must survive a restore, and each file's current version. */
async function fileState(db: PrismaClient) {
  const versions = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT v.id, p.namespace, p.title, p.deleted_at, v.sha1, v.size, v.width, v.height, v.mime, u.name AS uploader, v.comment,
           v.created_at, v.archived, v.hidden, f.latest_version_id = v.id AS is_latest, b.bytes
    FROM file_versions v JOIN pages p ON p.id = v.page_id JOIN users u ON u.id = v.uploader_id
    JOIN files f ON f.page_id = v.page_id JOIN file_blobs b ON b.sha1 = v.sha1
    ORDER BY v.id`;
  const files = await db.$queryRaw<Record<string, unknown>[]>`SELECT page_id, latest_version_id FROM files ORDER BY page_id`;
  const blobs = await db.$queryRaw<{ sha1: string; size: number }[]>`SELECT sha1, size FROM file_blobs ORDER BY sha1`;
  const usage = await db.$queryRaw<Record<string, unknown>[]>`SELECT from_page_id, to_title FROM file_links ORDER BY 1, 2`;
  const history = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT r.id, r.page_id, r.created_at, u.name AS author, r.summary, r.sha1, r.archived FROM revisions r
    JOIN pages p ON p.id = r.page_id JOIN users u ON u.id = r.author_id WHERE p.namespace = 6 ORDER BY r.id`;
  return { versions, files, blobs, history, usage };
}

async function exportTo(file: string, full = true): Promise<void> {
  const stream = createWriteStream(file);
  await exportWiki(
    getDb(),
    async (chunk) => {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    { full, generator: 'test', dbName: 'test' },
  );
  stream.end();
  await once(stream, 'finish');
}

const fromFile = (file: string) => () => createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 }) as AsyncIterable<string>;

const restore = useRestoreTarget('wiki-backup-files-');

describe('backups of files', () => {
  it('restores every version of every file, deleted ones too, byte for byte, and refuses a tampered export whole', async () => {
    const [alice, bob, admin] = [await actor('Uploader Alice'), await actor('Uploader Bòb 🎈'), await actor('Files admin', 'admin')];
    const logo = `File:${uniqueTitle('Backup logo')}.png`;
    const [first, second, doomedBytes] = [await png(30, 20, 10), await png(40, 10, 20), await png(8, 8, 30)];
    const v1 = await upload(alice, logo, first, 'first version: émoji 🎉');
    const v2 = await upload(bob, logo, second, 'second <b>&amp;</b> version', ['exists']);
    // Back to the first bytes (a third version), then the second version's file and uploader hidden.
    const v3 = (await revertFile({ actor: alice, title: parseTitle(logo), versionId: v1, expect: v2, comment: 'revert', ip: '192.0.2.7' })).version.id;
    await hideFileVersion(admin, { versionId: v2, hidden: FILE_HIDDEN_BITS.file | FILE_HIDDEN_BITS.uploader, seenHidden: 0, reason: 'test' });
    // The same bytes under another name: one blob, two versions.
    const copy = `File:${uniqueTitle('Backup copy')}.png`;
    await upload(alice, copy, first, 'a copy', ['duplicate']);
    const doomed = `File:${uniqueTitle('Backup doomed')}.png`;
    await upload(bob, doomed, doomedBytes, 'to be deleted');
    const doomedPage = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: 6, title: parseTitle(doomed).dbKey } } });
    await deletePage(admin, deletePageSchema.parse({ title: doomed, reason: 'test', latestRevisionId: String(doomedPage.latestRevisionId) }));
    expect(v2).toBeGreaterThan(v1);
    // A page showing the logo: its file link is rebuilt on import like any link.
    const article = uniqueTitle('Backup article');
    const saved = await editPage(alice, { title: parseTitle(article), content: `[[${logo}|thumb|The logo]]`, summary: '', minor: false, baseRevisionId: null }, '192.0.2.7');
    expect(saved.status).toBe('saved');

    const file = path.join(restore.dir, 'files.xml');
    await exportTo(file);
    const xml = readFileSync(file, 'utf8');
    expect(xml.match(/<upload /g)).toHaveLength(5);
    expect(xml).toContain('<contents encoding="base64" deleted="deleted">');
    expect(xml).toContain(`<contents encoding="base64">\n${first.toString('base64').slice(0, 76)}\n`);
    expect(xml).toMatch(/<upload fw:id="\d+" fw:archived="archived">/);

    const original = await fileState(getDb());
    expect(original.versions.length).toBeGreaterThanOrEqual(4);
    const summary = await importWiki(restore.db, fromFile(file), { overwrite: false });
    expect(summary.fileVersions).toBe(original.versions.length);
    expect(summary.distinctFiles).toBe(original.blobs.length);
    const restored = await fileState(restore.db);
    // Same ids, bytes, SHA-1s, sizes, dimensions, types, uploaders, comments, times (ms), archived
    // and hidden state, current versions; one blob per distinct file; the File pages' histories.
    expect(restored).toEqual(original);
    const logoVersions = restored.versions.filter((row) => row.title === parseTitle(logo).dbKey);
    expect(logoVersions.map((row) => [row.id, row.comment, row.hidden, row.is_latest])).toEqual([
      [v1, 'first version: émoji 🎉', 0, false],
      [v2, 'second <b>&amp;</b> version', FILE_HIDDEN_BITS.file | FILE_HIDDEN_BITS.uploader, false],
      [v3, 'revert', 0, true],
    ]);
    expect(Buffer.from(logoVersions[1]!.bytes as Uint8Array).equals(second)).toBe(true);
    expect(Buffer.from(logoVersions[2]!.bytes as Uint8Array).equals(first)).toBe(true);
    const deleted = restored.versions.find((row) => row.title === parseTitle(doomed).dbKey)!;
    expect(deleted).toMatchObject({ archived: true, is_latest: null });
    expect(restored.blobs).toHaveLength(3);
    expect(restored.usage).toContainEqual({ from_page_id: expect.any(Number), to_title: parseTitle(logo).dbKey });
    // New uploads on the restored wiki get fresh version ids.
    const [next] = await restore.db.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('file_versions', 'id'))::int AS id`;
    expect(next!.id).toBeGreaterThan(Math.max(...original.versions.map((row) => row.id as number)));

    // One changed base64 character in the second version: refused, naming the file, nothing written.
    const start = xml.indexOf(second.toString('base64').slice(0, 76));
    const flipped = xml[start + 30] === 'A' ? 'B' : 'A';
    const tampered = path.join(restore.dir, 'tampered.xml');
    writeFileSync(tampered, xml.slice(0, start + 30) + flipped + xml.slice(start + 31));
    await expect(importWiki(restore.db, fromFile(tampered), { overwrite: true })).rejects.toThrow(
      new RegExp(`Page "${logo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}", file version ${v2} of .*: the SHA-1 does not match the contents`),
    );
    expect(await fileState(restore.db)).toEqual(restored);

    // --overwrite replaces the File pages and their versions: the same state again.
    await importWiki(restore.db, fromFile(file), { overwrite: true });
    expect(await fileState(restore.db)).toEqual(original);

    // A public export has neither the deleted file nor the hidden version's bytes, and says so on import.
    const publicFile = path.join(restore.dir, 'public.xml');
    await exportTo(publicFile, false);
    const publicXml = readFileSync(publicFile, 'utf8');
    expect(publicXml).not.toContain(doomedBytes.toString('base64').slice(0, 76));
    expect(publicXml).not.toContain(second.toString('base64').slice(0, 76));
    expect(publicXml).toContain(first.toString('base64').slice(0, 76));
    await expect(importWiki(restore.db, fromFile(publicFile), { overwrite: true })).rejects.toThrow(
      new RegExp(`file version ${v2} of .*: the uploader is hidden and not in the file \\(a public export\\)`),
    );
  });

  it('refuses a restore whose bytes an upload would refuse, naming the version', async () => {
    const alice = await actor('Uploader Carol');
    const name = `File:${uniqueTitle('Backup disguised')}.png`;
    await upload(alice, name, await png(5, 5, 99), 'fine');
    const file = path.join(restore.dir, 'disguised.xml');
    await exportTo(file);
    // Swap the PNG for HTML with a matching size and SHA-1: the reader's checks pass, the sniffing does not.
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const xml = readFileSync(file, 'utf8');
    const at = xml.indexOf(`<filename>${parseTitle(name).dbKey}</filename>`);
    const end = xml.indexOf('</upload>', at);
    const replaced = xml
      .slice(at, end)
      .replace(/<size>\d+<\/size>/, `<size>${html.length}</size>`)
      .replace(/<sha1base36>\w+<\/sha1base36>/, `<sha1base36>${sha1Base36(createHash('sha1').update(html).digest('hex'))}</sha1base36>`)
      .replace(/<contents encoding="base64">[^<]*<\/contents>/, `<contents encoding="base64">${html.toString('base64')}</contents>`);
    const hostile = path.join(restore.dir, 'hostile.xml');
    writeFileSync(hostile, xml.slice(0, at) + replaced + xml.slice(end));
    const before = await fileState(restore.db);
    await expect(importWiki(restore.db, fromFile(hostile), { overwrite: true })).rejects.toThrow(
      /Page "File:Backup disguised.*", file version \d+ of .*: .*An upload of this file would be refused today/,
    );
    expect(await fileState(restore.db)).toEqual(before);
  });
});
