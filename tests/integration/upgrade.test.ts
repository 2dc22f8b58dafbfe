// Upgrades keep data: a wiki made by the last release (tests/fixtures/upgrade/release-1b5c894.sql,
// written by that release's own CLI and import) is migrated to today's schema, and its pages, users,
// history, hidden parts, protections, blocks and API tokens are all still there and still work, and
// what came after it (the file tables) starts empty and works.
// When a release ships, add its fixture here the same way and keep the older ones.
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defaultMigrationsDir, migrate } from '@/lib/db/migrate';
import { createThrowawayDatabase, withDatabase, type ThrowawayDatabase } from '@/tests/support/throwaway-database';

const FIXTURE = path.join(import.meta.dirname, '../fixtures/upgrade/release-1b5c894.sql');
/** The newest migration that release shipped. */
const RELEASE_LAST_MIGRATION = '20261129000000_moderation';

let db: ThrowawayDatabase;
let upgradeApplied: string[] = [];

/** prisma/migrations as the release had it: every migration up to and including its last one. */
async function releaseMigrations(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wiki-release-migrations-'));
  await cp(defaultMigrationsDir(), dir, { recursive: true });
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name > RELEASE_LAST_MIGRATION) await rm(path.join(dir, entry.name), { recursive: true });
  }
  return dir;
}

beforeAll(async () => {
  db = await createThrowawayDatabase({ server: inject('databaseServer') || undefined });
  const released = await releaseMigrations();
  try {
    await migrate(db.url, { migrationsDir: released });
  } finally {
    await rm(released, { recursive: true, force: true });
  }
  const data = await readFile(FIXTURE, 'utf8');
  await withDatabase(db.url, (client) => client.query(data));
  // The upgrade, exactly as `npm start` / `npm run db:migrate` applies it.
  upgradeApplied = (await migrate(db.url)).applied;
  // Only now may the server layer (getDb) connect: it reads DATABASE_URL on first use.
  process.env.DATABASE_URL = db.url;
  if (!inject('databaseServer')) process.env.DATABASE_POOL_SIZE = '1';
}, 120_000);

afterAll(async () => {
  const close = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[Symbol.for('wiki.closeDatabase')];
  await close?.();
  await db?.drop();
});

