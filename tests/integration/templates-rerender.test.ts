import { uniqueTitle } from '../support/database';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { deletePage } from '@/lib/server/deletion';
import { getArticle } from '@/lib/server/pages';
import { getRevisionWithRendering } from '@/lib/server/revisions';
import { getDb } from '@/lib/server/db';
import { savePage } from '@/lib/server/save-page';
import { renderPageText } from '@/lib/server/templates/render-page';
import { bossOptions, pendingRerenders, RERENDER_PAGE_QUEUE } from '@/lib/server/templates/queue';
import { startRerenderWorker, type RerenderWorker } from '@/lib/server/templates/worker';
import { deletePageSchema } from '@/lib/domain/deletion';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

/*
 * Pages follow their templates (docs/templates.md "Storage, re-rendering and the queue"): saving,
 * moving or deleting a template queues every page using it, directly or through another template,
 * and the worker renders each again, stores its current rendering and drops its cached copies,
 * while ?oldid= permalinks keep the rendering of their own time. The production server's page
 * cache is replaced by a recorder under its global handle.
 */
const HANDLE = Symbol.for('wiki.pageCache');
let invalidated: string[] = [];
(globalThis as Record<symbol, unknown>)[HANDLE] = {
  invalidate: (paths: readonly string[]) => invalidated.push(...paths),
  clear: () => {},
  limitLifetime: () => {},
};
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[HANDLE];
});

let worker: RerenderWorker | null = null;
beforeEach(() => {
  invalidated = [];
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
});

