import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { deletePage } from '@/lib/server/deletion';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { getDb } from '@/lib/server/db';
import { exportWiki } from '@/lib/server/backup/export';
import { importWiki } from '@/lib/server/backup/import';
import type { PrismaClient } from '@/lib/db/client';
import { deletePageSchema, revisionVisibilitySchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';
import { useRestoreTarget } from '../support/second-database';

let n = 0;
async function actor(name: string, role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `${name} ${process.pid} ${Date.now()} ${++n}`, password: 'backup tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(Date.now() - 90 * 86_400_000), editCount: 100, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null, summary = '', minor = false): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary, minor, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

/** Everything a history is made of, per revision, in id order (what must survive a restore). */
async function histories(db: PrismaClient) {
  return db.$queryRaw<Record<string, unknown>[]>`
    SELECT r.id, r.parent_id, r.created_at, u.name AS author, r.summary, r.minor, r.size, r.sha1, c.text, r.hidden, r.archived,
           p.id AS page_id, p.namespace, p.title, p.deleted_at, p.latest_revision_id = r.id AS is_latest
    FROM revisions r JOIN pages p ON p.id = r.page_id JOIN users u ON u.id = r.author_id JOIN contents c ON c.id = r.content_id
    ORDER BY r.id`;
}

async function derived(db: PrismaClient) {
  const redirects = await db.$queryRaw`SELECT page_id, namespace, title FROM redirects ORDER BY page_id`;
  const links = await db.$queryRaw`SELECT from_page_id, to_namespace, to_title FROM page_links ORDER BY 1, 2, 3`;
  const categories = await db.$queryRaw`SELECT page_id, category FROM category_links ORDER BY 1, 2`;
  const search = await db.$queryRaw`SELECT page_id, title_lower FROM search_documents ORDER BY 1`;
  return { redirects, links, categories, search };
}

async function exportTo(file: string): Promise<void> {
  const stream = createWriteStream(file);
  await exportWiki(
    getDb(),
    async (chunk) => {
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    { full: true, generator: 'test', dbName: 'test' },
  );
  stream.end();
  await once(stream, 'finish');
}

const fromFile = (file: string) => () => createReadStream(file, { encoding: 'utf8', highWaterMark: 1024 }) as AsyncIterable<string>;

const restore = useRestoreTarget('wiki-backup-');

describe('backups: export and import', () => {
  it('restores every revision exactly into an empty database, and refuses to import over it again', async () => {
    const [alice, bob, admin] = [await actor('Alice'), await actor('Bòb 🎈'), await actor('Backup admin', 'admin')];
    const main = uniqueTitle('Backup main');
    const r1 = await save(alice, main, '# Ciao 👋\n\nمرحبا بالعالم — שלום עולם\n\n[[Category:Backups]]', null, 'first: émoji 🎉');
    const r2 = await save(bob, main, '# Ciao 👋\n\nbell \u0007 escape \u001B noncharacter \uFFFE tab\tend\n', r1, 'control-ish <b>&amp;</b>', true);
    const r3 = await save(alice, main, `# Ciao\n\n]]> & <script>x</script>\n\nSee [[${main} target]].`, r2, 'to be hidden');
    await setRevisionVisibility(
      admin,
      revisionVisibilitySchema.parse({ revisionId: String(r2), hideText: '', hideSummary: 'on', hideAuthor: 'on', reason: 'test', seenHidden: '0' }),
    );
    await save(bob, `Talk:${main}`, 'A talk page comment. ~~~~', null, 'talk');
    await save(alice, uniqueTitle('Backup redirect'), `#REDIRECT [[${main}]]`, null, 'redirect');
    const moved = uniqueTitle('Backup before move');
    await save(alice, moved, 'moved text', null);
    await movePage(alice, { from: parseTitle(moved), to: parseTitle(uniqueTitle('Backup after move')), reason: 'rename', leaveRedirect: true, moveTalk: false });
    const doomed = uniqueTitle('Backup deleted');
    const d1 = await save(bob, doomed, 'deleted text', null);
    await deletePage(admin, deletePageSchema.parse({ title: doomed, reason: 'test', latestRevisionId: String(d1) }));
    expect(r3).toBeGreaterThan(r1);

    const file = path.join(restore.dir, 'wiki.xml');
    await exportTo(file);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toContain('fw:archived="archived"');
    expect(xml).toContain('<contributor deleted="deleted">');

    const summary = await importWiki(restore.db, fromFile(file), { overwrite: false });
    const original = await histories(getDb());
    expect(summary.revisions).toBe(original.length);
    expect(summary.revisionsRenumbered).toBe(0);
    const restored = await histories(restore.db);
    // Same ids, parents, exact timestamps (milliseconds), authors, summaries, minor flags, texts,
    // sha1s, hidden bits, archived and deleted state, latest pointers.
    expect(restored).toEqual(original);
    expect(restored.find((row) => row.id === r2)).toMatchObject({ minor: true, hidden: 6, summary: 'control-ish <b>&amp;</b>' });
    expect(restored.find((row) => row.id === r2)!.text as string).toContain('\u0007');
    expect(await derived(restore.db)).toEqual(await derived(getDb()));

    // New saves on the restored wiki get fresh ids (the sequences moved past the imported ones).
    const [next] = await restore.db.$queryRaw<{ id: number }[]>`SELECT nextval(pg_get_serial_sequence('revisions', 'id'))::int AS id`;
    expect(next!.id).toBeGreaterThan(Math.max(...original.map((row) => row.id as number)));
    // Imported authors exist, without a password: they cannot sign in until one is set.
    const users = await restore.db.user.findMany({ where: { name: { in: [alice.name!, bob.name!] } }, select: { id: true, passwordHash: true } });
    expect(users.map((u) => u.id).sort()).toEqual([alice.userId, bob.userId].sort());
    expect(users.every((u) => u.passwordHash === null)).toBe(true);

    // Importing again is refused and changes nothing.
    const before = await histories(restore.db);
    await expect(importWiki(restore.db, fromFile(file), { overwrite: false })).rejects.toThrow(/already exist in this wiki: .*Nothing was imported.*--overwrite/);
    expect(await histories(restore.db)).toEqual(before);

    // A damaged file is refused before anything is written, even with --overwrite.
    const damaged = path.join(restore.dir, 'damaged.xml');
    writeFileSync(damaged, xml.replace('moved text', 'Moved text'));
    await expect(importWiki(restore.db, fromFile(damaged), { overwrite: true })).rejects.toThrow(/Page ".*Backup after move.*", revision \d+: the SHA-1 does not match/);
    expect(await histories(restore.db)).toEqual(before);

    // --overwrite replaces the pages with the file's version: the same histories again.
    const again = await importWiki(restore.db, fromFile(file), { overwrite: true });
    expect(again.pagesReplaced).toBe(again.pages);
    expect(await histories(restore.db)).toEqual(original);
  });

  it('leaves deleted pages and hidden parts out of a public export', async () => {
    const [alice, admin] = [await actor('Public'), await actor('Public admin', 'admin')];
    const title = uniqueTitle('Backup public');
    const first = await save(alice, title, 'public secret-summary page', null, 'secret summary');
    await save(alice, title, 'second', first);
    await setRevisionVisibility(
      admin,
      revisionVisibilitySchema.parse({ revisionId: String(first), hideText: 'on', hideSummary: 'on', hideAuthor: '', reason: 'test', seenHidden: '0' }),
    );
    let xml = '';
    await exportWiki(getDb(), async (chunk) => void (xml += chunk), { full: false, generator: 'test', dbName: 'test' });
    expect(xml).toContain(parseTitle(title).prefixedText);
    expect(xml).not.toContain('secret summary');
    expect(xml).not.toContain('public secret-summary page');
    expect(xml).not.toContain('fw:archived');
  });
});
