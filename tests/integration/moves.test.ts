import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { addTopic } from '@/lib/server/add-topic';
import { decideRedirectView, redirectChain } from '@/lib/server/redirects';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { isAppError } from '@/lib/domain/errors';
import { NS, parseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

let userCounter = 0;
async function newUser(autoconfirmed: boolean): Promise<Actor> {
  userCounter += 1;
  const account = await createAccount({ username: `Mover ${process.pid} ${Date.now()} ${userCounter}`, password: 'correct horse battery staple' }, null);
  const old = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: autoconfirmed ? old : new Date(), editCount: autoconfirmed ? 50 : 0, blocked: null };
}

async function create(actor: Actor, title: string, content: string): Promise<number> {
  const outcome = await editPage(actor, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('conflict');
  return outcome.revisionId;
}

async function pageRow(title: string | ParsedTitle) {
  const t = typeof title === 'string' ? parseTitle(title) : title;
  return getDb().page.findUnique({
    where: { namespace_title: { namespace: t.namespace, title: t.dbKey } },
    include: { latestRevision: { include: { content: true } }, redirect: true },
  });
}

async function expectAppError(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(isAppError(error) && error.code).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected an error');
}

describe('moving pages', () => {
  it('moves the page with its history, leaves a redirect, moves the talk page and logs the move', async () => {
    const mover = await newUser(true);
    const from = uniqueTitle('Move source');
    const to = uniqueTitle('Move target');
    const first = await create(mover, from, 'one');
    const second = await editPage(mover, { title: parseTitle(from), content: 'two', summary: '', minor: false, baseRevisionId: first }, '127.0.0.1');
    await create(mover, `Talk:${from}`, 'talk text');
    const before = await pageRow(from);

    const result = await movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: 'better name', leaveRedirect: true, moveTalk: true });

    const moved = await pageRow(to);
    expect(moved!.id).toBe(before!.id);
    expect(moved!.latestRevision!.content.text).toBe('two');
    const history = await getDb().revision.findMany({ where: { pageId: moved!.id }, orderBy: { id: 'asc' } });
    expect(history.map((r) => r.id).slice(0, 2)).toEqual([first, (second as { revisionId: number }).revisionId]);
    expect(history).toHaveLength(3);
    expect(history[2]!.summary).toBe(`${mover.name} moved page [[${from}]] to [[${to}]]: better name`);
    expect(history[2]!.parentId).toBe(history[1]!.id);

    const redirect = await pageRow(from);
    expect(redirect!.id).not.toBe(moved!.id);
    expect(redirect!.isRedirect).toBe(true);
    expect(redirect!.latestRevision!.content.text).toBe(`#REDIRECT [[${to}]]`);
    expect(redirect!.latestRevision!.authorId).toBe(mover.userId);
    expect(redirect!.redirect).toMatchObject({ namespace: NS.MAIN, title: parseTitle(to).dbKey });

    expect(result.talk).not.toBeNull();
    expect((await pageRow(`Talk:${to}`))!.latestRevision!.content.text).toBe('talk text');
    expect((await pageRow(`Talk:${from}`))!.isRedirect).toBe(true);

    const logs = await getDb().logEntry.findMany({ where: { type: 'move', actorId: mover.userId }, orderBy: { id: 'asc' } });
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatchObject({ action: 'move', namespace: NS.MAIN, title: parseTitle(from).dbKey, pageId: moved!.id, comment: 'better name' });
    expect(logs[0]!.params).toMatchObject({ target: to });
    expect(logs[1]).toMatchObject({ namespace: NS.TALK, title: parseTitle(from).dbKey });
  });

  it('moves without a redirect when asked, leaving the old title free', async () => {
    const mover = await newUser(true);
    const from = uniqueTitle('No redirect');
    const to = uniqueTitle('No redirect target');
    await create(mover, from, 'text');
    await movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: '', leaveRedirect: false, moveTalk: true });
    expect(await pageRow(from)).toBeNull();
    expect((await pageRow(to))!.latestRevision!.content.text).toBe('text');
  });

  it('refuses a target that exists, and errors for same title, missing page and permissions', async () => {
    const mover = await newUser(true);
    const from = uniqueTitle('Refused source');
    const to = uniqueTitle('Refused target');
    await create(mover, from, 'a');
    await create(mover, to, 'b');
    await expectAppError(movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: '', leaveRedirect: true, moveTalk: true }), 'VALIDATION', /already exists/);
    expect((await pageRow(from))!.latestRevision!.content.text).toBe('a');
    expect((await pageRow(to))!.latestRevision!.content.text).toBe('b');

    await expectAppError(movePage(mover, { from: parseTitle(from), to: parseTitle(from), reason: '', leaveRedirect: true, moveTalk: true }), 'BAD_TITLE');
    await expectAppError(
      movePage(mover, { from: parseTitle(uniqueTitle('Missing')), to: parseTitle(uniqueTitle()), reason: '', leaveRedirect: true, moveTalk: true }),
      'NOT_FOUND',
    );
    await expectAppError(movePage(ANONYMOUS, { from: parseTitle(from), to: parseTitle(uniqueTitle()), reason: '', leaveRedirect: true, moveTalk: true }), 'UNAUTHENTICATED');
    const blocked = { ...(await newUser(false)), blocked: { reason: 'vandalism', expiresAt: null, sitewide: true, pageIds: [] } };
    await expectAppError(movePage(blocked, { from: parseTitle(from), to: parseTitle(uniqueTitle()), reason: '', leaveRedirect: true, moveTalk: true }), 'FORBIDDEN');
    const latest = (await pageRow(from))!.latestRevisionId;
    await expectAppError(
      movePage(mover, { from: parseTitle(from), to: parseTitle(uniqueTitle()), reason: '', leaveRedirect: true, moveTalk: true, expectedLatestRevisionId: latest! - 1 }),
      'EDIT_CONFLICT',
    );
  });

  it('replaces a redirect with a single revision at the target (e.g. moving a page back)', async () => {
    const mover = await newUser(true);
    const a = uniqueTitle('Back and forth A');
    const b = uniqueTitle('Back and forth B');
    await create(mover, a, 'content');
    await movePage(mover, { from: parseTitle(a), to: parseTitle(b), reason: '', leaveRedirect: true, moveTalk: true });
    const redirectAtA = await pageRow(a);
    const result = await movePage(mover, { from: parseTitle(b), to: parseTitle(a), reason: 'undo', leaveRedirect: true, moveTalk: true });
    expect(result.page.deletedRedirectPageId).toBe(redirectAtA!.id);
    expect((await pageRow(a))!.latestRevision!.content.text).toBe('content');
    expect((await pageRow(b))!.latestRevision!.content.text).toBe(`#REDIRECT [[${a}]]`);

    // A redirect with more than one revision is a real page: refused.
    const c = uniqueTitle('Edited redirect');
    const first = await create(mover, c, `#REDIRECT [[${a}]]`);
    await editPage(mover, { title: parseTitle(c), content: `#REDIRECT [[${b}]]`, summary: '', minor: false, baseRevisionId: first }, '127.0.0.1');
    await expectAppError(movePage(mover, { from: parseTitle(a), to: parseTitle(c), reason: '', leaveRedirect: true, moveTalk: true }), 'VALIDATION');
  });

  it('keeps the talk page where it is when the target talk page exists, with a warning', async () => {
    const mover = await newUser(true);
    const from = uniqueTitle('Talk blocked');
    const to = uniqueTitle('Talk blocked target');
    await create(mover, from, 'x');
    await create(mover, `Talk:${from}`, 'old talk');
    await create(mover, `Talk:${to}`, 'existing talk');
    const result = await movePage(mover, { from: parseTitle(from), to: parseTitle(to), reason: '', leaveRedirect: true, moveTalk: true });
    expect(result.talk).toBeNull();
    expect(result.talkWarning).toMatch(/already exists/);
    expect((await pageRow(`Talk:${from}`))!.latestRevision!.content.text).toBe('old talk');
  });
});