let users = 0;
async function admin(): Promise<Actor> {
  const account = await createAccount({ username: `Templater ${process.pid} ${Date.now()} ${++users}`, password: 'template tests passphrase', admin: true }, null);
  return { userId: account.id, name: account.name, role: 'admin', createdAt: new Date(Date.now() - 40 * 86_400_000), editCount: 50, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null = null): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

const html = async (title: string) => (await getArticle(parseTitle(title)))!.html;
const pending = (title: string) => pendingRerenders(parseTitle(title));

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function templateLinksOf(title: string): Promise<string[]> {
  const t = parseTitle(title);
  const rows = await getDb().$queryRaw<{ link: string }[]>`
    SELECT l.to_namespace || ':' || l.to_title AS link FROM template_links l JOIN pages p ON p.id = l.from_page_id
    WHERE p.namespace = ${t.namespace} AND p.title = ${t.dbKey} ORDER BY 1`;
  return rows.map((row) => row.link);
}

describe('pages follow the templates they use', () => {
  it('re-renders every user of an edited template, also through an intermediate template; permalinks stay as they were', async () => {
    const editor = await admin();
    const name = uniqueTitle('Greeting');
    const greeting = `Template:${name}`;
    const wrapper = `Template:${uniqueTitle('Wrapper')}`;
    const direct = uniqueTitle('Direct user');
    const indirect = uniqueTitle('Indirect user');
    const first = await save(editor, greeting, 'Hello from the first version.');
    await save(editor, wrapper, `Before. {{${name}}} After.`);
    const directRevision = await save(editor, direct, `{{${name}}}`);
    await save(editor, indirect, `{{${wrapper}}}`);
    expect(await html(direct)).toContain('Hello from the first version.');
    expect(await html(indirect)).toContain('Hello from the first version.');
    // Kept in the save transaction: the indirect user records both templates.
    expect(await templateLinksOf(indirect)).toEqual([`10:${parseTitle(greeting).dbKey}`, `10:${parseTitle(wrapper).dbKey}`].sort());

    await save(editor, greeting, 'Hello from the second version.', first);
    // Queued with the save: the direct user, the indirect one and the wrapper's own page.
    expect(await pending(greeting)).toBe(3);
    invalidated = [];
    worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5 });
    await until(async () => (await pending(greeting)) === 0, 'the queue to drain');

    expect(await html(direct)).toContain('Hello from the second version.');
    expect(await html(indirect)).toContain('Hello from the second version.');
    expect(await html(wrapper)).toContain('Hello from the second version.');
    expect(invalidated).toEqual(expect.arrayContaining([titleToUrlPath(parseTitle(direct)), titleToUrlPath(parseTitle(indirect))]));
    // The Main Page lists edits, and a re-rendering is none.
    expect(invalidated).not.toContain('/wiki/Main_Page');
    // The permalink shows the page as it was rendered when saved.
    const permalink = await getRevisionWithRendering(directRevision);
    expect(permalink!.html).toContain('Hello from the first version.');
    expect(permalink!.html).not.toContain('second version');
  });

  it('starts at once on a template saved by this process, without waiting for the next poll of the queue', async () => {
    const editor = await admin();
    const name = uniqueTitle('Prompt');
    const first = await save(editor, `Template:${name}`, 'Prompt first version.');
    const user = uniqueTitle('Prompt user');
    await save(editor, user, `{{${name}}}`);
    // A poll a minute: only the wake after the save's COMMIT can explain a re-rendering within seconds.
    worker = await startRerenderWorker({ pollingIntervalSeconds: 60 });
    await until(async () => (await pending(`Template:${name}`)) === 0, 'the worker to start');
    await save(editor, `Template:${name}`, 'Prompt second version.', first);
    await until(async () => (await html(user)).includes('Prompt second version.'), 'the user of the template to be rendered again', 20_000);
  });

  it('re-renders the users of a template that is moved away (red link) or deleted, and of the title it moved to', async () => {
    const editor = await admin();
    const oldName = uniqueTitle('Movable');
    const newName = uniqueTitle('Moved');
    const doomed = uniqueTitle('Doomed');
    const user = uniqueTitle('Move user');
    const waiting = uniqueTitle('Waiting user');
    const deletedUser = uniqueTitle('Deletion user');
    await save(editor, `Template:${oldName}`, 'Text of the movable template.');
    await save(editor, `Template:${doomed}`, 'Text of the doomed template.');
    await save(editor, user, `{{${oldName}}}`);
    await save(editor, waiting, `{{${newName}}}`);
    const deletedRevision = await save(editor, deletedUser, `{{${doomed}}}`);
    expect(await html(waiting)).not.toContain('Text of the movable template.');

    const latest = (await getArticle(parseTitle(`Template:${doomed}`)))!.revision.id;
    worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5 });
    await movePage(editor, { from: parseTitle(`Template:${oldName}`), to: parseTitle(`Template:${newName}`), reason: '', leaveRedirect: false, moveTalk: false });
    await deletePage(editor, deletePageSchema.parse({ title: `Template:${doomed}`, reason: 'unused', latestRevisionId: String(latest) }));

    await until(async () => (await html(waiting)).includes('Text of the movable template.'), 'the page asking for the new title to show it');
    await until(async () => !(await html(user)).includes('Text of the movable template.'), 'the page using the old title to lose it');
    await until(async () => !(await html(deletedUser)).includes('Text of the doomed template.'), 'the user of the deleted template to lose it');
    // A missing template is a red link to its page, as MediaWiki shows it.
    expect(await html(deletedUser)).toMatch(new RegExp(`<a href="${titleToUrlPath(parseTitle(`Template:${doomed}`))}\\?action=edit[^"]*redlink=1" class="wikilink new"`));
    expect((await getRevisionWithRendering(deletedRevision))!.html).toContain('Text of the doomed template.');
  });

  it('keeps queued jobs across a restart, and retries the jobs of an instance killed in the middle of a batch', async () => {
    const editor = await admin();
    const name = uniqueTitle('Busy');
    const template = `Template:${name}`;
    const base = await save(editor, template, 'Busy version one.');
    const users = [];
    for (let i = 0; i < 30; i += 1) {
      const title = uniqueTitle(`Busy user ${i}`);
      // Straight through savePage: thirty edits in a row would meet the edit throttle.
      await savePage({ title: parseTitle(title), text: `{{${name}}}`, summary: '', minor: false, authorId: editor.userId!, baseRevisionId: null });
      users.push(title);
    }
    await save(editor, template, 'Busy version two.', base);
    expect(await pending(template)).toBe(30);

    // One page per job, so that the stop lands mid-queue; stopping fails the running job, which is retried.
    worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5, batchSize: 1 });
    await until(async () => (await pending(template)) < 30, 'the first pages to be rendered again');
    await worker.stop({ graceful: false });
    worker = null;
    expect(await pending(template)).toBeGreaterThan(3);

    // An instance killed in the middle of a batch: its jobs stay "active" until they expire (2 min;
    // aged here instead of waited for), then the next maintenance pass fails them for a retry.
    const PgBoss = (await import('pg-boss')).default;
    const killed = new PgBoss(bossOptions());
    const taken = await killed.fetch<{ pageId: number }>(RERENDER_PAGE_QUEUE, { batchSize: 3 });
    expect(taken).toHaveLength(3);
    await getDb().$executeRaw`UPDATE pgboss.job SET started_on = now() - interval '1 hour' WHERE id = ANY(${taken.map((job) => job.id)}::uuid[])`;

    worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5, maintenanceIntervalSeconds: 1 });
    // Failed jobs wait out their retry delay (5 to 10 s) before the new worker takes them.
    await until(async () => (await pending(template)) === 0, 'the new worker to drain the queue', 60_000);
    const retried = await getDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE id = ANY(${taken.map((job) => job.id)}::uuid[]) AND state = 'completed' AND retry_count > 0`;
    expect(retried[0]!.n).toBe(3);
    for (const title of users) expect(await html(title)).toContain('Busy version two.');
  }, 90_000);

  it('queues a page whose save rendered a template that changed before the save committed', async () => {
    const editor = await admin();
    const name = uniqueTitle('Racing');
    const base = await save(editor, `Template:${name}`, 'Racing text, old.');
    const page = parseTitle(uniqueTitle('Racing user'));
    // The page's rendering is made (and the template read) before the template's edit commits…
    const rendering = renderPageText(page, `{{${name}}}`);
    await rendering;
    await save(editor, `Template:${name}`, 'Racing text, new.', base);
    // …so the template's fan-out could not know the page yet; the page's own save queues it.
    await savePage({ title: page, text: `{{${name}}}`, summary: '', minor: false, authorId: editor.userId!, baseRevisionId: null, rendering });
    expect(await html(page.prefixedText)).toContain('Racing text, old.');
    expect(await pending(`Template:${name}`)).toBe(1);
    worker = await startRerenderWorker({ pollingIntervalSeconds: 0.5 });
    await until(async () => (await html(page.prefixedText)).includes('Racing text, new.'), 'the page to follow the template');
  });

  it('the derived-data rebuild after an upgrade shows the current templates on the article, not on its permalink', async () => {
    const editor = await admin();
    const name = uniqueTitle('Rebuilt');
    const base = await save(editor, `Template:${name}`, 'Rebuilt text, old.');
    const user = uniqueTitle('Rebuilt user');
    const revision = await save(editor, user, `{{${name}}}`);
    // Changed behind the queue's back (no worker runs in this test): only the rebuild renders it again.
    await save(editor, `Template:${name}`, 'Rebuilt text, new.', base);
    expect(await html(user)).toContain('Rebuilt text, old.');
    const { rebuildDerivedData } = await import('@/lib/server/derived/rebuild');
    await rebuildDerivedData();
    expect(await html(user)).toContain('Rebuilt text, new.');
    expect((await getRevisionWithRendering(revision))!.html).toContain('Rebuilt text, old.');
  });

  it('a save that changes nothing a template gives does not disturb other pages, and a template nobody uses queues nothing', async () => {
    const editor = await admin();
    const lonely = `Template:${uniqueTitle('Lonely')}`;
    await save(editor, lonely, 'Nobody uses me.');
    const jobs = await getDb().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'template-changed' AND singleton_key = ${`10:${parseTitle(lonely).dbKey}`}`;
    expect(jobs[0]!.n).toBe(0);
    expect(await pending(lonely)).toBe(0);
  });
});
