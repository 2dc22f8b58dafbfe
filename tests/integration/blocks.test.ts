import { uniqueTitle } from '../support/database';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { pagePath, readJson, restRequest, sessionCookie } from '../support/rest-client';
import { PUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { POST } from '@/app/w/rest.php/v1/page/route';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { loadActor } from '@/lib/server/actors';
import { activeBlockOf, blockUser, listActiveBlocks, unblockUser } from '@/lib/server/blocks';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { addTopic } from '@/lib/server/add-topic';
import { restoreRevision } from '@/lib/server/revert';
import { getDb } from '@/lib/server/db';
import { blockFormSchema, unblockFormSchema } from '@/lib/domain/blocks';
import { isAppError } from '@/lib/domain/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

// lib/server/auth.ts reads the secret when it is first imported: set it before any import runs.
const SECRET = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'blocks-test-secret-0123456789abcdef';
  return process.env.NEXTAUTH_SECRET;
});

let users = 0;
async function newAccount(admin = false) {
  users += 1;
  const name = `Block tester ${process.pid} ${Date.now().toString(36)} ${users}`;
  return createAccount({ username: name, password: `Plover-Quartz-${users}-lantern-orbit-9431`, admin }, null);
}

/** The actor as the next request would see it (role and block read fresh). */
async function actorOf(id: number): Promise<Actor> {
  const actor = await loadActor(id);
  if (!actor) throw new Error('no actor');
  return actor;
}

async function create(actor: Actor, title: string, text = 'text'): Promise<number> {
  const outcome = await editPage(actor, { title: parseTitle(title), content: text, summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('conflict');
  return outcome.revisionId;
}

const block = (target: string, extra: Record<string, string> = {}) =>
  blockFormSchema.parse({ target, expiry: '1 week', reason: 'Persistent vandalism', scope: 'sitewide', pages: '', ...extra });

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error) && error.code, (error as Error).message).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

let admin: Actor;
beforeAll(async () => {
  admin = await actorOf((await newAccount(true)).id);
});