describe('titles no page may be stored at', () => {
  it('refuses Special: as a move target with 400 saying what to fix, and leaves the page where it was', async () => {
    const mover = await newUser(true);
    const from = uniqueTitle('Move to special');
    await create(mover, from, 'text');
    await expectAppError(
      movePage(mover, { from: parseTitle(from), to: parseTitle('Special:UserLogin'), reason: '', leaveRedirect: true, moveTalk: false }),
      'VALIDATION',
      /"Special:UserLogin" cannot be saved.*without the "Special:" prefix/,
    );
    expect((await pageRow(from))!.latestRevision!.content.text).toBe('text');
    expect(await pageRow('Special:UserLogin')).toBeNull();
  });

  it('refuses to add a topic to a Special: page', async () => {
    const alice = await newUser(false);
    const title = parseTitle(`Special:${uniqueTitle('Topic')}`);
    await expectAppError(addTopic(alice, { title, subject: 'Hi', content: 'there' }, '127.0.0.1'), 'VALIDATION', /cannot be saved/);
    expect(await pageRow(title)).toBeNull();
  });
});

describe('redirects', () => {
  it('keeps the redirects table and is_redirect in step with the text', async () => {
    const editor = await newUser(false);
    const title = uniqueTitle('Redirect sync');
    const first = await create(editor, title, '#REDIRECT [[Somewhere#Part]]');
    expect((await pageRow(title))!.redirect).toMatchObject({ namespace: NS.MAIN, title: 'Somewhere', fragment: 'Part' });
    expect((await pageRow(title))!.isRedirect).toBe(true);
    await editPage(editor, { title: parseTitle(title), content: 'Now an article', summary: '', minor: false, baseRevisionId: first }, '127.0.0.1');
    expect((await pageRow(title))!.redirect).toBeNull();
    expect((await pageRow(title))!.isRedirect).toBe(false);
  });

  it('follows a redirect once, shows double redirects and loops instead of following them', async () => {
    const editor = await newUser(false);
    const target = uniqueTitle('Redirect target');
    const single = uniqueTitle('Single redirect');
    const double = uniqueTitle('Double redirect');
    const self = uniqueTitle('Self redirect');
    const loopA = uniqueTitle('Loop A');
    const loopB = uniqueTitle('Loop B');
    await create(editor, target, 'Article');
    await create(editor, single, `#REDIRECT [[${target}]]`);
    await create(editor, double, `#REDIRECT [[${single}]]`);
    await create(editor, self, `#REDIRECT [[${self}]]`);
    await create(editor, loopA, `#REDIRECT [[${loopB}]]`);
    await create(editor, loopB, `#REDIRECT [[${loopA}]]`);

    expect(await decideRedirectView(parseTitle(target))).toEqual({ kind: 'page' });
    expect(await decideRedirectView(parseTitle(single))).toMatchObject({ kind: 'follow', target: parseTitle(target) });
    expect(await decideRedirectView(parseTitle(single), { noRedirect: true })).toMatchObject({ kind: 'redirect-page', warning: null });
    // /wiki/Double → /wiki/Single?rdfrom=Double: shown, not followed again.
    expect(await decideRedirectView(parseTitle(double))).toMatchObject({ kind: 'follow', target: parseTitle(single) });
    expect(await decideRedirectView(parseTitle(single), { redirectedFrom: parseTitle(double) })).toMatchObject({ kind: 'redirect-page', warning: 'double' });
    expect(await decideRedirectView(parseTitle(self))).toMatchObject({ kind: 'redirect-page', warning: 'self' });
    expect(await decideRedirectView(parseTitle(loopB), { redirectedFrom: parseTitle(loopA) })).toMatchObject({ kind: 'redirect-page', warning: 'loop' });

    expect((await redirectChain(parseTitle(double))).titles.map((t) => t.prefixedText)).toEqual([double, single, target]);
    const loop = await redirectChain(parseTitle(loopA));
    expect(loop.loop).toBe(true);
  });
});