describe('upgrading a wiki made by the last release', () => {
  it('applies the migrations that came after it, and only those', () => {
    expect(upgradeApplied.length).toBeGreaterThan(0);
    expect(upgradeApplied.every((name) => name > RELEASE_LAST_MIGRATION)).toBe(true);
  });

  it('keeps every page with its text, rendering, history and hidden parts', async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { getArticle } = await import('@/lib/server/pages');
    const { findHistoryPage, getPageHistory } = await import('@/lib/server/history');

    const ecpat = await getArticle(parseTitle('ECPAT'));
    expect(ecpat?.html).toContain('ECPAT');
    const fixture = await getArticle(parseTitle('Upgrade fixture'));
    expect(fixture?.revision.id).toBe(5003);
    expect(fixture?.html).toContain('First text, by a fan, corrected.');

    const page = await findHistoryPage(parseTitle('Upgrade fixture'));
    const history = await getPageHistory(page!.id, { limit: 50 });
    expect(history.rows.map((row) => [row.revisionId, row.parentId, row.author.name])).toEqual([
      [5003, 5002, 'Release fan'],
      [5002, 5001, 'Release admin'],
      [5001, null, 'Release fan'],
    ]);
    // The summary an administrator hid under the old release stays hidden from readers.
    expect(history.rows[1]!.visibility?.withheld.summary).toBe(true);
    expect(history.rows[1]!.summary).not.toBe('step 2');
    expect(await getArticle(parseTitle('Talk:Upgrade fixture'))).not.toBeNull();
  });

  it("adds the link-preview columns to old renderings, empty, and fills a current article's on its first preview", async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadLinkPreview } = await import('@/lib/server/link-preview');
    const query = async <T extends object>(sql: string) => (await withDatabase(db.url, (c) => c.query<T & Record<string, unknown>>(sql))).rows;
    const ecpatRendering = `SELECT rr.description, rr.preview_file, rr.html FROM rendered_revisions rr
      JOIN pages p ON p.latest_revision_id = rr.revision_id WHERE p.namespace = 0 AND p.title = 'ECPAT'`;

    const filled = await query<{ n: number }>('SELECT count(*)::int AS n FROM rendered_revisions WHERE description IS NOT NULL OR preview_file IS NOT NULL');
    expect(filled[0]!.n).toBe(0);
    const [before] = await query<{ html: string }>(ecpatRendering);

    const preview = await loadLinkPreview(parseTitle('ECPAT'), 'https://fans.example.org');
    expect(preview?.description).toMatch(/^ECPAT is a network of organizations and individuals working together .*…$/u);
    expect(preview?.description).not.toMatch(/\[\d\]|\[\^|Logo della/u);
    expect(preview?.image).toBeNull();
    const [after] = await query<{ description: string; preview_file: string; html: string }>(ecpatRendering);
    // That release's text shows its logo as a plain Markdown image with no address, not a file embed.
    expect(after).toEqual({ description: preview?.description, preview_file: null, html: before!.html });
  });

  it('lets the old accounts sign in, and keeps their blocks and API tokens', async () => {
    const { verifyCredentials } = await import('@/lib/server/accounts');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { userIdForToken } = await import('@/lib/server/api-tokens');

    await expect(verifyCredentials('Release admin', 'release admin passphrase 1', '192.0.2.1')).resolves.toMatchObject({ name: 'Release admin' });
    await expect(verifyCredentials('Release fan', 'release fan passphrase 22', '192.0.2.1')).resolves.toMatchObject({ name: 'Release fan' });
    expect((await loadActorByName('Release admin'))?.role).toBe('admin');
    expect((await loadActorByName('Release blocked'))?.blocked?.reason).toBe('fixture block');
    const fan = await loadActorByName('Release fan');
    expect(await userIdForToken('wiki_JMoYJ2oPqXBezYfhcqX2vZEf3E6vsvNPbaVW5IP51pM')).toBe(fan!.userId);
  });

  it('continues an old page history and keeps its protection', async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { editPage } = await import('@/lib/server/edit-page');

    const title = parseTitle('Upgrade fixture');
    const fan = (await loadActorByName('Release fan'))!;
    // Edit protection "autoconfirmed" set by the old release still applies to a new fan.
    await expect(editPage(fan, { title, content: 'A fan may not.', summary: '', minor: false, baseRevisionId: 5003 }, '192.0.2.2')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const admin = (await loadActorByName('Release admin'))!;
    const saved = await editPage(admin, { title, content: 'After the upgrade.', summary: 'first edit after the upgrade', minor: false, baseRevisionId: 5003 }, '192.0.2.2');
    expect(saved).toMatchObject({ status: 'saved', created: false });
    if (saved.status !== 'saved') return;
    expect(saved.revisionId).toBeGreaterThan(5010);
    const parent = await withDatabase(db.url, (c) => c.query<{ parent_id: number }>('SELECT parent_id FROM revisions WHERE id = $1', [saved.revisionId]));
    expect(parent.rows[0]!.parent_id).toBe(5003);
  });

  it('rebuilds links and the search index once for the new renderer, so search stops finding its old placeholder text', async () => {
    const { searchPages } = await import('@/lib/server/search');
    const { refreshDerivedDataIfStale } = await import('@/lib/server/derived/rebuild');
    const titlesFor = async (query: string) => (await searchPages(query)).hits.map((hit) => hit.title.prefixedText);

    const allLinks = async () =>
      (
        await withDatabase(db.url, (c) => c.query<{ link: string }>("SELECT from_page_id || ' ' || to_namespace || ':' || to_title AS link FROM page_links ORDER BY 1"))
      ).rows.map((row) => row.link);
    const linksBefore = await allLinks();

    // The last release stored "Image not available" in ECPAT's rendering, and so in its search document.
    expect(await titlesFor('image')).toContain('ECPAT');
    const refreshed = await refreshDerivedDataIfStale();
    expect(refreshed?.pages).toBe(4);
    expect(await titlesFor('image')).not.toContain('ECPAT');
    expect(await titlesFor('Rafto')).toContain('ECPAT');
    // The rebuild keeps every link (the renderer change touched no link).
    expect(linksBefore.length).toBeGreaterThan(0);
    expect(await allLinks()).toEqual(linksBefore);
    // The rebuild also gave every current rendering its link-preview summary.
    const unsummarized = await withDatabase(db.url, (c) =>
      c.query<{ n: number }>('SELECT count(*)::int AS n FROM pages p JOIN rendered_revisions rr ON rr.revision_id = p.latest_revision_id WHERE rr.description IS NULL'),
    );
    expect(unsummarized.rows[0]!.n).toBe(0);
    // Once per renderer version: the next start does nothing.
    expect(await refreshDerivedDataIfStale()).toBeNull();
  });

  it('adds the file tables, empty, and an upload works on the upgraded wiki', async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { uploadFile } = await import('@/lib/server/files/upload');
    const { postgresBlobStore } = await import('@/lib/server/files/storage');
    const sharp = (await import('sharp')).default;
    const count = async (table: string) => (await withDatabase(db.url, (c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]!.n;

    const tables = ['files', 'file_versions', 'file_blobs', 'file_thumbnails', 'file_links'];
    // The last release had no uploads: the tables exist and hold nothing yet.
    for (const table of tables) expect(await count(table)).toBe(0);

    const fan = (await loadActorByName('Release fan'))!;
    const bytes = await sharp({ create: { width: 12, height: 9, channels: 3, background: '#e30613' } })
      .png()
      .toBuffer();
    const outcome = await uploadFile({
      actor: fan,
      title: parseTitle('File:Upgrade logo.png'),
      bytes,
      comment: 'first upload after the upgrade',
      text: '',
      ip: '192.0.2.3',
      expect: null,
      confirm: [],
    });
    expect(outcome).toMatchObject({ status: 'uploaded', pageCreated: true, version: { width: 12, height: 9, mime: 'image/png', isLatest: true } });
    if (outcome.status !== 'uploaded') return;
    expect(outcome.version.uploader.name).toBe('Release fan');
    expect(Buffer.from((await postgresBlobStore().get(outcome.version.sha1!))!).equals(bytes)).toBe(true);
    expect([await count('files'), await count('file_versions'), await count('file_blobs')]).toEqual([1, 1, 1]);
  });

  it('refuses a new name that looks like an account made before the upgrade', async () => {
    const { createAccount } = await import('@/lib/server/accounts');
    // "Release fan" with a Cyrillic "а": the old account has no stored skeleton until first use.
    await expect(createAccount({ username: 'Rele\u0430se fan', password: 'a long and unusual passphrase' }, null)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('Release fan'),
    });
  });
  it('adds the template tables, empty, and the re-render queue; an old article follows a template it starts using', async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { editPage } = await import('@/lib/server/edit-page');
    const { getArticle } = await import('@/lib/server/pages');
    const { getRevision, getRevisionWithRendering } = await import('@/lib/server/revisions');
    const { pendingRerenders } = await import('@/lib/server/templates/queue');
    const { startRerenderWorker } = await import('@/lib/server/templates/worker');
    const query = async <T extends object>(sql: string) => (await withDatabase(db.url, (c) => c.query<T & Record<string, unknown>>(sql))).rows;

    // The last release had no templates: nothing transcluded, no current renderings, both queues ready.
    expect(await query('SELECT 1 FROM template_links')).toEqual([]);
    expect(await query('SELECT 1 FROM page_renderings')).toEqual([]);
    // (…and the notifications' two queues, which a later migration added: their own test below.)
    expect((await query<{ name: string }>('SELECT name FROM pgboss.queue ORDER BY name')).map((row) => row.name)).toEqual([
      'notification-mail',
      'rerender-page',
      'revision-events',
      'template-changed',
    ]);

    const admin = (await loadActorByName('Release admin'))!;
    const edit = async (title: string, content: string, base: number | null) => {
      const outcome = await editPage(admin, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: base }, '192.0.2.4');
      if (outcome.status === 'conflict') throw new Error('unexpected conflict');
      return outcome.revisionId;
    };
    const note = await edit('Template:Upgrade note', 'Noted after the upgrade.', null);
    const ecpat = (await getArticle(parseTitle('ECPAT')))!;
    const oldText = (await getRevision(ecpat.revision.id))!.text!;
    const withNote = await edit('ECPAT', `${oldText}\n\n{{Upgrade note}}`, ecpat.revision.id);
    expect((await getArticle(parseTitle('ECPAT')))!.html).toContain('Noted after the upgrade.');

    await edit('Template:Upgrade note', 'Noted again, in other words.', note);
    const worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5 });
    try {
      const deadline = Date.now() + 30_000;
      while ((await pendingRerenders(parseTitle('Template:Upgrade note'))) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await worker.stop();
    }
    expect((await getArticle(parseTitle('ECPAT')))!.html).toContain('Noted again, in other words.');
    expect((await getRevisionWithRendering(withNote))!.html).toContain('Noted after the upgrade.');
  });

  it('adds empty watchlists and default preferences; a fan follows an old page and sees an edit to it', async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { editPage } = await import('@/lib/server/edit-page');
    const { getArticle } = await import('@/lib/server/article-page');
    const { getRevision } = await import('@/lib/server/revisions');
    const { getWatchlistChanges, watchPage } = await import('@/lib/server/watchlist');
    const { getPreferences } = await import('@/lib/server/preferences');
    const { DEFAULT_PREFERENCES } = await import('@/lib/domain/preferences');
    const query = async <T>(sql: string) => (await withDatabase(db.url, (c) => c.query(sql))).rows as T[];

    // An account of the last release that did nothing since the upgrade (the others' edits and
    // uploads above watched their pages): nothing watched, no feed token, preferences at their defaults.
    // Blocked, too: a block does not take a watchlist away.
    expect(await query("SELECT 1 FROM watchlist w JOIN users u ON u.id = w.user_id WHERE u.name = 'Release blocked'")).toEqual([]);
    expect(await query<{ preferences: unknown; watchlist_token: string | null }>("SELECT preferences, watchlist_token FROM users WHERE name = 'Release blocked'")).toEqual([
      { preferences: {}, watchlist_token: null },
    ]);
    const fan = (await loadActorByName('Release blocked'))!;
    expect(await getPreferences(fan.userId!)).toEqual(DEFAULT_PREFERENCES);

    await watchPage(fan, parseTitle('ECPAT'), 'infinite');
    const admin = (await loadActorByName('Release admin'))!;
    const ecpat = (await getArticle(parseTitle('ECPAT')))!;
    const text = (await getRevision(ecpat.revision.id))!.text!;
    const outcome = await editPage(
      admin,
      { title: parseTitle('ECPAT'), content: `${text}\n\nWatched after the upgrade.`, summary: 'for the watchers', minor: false, baseRevisionId: ecpat.revision.id },
      '192.0.2.5',
    );
    if (outcome.status === 'conflict') throw new Error('unexpected conflict');
    const watchlist = await getWatchlistChanges(fan, { days: 30, hideMinor: false, hideOwn: false, allChanges: false, limit: 50 });
    expect(watchlist.rows.map((row) => [row.title.prefixedText, row.revisionId, row.unseen])).toEqual([['ECPAT', outcome.revisionId, true]]);
  });

  it("adds the notifications table, empty, and the revision-events queue; a message on an old account's talk page reaches it once", async () => {
    const { parseTitle } = await import('@/lib/domain/titles');
    const { loadActorByName } = await import('@/lib/server/actors');
    const { editPage } = await import('@/lib/server/edit-page');
    const { handleRevisionEvents } = await import('@/lib/server/notifications/revision-events');
    const { unreadSummary } = await import('@/lib/server/notifications/store');
    const query = async <T>(sql: string, values: unknown[] = []) => (await withDatabase(db.url, (c) => c.query(sql, values))).rows as T[];

    expect((await query<{ name: string }>("SELECT name FROM pgboss.queue WHERE name = 'revision-events'")).length).toBe(1);
    const fan = (await loadActorByName('Release fan'))!;
    const admin = (await loadActorByName('Release admin'))!;
    expect(await unreadSummary(fan.userId!)).toEqual({ count: 0, talk: false });

    const outcome = await editPage(
      admin,
      { title: parseTitle('User talk:Release fan'), content: 'Welcome back after the upgrade. ~~~~', summary: 'hello', minor: false, baseRevisionId: null },
      '192.0.2.6',
    );
    if (outcome.status === 'conflict') throw new Error('unexpected conflict');
    const jobs = await query<{ data: Parameters<typeof handleRevisionEvents>[0] }>(
      "SELECT data FROM pgboss.job WHERE name = 'revision-events' AND (data->>'revisionId')::int = $1",
      [outcome.revisionId],
    );
    expect(jobs).toHaveLength(1);
    expect(await handleRevisionEvents(jobs[0]!.data)).toBe(1);
    expect(await handleRevisionEvents(jobs[0]!.data)).toBe(0);
    expect(await unreadSummary(fan.userId!)).toEqual({ count: 1, talk: true });
  });

  it('adds revision_sources, empty; a wikitext page imported into the upgraded wiki keeps its original, and a full export carries it', async () => {
    const { getDb } = await import('@/lib/server/db');
    const { importWiki } = await import('@/lib/server/backup/import');
    const { exportWiki } = await import('@/lib/server/backup/export');
    const { sha1Base36, sha1Hex } = await import('@/lib/domain/mediawiki-xml');
    const query = async <T>(sql: string) => (await withDatabase(db.url, (c) => c.query(sql))).rows as T[];
    expect(await query('SELECT * FROM revision_sources')).toEqual([]);

    const wikitext = "'''Moved''' here from [[ECPAT|the old wiki]].";
    const dump = `<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11">
  <page><title>Moved from Fandom</title><ns>0</ns><id>90001</id>
    <revision><id>90001</id><timestamp>2020-05-01T10:00:00Z</timestamp><contributor><username>Fandom fan</username><id>77</id></contributor>
      <model>wikitext</model><format>text/x-wiki</format><text bytes="${Buffer.byteLength(wikitext)}" xml:space="preserve">${wikitext}</text><sha1>${sha1Base36(sha1Hex(wikitext))}</sha1></revision>
  </page>
</mediawiki>`;
    const summary = await importWiki(
      getDb(),
      async function* () {
        yield dump;
      },
      { overwrite: false },
    );
    expect(summary.report.wikitextRevisions).toBe(1);
    const [row] = await query<{ text: string; source: string; old_pages: number }>(
      `SELECT c.text, s.text AS source, (SELECT count(*)::int FROM pages WHERE id < 90001) AS old_pages
       FROM revisions r JOIN contents c ON c.id = r.content_id JOIN revision_sources s ON s.revision_id = r.id WHERE r.id = 90001`,
    );
    expect(row).toMatchObject({ source: wikitext });
    expect(row!.text).toMatch(/^\*\*Moved\*\* here from \[\[ECPAT\|the old wiki\]\]\.\n?$/);
    expect(row!.old_pages).toBeGreaterThan(0);

    let exported = '';
    await exportWiki(getDb(), async (chunk) => void (exported += chunk), { full: true, generator: 'upgrade test', dbName: 'test' });
    expect(exported).toContain(`<fw:source model="wikitext" xml:space="preserve">${wikitext}</fw:source>`);
  });

  it('adds the bot flag, the revert marks and bot passwords, all empty; an old account becomes a bot and its bot signs in to api.php and edits an old talk page', async () => {
    const { loadActorByName } = await import('@/lib/server/actors');
    const { createBotPassword } = await import('@/lib/server/bot-passwords');
    const { POST } = await import('@/app/w/api.php/route');
    const { getDb } = await import('@/lib/server/db');
    const query = async <T>(sql: string) => (await withDatabase(db.url, (c) => c.query(sql))).rows as T[];
    expect(await query('SELECT count(*)::int AS n FROM users WHERE is_bot')).toEqual([{ n: 0 }]);
    expect(await query('SELECT count(*)::int AS n FROM revisions WHERE bot OR reverted OR reverts')).toEqual([{ n: 0 }]);
    expect(await query('SELECT * FROM bot_passwords')).toEqual([]);

    // The old account is put in the bot group, as `npm run wiki -- user:bot` does, and makes a bot password.
    await getDb().user.update({ where: { name: 'Release fan' }, data: { isBot: true } });
    const fan = (await loadActorByName('Release fan'))!;
    expect(fan.bot).toBe(true);
    const issued = await createBotPassword(fan, { appId: 'upgrade', grants: ['basic', 'highvolume', 'editpage'] });

    // The bot's own conversation with api.php: login token, login, csrf token, edit.
    let cookies = '';
    const api = async (params: Record<string, string>) => {
      const response = await POST(
        new Request('http://wiki.test/w/api.php', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
          body: new URLSearchParams({ format: 'json', formatversion: '2', ...params }),
        }),
      );
      for (const cookie of response.headers.getSetCookie()) cookies = `${cookies}; ${cookie.split(';')[0]}`;
      return (await response.json()) as Record<string, Record<string, unknown>>;
    };
    const { logintoken } = (await api({ action: 'query', meta: 'tokens', type: 'login' })).query!.tokens as { logintoken: string };
    expect((await api({ action: 'login', lgname: issued.loginName, lgpassword: issued.password, lgtoken: logintoken })).login).toMatchObject({
      result: 'Success',
      lgusername: 'Release fan',
    });
    const { csrftoken } = (await api({ action: 'query', meta: 'tokens' })).query!.tokens as { csrftoken: string };
    const edit = await api({
      action: 'edit',
      title: 'Talk:Upgrade fixture',
      appendtext: '\n\nA bot was here after the upgrade.',
      summary: 'bot test',
      bot: '1',
      token: csrftoken,
    });
    expect(edit.edit, JSON.stringify(edit)).toMatchObject({ result: 'Success', oldrevid: expect.any(Number) });
    const [row] = await query<{ bot: boolean; parent_id: number }>(`SELECT bot, parent_id FROM revisions WHERE id = ${Number(edit.edit!.newrevid)}`);
    // Marked bot, and on top of the old page's history.
    expect(row).toEqual({ bot: true, parent_id: edit.edit!.oldrevid });
    expect(Number(edit.edit!.oldrevid)).toBeGreaterThanOrEqual(5003);
  });
});