describe('blocking users', () => {
  it('stops a sitewide-blocked user from editing, moving, adding topics and restoring, saying why and until when', async () => {
    const account = await newAccount();
    const title = uniqueTitle('Blocked target');
    const first = await create(await actorOf(account.id), title, 'one');
    await create(await actorOf(account.id), `Talk:${title}`, 'talk');

    const outcome = await blockUser(admin, block(account.name));
    expect(outcome.action).toBe('block');

    const blocked = await actorOf(account.id);
    expect(blocked.blocked).toMatchObject({ reason: 'Persistent vandalism', sitewide: true });
    const why = /You are blocked from editing until \d+ \w+ \d{4}: Persistent vandalism/;
    await expectAppError(editPage(blocked, { title: parseTitle(title), content: 'vandal', summary: '', minor: false, baseRevisionId: first }, '127.0.0.1'), 'FORBIDDEN', why);
    await expectAppError(create(blocked, uniqueTitle('New page by blocked')), 'FORBIDDEN', why);
    await expectAppError(
      movePage(blocked, { from: parseTitle(title), to: parseTitle(uniqueTitle('Moved')), reason: '', leaveRedirect: true, moveTalk: false }),
      'FORBIDDEN',
      why,
    );
    await expectAppError(addTopic(blocked, { title: parseTitle(`Talk:${title}`), subject: 'Hi', content: 'hello' }, '127.0.0.1'), 'FORBIDDEN', why);
    await expectAppError(restoreRevision(blocked, first, '127.0.0.1'), 'FORBIDDEN', why);

    const page = await getDb().page.findUniqueOrThrow({ where: { namespace_title: { namespace: 0, title: parseTitle(title).dbKey } }, include: { latestRevision: true } });
    expect(page.latestRevision!.id).toBe(first);

    const listed = (await listActiveBlocks()).find((entry) => entry.user.id === account.id);
    expect(listed).toMatchObject({ by: { id: admin.userId, name: admin.name }, sitewide: true, reason: 'Persistent vandalism', pageTitles: [] });

    const log = await getDb().logEntry.findUniqueOrThrow({ where: { id: outcome.logId } });
    expect(log).toMatchObject({
      type: 'block',
      action: 'block',
      actorId: admin.userId,
      namespace: 2,
      title: account.name.replaceAll(' ', '_'),
      comment: 'Persistent vandalism',
    });
    expect(log.params).toMatchObject({ sitewide: true, pageIds: [], pageTitles: [], expiresAt: listed!.expiresAt!.toISOString() });
  });

  it('applies at the very next REST request, with an API token and with a session cookie, and the 403 says why', async () => {
    const account = await newAccount();
    const { token } = await createApiToken(account.id, 'bot');
    const cookie = await sessionCookie({ id: account.id, name: account.name, sessionVersion: account.sessionVersion, token, tokenId: 0 }, SECRET);
    const title = uniqueTitle('Rest blocked');
    const created = await POST(restRequest('/page', { method: 'POST', token, json: { title, source: 'one', comment: '' } }));
    expect(created.status).toBe(201);
    const latest = (await readJson<{ latest: { id: number } }>(created)).latest.id;

    await blockUser(admin, block(account.name, { expiry: 'infinite', reason: 'Spam bot' }));

    const withToken = await PUT(restRequest(pagePath(title), { method: 'PUT', token, json: { source: 'spam', comment: '', latest: { id: latest } } }));
    expect(withToken.status).toBe(403);
    const body = await readJson<{ errorKey: string; messageTranslations: { en: string } }>(withToken);
    expect(body.errorKey).toBe('rest-permission-denied');
    expect(body.messageTranslations.en).toBe('You are blocked from editing indefinitely: Spam bot');

    const withCookie = await POST(
      restRequest('/page', { method: 'POST', json: { title: uniqueTitle('Cookie page'), source: 'x', comment: '' }, headers: { cookie, origin: 'http://wiki.test' } }),
    );
    expect(withCookie.status).toBe(403);
    expect((await readJson<{ messageTranslations: { en: string } }>(withCookie)).messageTranslations.en).toContain('Spam bot');

    // Unblocked: the same token and cookie work again at once.
    await unblockUser(admin, unblockFormSchema.parse({ target: account.name, reason: 'Owner fixed the bot' }));
    const again = await PUT(restRequest(pagePath(title), { method: 'PUT', token, json: { source: 'fixed', comment: '', latest: { id: latest } } }));
    expect(again.status).toBe(200);
    const cookieAgain = await POST(
      restRequest('/page', { method: 'POST', json: { title: uniqueTitle('Cookie page'), source: 'x', comment: '' }, headers: { cookie, origin: 'http://wiki.test' } }),
    );
    expect(cookieAgain.status).toBe(201);
  });

  it('blocks a partial block only on the listed pages', async () => {
    const account = await newAccount();
    const editor = await actorOf(account.id);
    const listedTitle = uniqueTitle('Partial listed');
    const otherTitle = uniqueTitle('Partial other');
    const listedRevision = await create(editor, listedTitle);
    const otherRevision = await create(editor, otherTitle);

    const outcome = await blockUser(admin, block(account.name, { scope: 'partial', pages: `${listedTitle}\n` }));
    const blocked = await actorOf(account.id);
    expect(blocked.blocked).toMatchObject({ sitewide: false });

    await expectAppError(
      editPage(blocked, { title: parseTitle(listedTitle), content: 'changed', summary: '', minor: false, baseRevisionId: listedRevision }, '127.0.0.1'),
      'FORBIDDEN',
      /You are blocked from editing this page until .*: Persistent vandalism/,
    );
    const other = await editPage(blocked, { title: parseTitle(otherTitle), content: 'changed', summary: '', minor: false, baseRevisionId: otherRevision }, '127.0.0.1');
    expect(other.status).toBe('saved');
    await create(blocked, uniqueTitle('Partial new page'));

    const log = await getDb().logEntry.findUniqueOrThrow({ where: { id: outcome.logId } });
    expect(log.params).toMatchObject({ sitewide: false, pageTitles: [listedTitle] });
    expect((await listActiveBlocks()).find((entry) => entry.user.id === account.id)?.pageTitles).toEqual([listedTitle]);
  });

  it('ignores an expired block: it stops nothing, is not listed, and a new block is not a reblock', async () => {
    const account = await newAccount();
    await getDb().block.create({
      data: { userId: account.id, byId: admin.userId!, reason: 'old', expiresAt: new Date(Date.now() - 60_000), sitewide: true },
    });
    expect(await activeBlockOf(account.id)).toBeNull();
    const actor = await actorOf(account.id);
    expect(actor.blocked).toBeNull();
    await create(actor, uniqueTitle('After expiry'));
    expect((await listActiveBlocks()).some((entry) => entry.user.id === account.id)).toBe(false);
    await expectAppError(unblockUser(admin, unblockFormSchema.parse({ target: account.name, reason: 'x' })), 'VALIDATION', /is not blocked/);

    const again = await blockUser(admin, block(account.name));
    expect(again.action).toBe('block');
    expect(await getDb().block.count({ where: { userId: account.id } })).toBe(1);
  });

  it('changes an active block as a reblock, and unblocking restores editing and is logged', async () => {
    const account = await newAccount();
    await blockUser(admin, block(account.name));
    const changed = await blockUser(admin, block(account.name, { expiry: 'infinite', reason: 'Worse' }));
    expect(changed.action).toBe('reblock');
    expect(await activeBlockOf(account.id)).toEqual({ reason: 'Worse', expiresAt: null, sitewide: true, pageIds: [] });

    const lifted = await unblockUser(admin, unblockFormSchema.parse({ target: account.name.toLowerCase(), reason: 'Appeal accepted' }));
    expect(lifted.userName).toBe(account.name);
    const actor = await actorOf(account.id);
    expect(actor.blocked).toBeNull();
    await create(actor, uniqueTitle('After unblock'));

    const actions = await getDb().logEntry.findMany({ where: { type: 'block', title: account.name.replaceAll(' ', '_') }, orderBy: { id: 'asc' } });
    expect(actions.map((entry) => [entry.action, entry.comment])).toEqual([
      ['block', 'Persistent vandalism'],
      ['reblock', 'Worse'],
      ['unblock', 'Appeal accepted'],
    ]);
  });

  it('refuses non-admins, self-blocks, unknown users and unknown pages with a clear message, writing nothing', async () => {
    const account = await newAccount();
    const other = await newAccount();
    const logsBefore = await getDb().logEntry.count({ where: { type: 'block' } });

    await expectAppError(blockUser(await actorOf(account.id), block(other.name)), 'FORBIDDEN', /only administrators can/);
    await expectAppError(blockUser(ANONYMOUS, block(other.name)), 'UNAUTHENTICATED', /sign in/);
    await expectAppError(unblockUser(await actorOf(account.id), unblockFormSchema.parse({ target: other.name, reason: 'x' })), 'FORBIDDEN');
    await expectAppError(blockUser(admin, block(admin.name!)), 'VALIDATION', /cannot block yourself/);
    await expectAppError(blockUser(admin, block('Nobody with this name 123')), 'NOT_FOUND', /There is no user named "Nobody with this name 123"/);
    await expectAppError(blockUser(admin, block(other.name, { scope: 'partial', pages: uniqueTitle('Missing page') })), 'VALIDATION', /The page ".*" does not exist/);

    expect(await activeBlockOf(other.id)).toBeNull();
    expect(await getDb().logEntry.count({ where: { type: 'block' } })).toBe(logsBefore);
  });
});
