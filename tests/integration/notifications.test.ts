// Who each notification kind reaches (docs/notifications.md, "What notifies whom"), exactly once:
// revision events are run by hand from the job the save queued (no worker), twice, to prove a
// retried job delivers nothing new; rights and blocks notify in their own transaction.
import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { prepareUndo, restoreRevision, rollback } from '@/lib/server/revert';
import { blockUser, unblockUser } from '@/lib/server/blocks';
import { changeUserRole } from '@/lib/server/user-rights';
import { handleRevisionEvents, type RevisionEventsJob } from '@/lib/server/notifications/revision-events';
import { blockFormSchema, unblockFormSchema } from '@/lib/domain/blocks';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Notified ${process.pid} ${Date.now()} ${++n}`, password: 'notifications passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function latestId(title: string): Promise<number | null> {
  const { namespace, dbKey } = parseTitle(title);
  const page = await getDb().page.findUnique({ where: { namespace_title: { namespace, title: dbKey } }, select: { latestRevisionId: true } });
  return page?.latestRevisionId ?? null;
}

async function save(by: Actor, title: string, content: string, undo?: { undoId: number; undoAfterId: number | null }): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: await latestId(title), undo }, '127.0.0.1');
  if (outcome.status !== 'saved' && outcome.status !== 'merged') throw new Error(`unexpected ${outcome.status}`);
  return outcome.revisionId;
}

async function queuedJob(revisionId: number): Promise<RevisionEventsJob | null> {
  const rows = await getDb().$queryRaw<{ data: RevisionEventsJob }[]>`
    SELECT data FROM pgboss.job WHERE name = 'revision-events' AND data->>'revisionId' = ${String(revisionId)}`;
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0]?.data ?? null;
}

/** Runs the revision's queued job twice, as a retried job would be; the second run must deliver nothing. */
async function runEvents(revisionId: number): Promise<number> {
  const job = await queuedJob(revisionId);
  expect(job, `no job queued for revision ${revisionId}`).not.toBeNull();
  const delivered = await handleRevisionEvents(job!);
  expect(await handleRevisionEvents(job!)).toBe(0);
  return delivered;
}

async function inbox(
  user: Actor,
): Promise<{ kind: string; agent_id: number | null; namespace: number | null; title: string | null; params: Record<string, unknown>; event_key: string }[]> {
  return getDb().$queryRaw`SELECT kind, agent_id, namespace, title, params, event_key FROM notifications WHERE user_id = ${user.userId} ORDER BY id`;
}

const kinds = async (user: Actor) => (await inbox(user)).map((row) => row.kind);
const userPage = (user: Actor) => user.name!.replaceAll(' ', '_');

describe('revision notifications', () => {
  it('tells a user once when someone else writes on their talk page, and nobody when they write there themselves', async () => {
    const [a, b] = [await actor(), await actor()];
    const talk = `User talk:${a.name}`;
    expect(await runEvents(await save(b, talk, 'Hello there'))).toBe(1);
    expect(await runEvents(await save(a, talk, 'Hello there\n\nThanks!'))).toBe(0);
    const rows = await inbox(a);
    expect(rows).toEqual([expect.objectContaining({ kind: 'edit-user-talk', agent_id: b.userId, namespace: 3, title: userPage(a) })]);
    expect(await kinds(b)).toEqual([]);
  });

  it('does not tell a recipient who turned that kind off', async () => {
    const [a, b] = [await actor(), await actor()];
    await getDb().user.update({ where: { id: a.userId! }, data: { preferences: { notifyUserTalk: false } } });
    expect(await runEvents(await save(b, `User talk:${a.name}`, 'Anyone home?'))).toBe(0);
    expect(await kinds(a)).toEqual([]);
  });

  it('tells a user linked in a signed talk comment, but not from an unsigned edit or an article', async () => {
    const [b, c] = [await actor(), await actor()];
    const talk = `Talk:${uniqueTitle('Mention')}`;
    expect(await runEvents(await save(b, talk, `Pinging [[User:${c.name}]] about this. ~~~~`))).toBe(1);
    expect(await inbox(c)).toEqual([expect.objectContaining({ kind: 'mention', agent_id: b.userId, namespace: 1 })]);

    const [d, e] = [await actor(), await actor()];
    const unsigned = await save(b, `Talk:${uniqueTitle('Unsigned')}`, `What does [[User:${d.name}]] think?`);
    if ((await queuedJob(unsigned)) !== null) expect(await runEvents(unsigned)).toBe(0);
    // An article adding only a user link: no one could be notified, so no job at all.
    expect(await queuedJob(await save(b, uniqueTitle('Article'), `Written by [[User:${e.name}]]. ~~~~`))).toBeNull();
    expect([...(await kinds(d)), ...(await kinds(e))]).toEqual([]);
  });

  it('tells the author whose edits a rollback reverted, once', async () => {
    const [a, b, admin] = [await actor(), await actor(), await actor('admin')];
    const title = uniqueTitle('Rolled back');
    await save(a, title, 'good text');
    await save(b, title, 'vandalism');
    const latest = await save(b, title, 'more vandalism');
    const { revisionId } = await rollback(admin, (await getDb().revision.findUniqueOrThrow({ where: { id: latest } })).pageId, latest);
    expect(await runEvents(revisionId)).toBe(1);
    expect(await inbox(b)).toEqual([expect.objectContaining({ kind: 'reverted', agent_id: admin.userId, params: { revertedRevisionId: latest } })]);
    expect(await kinds(a)).toEqual([]);
  });

  it('tells the authors of undone revisions (undo and undoafter range), never the one undoing', async () => {
    const [a, b, c] = [await actor(), await actor(), await actor()];
    const title = uniqueTitle('Undone');
    await save(a, title, 'one\n\ntwo\n\nthree');
    const r2 = await save(b, title, 'ONE\n\ntwo\n\nthree');
    const undo = await prepareUndo(parseTitle(title), r2, null);
    if (!undo.clean) throw new Error('undo not clean');
    const r3 = await save(a, title, undo.text, { undoId: r2, undoAfterId: null });
    expect(await runEvents(r3)).toBe(1);
    expect(await kinds(b)).toEqual(['reverted']);

    await save(b, title, 'one\n\nTWO\n\nthree');
    const r5 = await save(c, title, 'one\n\nTWO\n\nTHREE');
    const range = await prepareUndo(parseTitle(title), r5, r3, a);
    if (!range.clean) throw new Error('undo not clean');
    expect(await runEvents(await save(c, title, range.text, { undoId: r5, undoAfterId: r3 }))).toBe(1); // c undid their own edit too
    expect(await kinds(b)).toEqual(['reverted', 'reverted']);
    expect(await kinds(c)).toEqual([]);
    expect(await kinds(a)).toEqual([]);
  });

  it('tells the authors whose revisions a restore discards', async () => {
    const [a, b] = [await actor(), await actor()];
    const title = uniqueTitle('Restored');
    const r1 = await save(a, title, 'original');
    await save(b, title, 'changed');
    const outcome = await restoreRevision(a, r1, '127.0.0.1');
    if (outcome.status === 'conflict') throw new Error('conflict');
    expect(await runEvents(outcome.revisionId)).toBe(1);
    expect(await kinds(b)).toEqual(['reverted']);
  });

  it("tells a page's creator once when another page links it, and nobody for one's own page", async () => {
    const [a, b] = [await actor(), await actor()];
    const target = uniqueTitle('Linked');
    await save(a, target, 'a page');
    const from = uniqueTitle('Linking');
    expect(await runEvents(await save(b, from, `See [[${target}]].`))).toBe(1);
    await save(b, from, 'Link removed.');
    expect(await runEvents(await save(b, from, `See [[${target}]] again.`))).toBe(0);
    expect(await inbox(a)).toEqual([expect.objectContaining({ kind: 'page-linked', agent_id: b.userId, namespace: 0, title: parseTitle(target).dbKey })]);

    const own = uniqueTitle('Own');
    await save(b, own, 'mine');
    expect(await runEvents(await save(b, uniqueTitle('Linking own'), `See [[${own}]].`))).toBe(0);
    expect(await kinds(b)).toEqual([]);
  });

  it('queues nothing for an ordinary article edit that adds no links', async () => {
    const a = await actor();
    const title = uniqueTitle('Plain');
    expect(await queuedJob(await save(a, title, 'plain text'))).toBeNull();
    expect(await queuedJob(await save(a, title, 'plain text, edited'))).toBeNull();
  });
});

describe('rights and block notifications', () => {
  it('tells a user once when their groups change', async () => {
    const [admin, target] = [await actor('admin'), await actor()];
    const change = await changeUserRole(admin, userRightsSchema.parse({ target: target.name, role: 'admin', reason: 'elected' }));
    await changeUserRole(admin, userRightsSchema.parse({ target: target.name, role: 'registered', reason: 'term ended' }));
    const rows = await inbox(target);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'user-rights',
        agent_id: admin.userId,
        namespace: 2,
        title: userPage(target),
        params: { added: ['admin'], removed: [] },
        event_key: `user-rights:${change.logId}`,
      }),
      expect.objectContaining({ kind: 'user-rights', params: { added: [], removed: ['admin'] } }),
    ]);
  });

  it('tells a user when they are blocked, reblocked and unblocked', async () => {
    const [admin, target] = [await actor('admin'), await actor()];
    const block = (reason: string) => blockFormSchema.parse({ target: target.name, expiry: 'infinite', reason, scope: 'sitewide', pages: '' });
    const first = await blockUser(admin, block('Spam'));
    await blockUser(admin, block('Still spam'));
    const lifted = await unblockUser(admin, unblockFormSchema.parse({ target: target.name, reason: 'Appeal accepted' }));
    expect(await inbox(target)).toEqual([
      expect.objectContaining({
        kind: 'blocked',
        agent_id: admin.userId,
        namespace: 2,
        title: userPage(target),
        params: { reason: 'Spam', expiry: null, sitewide: true },
        event_key: `blocked:${first.logId}`,
      }),
      expect.objectContaining({ kind: 'blocked', params: { reason: 'Still spam', expiry: null, sitewide: true } }),
      expect.objectContaining({ kind: 'unblocked', params: { reason: 'Appeal accepted' }, event_key: `unblocked:${lifted.logId}` }),
    ]);
  });
});