describe('talk pages: add topic', () => {
  it('appends a signed section to the current text, even when someone saved meanwhile', async () => {
    const alice = await newUser(false);
    const bob = await newUser(false);
    const talk = `Talk:${uniqueTitle('Discussion')}`;
    const base = await create(alice, talk, '## Old topic\n\nHello.\n\nSecond paragraph.');
    // Bob loaded the page at `base` and saves an edit; Alice adds a topic from the same base meanwhile.
    const [edit, topic] = await Promise.all([
      editPage(bob, { title: parseTitle(talk), content: '## Old topic\n\nHello, edited.\n\nSecond paragraph.', summary: '', minor: false, baseRevisionId: base }, '127.0.0.1'),
      addTopic(alice, { title: parseTitle(talk), subject: 'New question', content: 'What about ~~~ here?' }, '127.0.0.1'),
    ]);
    expect(edit.status).not.toBe('conflict');
    expect(topic.status === 'saved' || topic.status === 'merged').toBe(true);
    const text = (await pageRow(talk))!.latestRevision!.content.text;
    expect(text).toMatch(/^## Old topic\n\nHello, edited\.\n\nSecond paragraph\.\n\n## New question\n\nWhat about \[\[User:/);
    expect(text).toContain(`[[User:${alice.name}|${alice.name}]] ([[User talk:${alice.name}|talk]]) here?`);
  });

  it('appends after an edit to the very last line, which a section edit from an old base could not merge', async () => {
    const alice = await newUser(false);
    const bob = await newUser(false);
    const talk = `Talk:${uniqueTitle('Busy talk')}`;
    const base = await create(alice, talk, 'Intro');
    // Bob's edit touches the very line the topic is appended after: an edit-form save would conflict.
    await editPage(bob, { title: parseTitle(talk), content: 'Intro, rewritten', summary: '', minor: false, baseRevisionId: base }, '127.0.0.1');
    const topic = await addTopic(alice, { title: parseTitle(talk), subject: 'Q', content: 'A ~~~' }, '127.0.0.1');
    expect(topic.status).toBe('saved');
    expect((await pageRow(talk))!.latestRevision!.content.text).toBe(`Intro, rewritten\n\n## Q\n\nA [[User:${alice.name}|${alice.name}]] ([[User talk:${alice.name}|talk]])`);
  });

  it('signs a topic without a signature and creates the talk page when missing', async () => {
    const alice = await newUser(false);
    const talk = `Talk:${uniqueTitle('Fresh talk')}`;
    const result = await addTopic(alice, { title: parseTitle(talk), subject: 'Hi', content: 'First post' }, '127.0.0.1');
    expect(result.status).toBe('saved');
    const text = (await pageRow(talk))!.latestRevision!.content.text;
    expect(text).toMatch(
      new RegExp(
        `^## Hi\\n\\nFirst post \\[\\[User:${alice.name}\\|${alice.name}\\]\\] \\(\\[\\[User talk:${alice.name}\\|talk\\]\\]\\) \\d\\d:\\d\\d, \\d+ \\w+ \\d{4} \\(UTC\\)$`,
      ),
    );
    expect((await pageRow(talk))!.latestRevision!.summary).toBe('/* Hi */ new section');
  });

  it('expands signatures in ordinary edits', async () => {
    const alice = await newUser(false);
    const title = uniqueTitle('Signed edit');
    await create(alice, title, 'Note ~~~ and `~~~~`');
    expect((await pageRow(title))!.latestRevision!.content.text).toBe(`Note [[User:${alice.name}|${alice.name}]] ([[User talk:${alice.name}|talk]]) and \`~~~~\``);
  });
});
