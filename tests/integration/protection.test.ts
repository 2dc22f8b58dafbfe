import { uniqueTitle } from '../support/database';
import { describe, expect, it, vi } from 'vitest';
import { newEditor, pagePath, readJson, restRequest } from '../support/rest-client';
import { PUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { addTopic } from '@/lib/server/add-topic';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editAuthorizer, getPageProtection, pageAccessFor, protectionFormState, protectPage } from '@/lib/server/protection';
import { savePage } from '@/lib/server/save-page';
import { isAppError } from '@/lib/domain/errors';
import { protectFormSchema, PROTECTION_CHANGED_MESSAGE, type ProtectInput } from '@/lib/domain/protection';
import { parseTitle } from '@/lib/domain/titles';
import { talkTitleOf } from '@/lib/domain/talk';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= 'protection-test-secret-0123456789abcdef';
});

let users = 0;
async function newActor(kind: 'registered' | 'autoconfirmed' | 'admin'): Promise<Actor> {
  users += 1;
  const account = await createAccount(
    { username: `Protector ${process.pid} ${Date.now().toString(36)} ${users}`, password: 'correct horse battery staple', admin: kind === 'admin' },
    null,
  );
  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  return {
    userId: account.id,
    name: account.name,
    role: kind === 'admin' ? 'admin' : 'registered',
    createdAt: kind === 'autoconfirmed' ? old : new Date(),
    editCount: kind === 'autoconfirmed' ? 50 : 0,
    blocked: null,
  };
}

async function createPage(actor: Actor, title: string, content = 'First version.'): Promise<number> {
  const outcome = await editPage(actor, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('conflict');
  return outcome.revisionId;
}

function edit(actor: Actor, title: string, baseRevisionId: number, content = `Changed ${Math.random()}`) {
  return editPage(actor, { title: parseTitle(title), content, summary: 'change', minor: false, baseRevisionId }, '127.0.0.1');
}

/** The input the protect form would send for the page's current state. */
async function protectInput(title: string, levels: { edit?: string; move?: string; expiry?: string }, reason = 'Vandalism'): Promise<ProtectInput> {
  const state = await protectionFormState(parseTitle(title));
  return protectFormSchema.parse({
    title,
    editLevel: levels.edit ?? 'none',
    moveLevel: levels.move ?? 'none',
    editExpiry: levels.expiry ?? 'infinite',
    moveExpiry: levels.expiry ?? 'infinite',
    reason,
    baseToken: state?.token ?? '',
  });
}

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp | string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error) && error.code, String(error)).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected ${code}`);
}

async function protectLog(pageId: number) {
  return getDb().logEntry.findMany({ where: { type: 'protect', pageId }, orderBy: { id: 'asc' } });
}

describe('page protection', () => {
  it('keeps registered users from editing and moving an admin-protected page, and logs the protection', async () => {
    const [admin, editor] = await Promise.all([newActor('admin'), newActor('autoconfirmed')]);
    const title = uniqueTitle('Protected page');
    const revisionId = await createPage(editor, title);

    const result = await protectPage(admin, await protectInput(title, { edit: 'admin', move: 'admin', expiry: '1 week' }, 'Edit warring'));
    expect(result.logAction).toBe('protect');

    await expectAppError(edit(editor, title, revisionId), 'FORBIDDEN', 'This page is protected: only administrators can edit it.');
    await expectAppError(
      movePage(editor, { from: parseTitle(title), to: parseTitle(uniqueTitle('Protected target')), reason: 'x', leaveRedirect: true, moveTalk: false }),
      'FORBIDDEN',
      'This page is protected: only administrators can move it.',
    );
    await expectAppError(addTopic(editor, { title: parseTitle(title), subject: 'Hi', content: 'Hello' }, '127.0.0.1'), 'FORBIDDEN', /protected/);
    // Administrators still edit.
    expect((await edit(admin, title, revisionId)).status).toBe('saved');

    const [entry] = await protectLog(result.pageId);
    expect(entry).toMatchObject({ type: 'protect', action: 'protect', actorId: admin.userId, comment: 'Edit warring' });
    const params = entry!.params as { edit: { level: string; expiresAt: string }; move: { level: string; expiresAt: string } };
    expect(params.edit.level).toBe('admin');
    expect(params.move.level).toBe('admin');
    expect(new Date(params.edit.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);

    const access = await pageAccessFor(editor, result.pageId);
    expect(access).toMatchObject({ mayEdit: false, mayProtect: false });
    expect(access.lock).toMatchObject({ kind: 'editAndMove', level: 'admin' });
    expect(access.lock?.expiresAt).toBeInstanceOf(Date);
  });

  it('lets autoconfirmed users through autoconfirmed protection, and not new accounts', async () => {
    const [admin, newcomer, regular] = await Promise.all([newActor('admin'), newActor('registered'), newActor('autoconfirmed')]);
    const title = uniqueTitle('Semi-protected page');
    const revisionId = await createPage(regular, title);
    await protectPage(admin, await protectInput(title, { edit: 'autoconfirmed' }));

    await expectAppError(edit(newcomer, title, revisionId), 'FORBIDDEN', 'This page is protected: only autoconfirmed users can edit it.');
    expect((await edit(regular, title, revisionId)).status).toBe('saved');
    // Only editing was protected: the newcomer may still move it.
    const moved = await movePage(newcomer, { from: parseTitle(title), to: parseTitle(uniqueTitle('Semi moved')), reason: 'rename', leaveRedirect: false, moveTalk: false });
    expect(moved.page.pageId).toBeGreaterThan(0);
  });

  it('lets an expired protection protect nothing', async () => {
    const [admin, editor] = await Promise.all([newActor('admin'), newActor('registered')]);
    const title = uniqueTitle('Expired protection');
    const revisionId = await createPage(editor, title);
    const state = await protectionFormState(parseTitle(title));
    await getDb().pageProtection.create({
      data: { pageId: state!.pageId, action: 'edit', level: 'admin', expiresAt: new Date(Date.now() - 1000), reason: 'old', byId: admin.userId! },
    });
    expect(await getPageProtection(state!.pageId)).toEqual({});
    expect((await pageAccessFor(editor, state!.pageId)).lock).toBeNull();
    expect((await edit(editor, title, revisionId)).status).toBe('saved');
    // Protecting again replaces the stale row.
    await protectPage(admin, await protectInput(title, { edit: 'registered' }));
    expect((await getPageProtection(state!.pageId)).edit?.level).toBe('registered');
  });

  it('lets only administrators protect, and only existing pages', async () => {
    const [admin, editor] = await Promise.all([newActor('admin'), newActor('autoconfirmed')]);
    const title = uniqueTitle('Not theirs to protect');
    await createPage(editor, title);
    const input = await protectInput(title, { edit: 'admin' });
    await expectAppError(protectPage(editor, input), 'FORBIDDEN', 'You cannot change page protection: only administrators can.');
    await expectAppError(protectPage(ANONYMOUS, input), 'UNAUTHENTICATED');
    expect(await protectionFormState(parseTitle(title))).toMatchObject({ protection: {} });

    const missing = uniqueTitle('Missing page');
    await expectAppError(protectPage(admin, await protectInput(missing, { edit: 'admin' })), 'NOT_FOUND', /protects existing pages only/);
  });

  it('refuses a change made on top of settings that changed meanwhile, and logs modify and unprotect', async () => {
    const [first, second] = await Promise.all([newActor('admin'), newActor('admin')]);
    const title = uniqueTitle('Contested protection');
    await createPage(first, title);
    const seenByBoth = await protectInput(title, { edit: 'admin' });
    const secondForm = { ...(await protectInput(title, { edit: 'autoconfirmed' })), baseToken: seenByBoth.baseToken };

    const done = await protectPage(first, seenByBoth);
    await expectAppError(protectPage(second, secondForm), 'EDIT_CONFLICT', PROTECTION_CHANGED_MESSAGE);
    expect((await getPageProtection(done.pageId)).edit?.level).toBe('admin');

    await expectAppError(protectPage(second, await protectInput(title, { edit: 'admin' })), 'VALIDATION', /Nothing to change/);
    expect((await protectPage(second, await protectInput(title, { edit: 'admin', move: 'admin' }))).logAction).toBe('modify');
    expect((await protectPage(second, await protectInput(title, {}, 'Calm again'))).logAction).toBe('unprotect');
    expect(await getPageProtection(done.pageId)).toEqual({});
    expect((await protectLog(done.pageId)).map((entry) => [entry.action, entry.params])).toEqual([
      ['protect', { edit: { level: 'admin', expiresAt: null } }],
      ['modify', { edit: { level: 'admin', expiresAt: null }, move: { level: 'admin', expiresAt: null } }],
      ['unprotect', {}],
    ]);
  });

  it('leaves a move-protected talk page behind with a warning when the article moves', async () => {
    const [admin, mover] = await Promise.all([newActor('admin'), newActor('autoconfirmed')]);
    const title = uniqueTitle('Article with talk');
    await createPage(mover, title);
    const talk = talkTitleOf(parseTitle(title))!;
    await createPage(mover, talk.prefixedText);
    await protectPage(admin, await protectInput(talk.prefixedText, { move: 'admin' }));

    const result = await movePage(mover, { from: parseTitle(title), to: parseTitle(uniqueTitle('Article moved')), reason: 'rename', leaveRedirect: true, moveTalk: true });
    expect(result.talk).toBeNull();
    expect(result.talkWarning).toMatch(/protected/);
  });

  it('checks protection again under the page lock, so an early check cannot be raced past', async () => {
    const [admin, editor] = await Promise.all([newActor('admin'), newActor('registered')]);
    const title = uniqueTitle('Raced protection');
    const revisionId = await createPage(editor, title);
    // As if the editor's early check had passed just before the protection was committed.
    await protectPage(admin, await protectInput(title, { edit: 'admin' }));
    const save = savePage({
      title: parseTitle(title),
      text: 'Slipped in',
      summary: '',
      minor: false,
      authorId: editor.userId!,
      baseRevisionId: revisionId,
      authorize: editAuthorizer(editor),
    });
    await expectAppError(save, 'FORBIDDEN', 'This page is protected: only administrators can edit it.');
    const page = await protectionFormState(parseTitle(title));
    expect(await getDb().revision.count({ where: { pageId: page!.pageId } })).toBe(1);
  });

  it('answers 403 to a REST edit of a protected page', async () => {
    const [admin, editor] = await Promise.all([newActor('admin'), newEditor()]);
    const title = uniqueTitle('Rest protected');
    const actor: Actor = { userId: editor.id, name: editor.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
    const revisionId = await createPage(actor, title);
    await protectPage(admin, await protectInput(title, { edit: 'autoconfirmed' }));

    const response = await PUT(restRequest(pagePath(title), { method: 'PUT', token: editor.token, json: { source: 'Vandalism', comment: 'x', latest: { id: revisionId } } }));
    const body = await readJson<{ errorKey: string; messageTranslations: { en: string } }>(response);
    expect(response.status).toBe(403);
    expect(body.errorKey).toBe('rest-permission-denied');
    expect(body.messageTranslations.en).toBe('This page is protected: only autoconfirmed users can edit it.');
  });
});
