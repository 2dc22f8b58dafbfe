import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { findHistoryPage, getContributions, getPageHistory } from '@/lib/server/history';
import { getRevision, getRevisionWithRendering } from '@/lib/server/revisions';
import { resolveComparison } from '@/lib/server/compare';
import { prepareUndo, restoreRevision } from '@/lib/server/revert';
import { getRevisionEndpoint } from '@/lib/server/rest/revision';
import { GET as restPageGET, PUT as restPagePUT } from '@/app/w/rest.php/v1/page/[...path]/route';
import { deletePage } from '@/lib/server/deletion';
import { deletePageSchema } from '@/lib/domain/deletion';
import { newEditor, pagePath, readJson, restRequest, type TestEditor } from '../support/rest-client';
import { getDb } from '@/lib/server/db';
import { GET as historyFeedGET } from '@/app/w/feeds/history/[...title]/route';
import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { encodeTitleForUrl, parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { HIDDEN_TEXT_MESSAGE, REMOVED_SUMMARY, REMOVED_USER } from '@/lib/domain/visibility';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered', prefix = 'Hider'): Promise<Actor> {
  const account = await createAccount({ username: `${prefix} ${process.pid} ${Date.now()} ${++n}`, password: 'hiding tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null, summary: string): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary, minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

function hide(revisionId: number, parts: { text?: boolean; summary?: boolean; author?: boolean }, seenHidden = 0) {
  return revisionVisibilitySchema.parse({
    revisionId: String(revisionId),
    hideText: parts.text ? 'on' : '',
    hideSummary: parts.summary ? 'on' : '',
    hideAuthor: parts.author ? 'on' : '',
    reason: 'personal attack',
    seenHidden: String(seenHidden),
  });
}

const rest = (path: string) => getRevisionEndpoint(new Request(`http://wiki.test/w/rest.php/v1/revision${path}`));

/** A page with an abusive middle revision: returns [r1, abusive, r3]. */
async function pageWithAbuse() {
  const [editor, vandal, admin] = [await actor(), await actor('registered', 'Vandal'), await actor('admin')];
  const title = uniqueTitle('Abused');
  const r1 = await save(editor, title, 'good text', null, 'start');
  const bad = await save(vandal, title, 'ABUSIVE TEXT', r1, 'insulting summary');
  const r3 = await save(editor, title, 'good text again', bad, 'revert');
  return { editor, vandal, admin, title, r1, bad, r3 };
}

describe('hiding revisions', () => {
  it('hides a summary and author from readers everywhere they appear; admins see them', async () => {
    const { editor, vandal, admin, title, bad } = await pageWithAbuse();
    await setRevisionVisibility(admin, hide(bad, { summary: true, author: true }));

    const forReader = await getRevision(bad, editor);
    expect(forReader!.revision.summary).toBe(REMOVED_SUMMARY);
    expect(forReader!.revision.author).toEqual({ id: 0, name: REMOVED_USER });
    expect(forReader!.text).toBe('ABUSIVE TEXT');
    const forAdmin = await getRevision(bad, admin);
    expect(forAdmin!.revision).toMatchObject({ summary: 'insulting summary', author: { name: vandal.name } });
    expect(forAdmin!.revision.visibility!.hidden).toEqual({ text: false, summary: true, author: true });

    const pageId = (await findHistoryPage(parseTitle(title)))!.id;
    const row = (await getPageHistory(pageId, { limit: 10 })).rows.find((r) => r.revisionId === bad)!;
    expect([row.summary, row.author.name]).toEqual([REMOVED_SUMMARY, REMOVED_USER]);
    // The vandal's contributions do not reveal the edit to readers.
    expect((await getContributions(vandal.userId!, { limit: 10 })).rows).toHaveLength(0);
    expect((await getContributions(vandal.userId!, { limit: 10 }, admin)).rows.map((r) => r.revisionId)).toEqual([bad]);

    const json = (await (await rest(`/${bad}`)).json()) as { comment: string; user: { id: number | null; name: string } };
    expect(json.comment).toBe(REMOVED_SUMMARY);
    expect(json.user).toEqual({ id: null, name: REMOVED_USER });

    const feed = await (
      await historyFeedGET(new Request(`http://wiki.test/w/feeds/history/${encodeTitleForUrl(parseTitle(title).prefixedDbKey)}`), {
        params: Promise.resolve({ title: [encodeTitleForUrl(parseTitle(title).prefixedDbKey)] }),
      })
    ).text();
    expect(feed).toContain(REMOVED_USER);
    expect(feed).not.toContain('insulting summary');
    expect(feed).not.toContain(vandal.name!);

    const log = await getDb().logEntry.findFirst({ where: { type: 'delete', action: 'revision', actorId: admin.userId }, orderBy: { id: 'desc' } });
    expect(log).toMatchObject({ comment: 'personal attack', params: { revisionId: bad, hiddenBefore: 0, hiddenAfter: 6 } });
  });

  it('withholds a hidden text by id (permalink, diff, REST, undo, restore) and unhides it', async () => {
    const { editor, admin, title, r1, bad, r3 } = await pageWithAbuse();
    await setRevisionVisibility(admin, hide(bad, { text: true }));

    const permalink = await getRevisionWithRendering(bad, editor);
    expect(permalink!.text).toBeNull();
    expect(permalink!.html).toBe('');
    expect(permalink!.revision.visibility!.withheld.text).toBe(true);
    expect((await getRevisionWithRendering(bad, admin))!.html).toContain('ABUSIVE TEXT');
    await expect(resolveComparison(bad, r1, editor)).rejects.toMatchObject({ code: 'FORBIDDEN', message: HIDDEN_TEXT_MESSAGE });
    expect((await resolveComparison(bad, r1, admin)).newer.text).toBe('ABUSIVE TEXT');
    await expect(prepareUndo(parseTitle(title), r3, null, editor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(restoreRevision(editor, bad, '127.0.0.1')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    for (const path of [`/${bad}`, `/${bad}/html`, `/${r1}/compare/${bad}`]) {
      const response = await rest(path);
      expect(response.status, path).toBe(403);
      expect(await response.text()).toContain('text has been hidden');
    }
    expect((await rest(`/${bad}/bare`)).status).toBe(200);

    // Unhide: the next request sees it again.
    await setRevisionVisibility(admin, hide(bad, {}, 1));
    expect((await getRevision(bad, ANONYMOUS))!.text).toBe('ABUSIVE TEXT');
    expect((await rest(`/${bad}`)).status).toBe(200);
  });

  it("refuses to hide the current revision's text, non-admins, stale forms and no-op changes", async () => {
    const { editor, admin, bad, r3 } = await pageWithAbuse();
    await expect(setRevisionVisibility(admin, hide(r3, { text: true }))).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/current revision/) });
    await setRevisionVisibility(admin, hide(r3, { summary: true }));
    await expect(setRevisionVisibility(editor, hide(bad, { text: true }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await setRevisionVisibility(admin, hide(bad, { author: true }));
    // A second admin who loaded the form before the first one's change.
    await expect(setRevisionVisibility(admin, hide(bad, { text: true }, 0))).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
    await expect(setRevisionVisibility(admin, hide(bad, { author: true }, 4))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(revisionVisibilitySchema.safeParse({ revisionId: String(bad), reason: '' }).success).toBe(false);
  });
});

/*
 * An edit based on a revision is merged against that revision's text. Were that done with a text
 * the editor may not see, the answer would confirm guesses of it: a right guess merges cleanly
 * (200), a wrong one overlaps (409). Such a save is an edit conflict with the current text,
 * whatever was guessed; administrators, who may see the text, merge as before.
 */
describe('a hidden or archived revision as the base of an edit', () => {
  const ORIGINAL = 'a\nb\nc\nd\ne';
  const SECRET = 'a\nSECRET 1234\nc\nd\ne';
  // Both guesses also change the last line, which nobody else touched.
  const RIGHT_GUESS = 'a\nSECRET 1234\nc\nd\nE';
  const WRONG_GUESS = 'a\nSECRET 9999\nc\nd\nE';

  /** A page whose middle revision (the SECRET) has its text hidden, reverted by the latest one. */
  async function pageWithHiddenSecret() {
    const [editor, vandal, admin] = [await actor(), await actor('registered', 'Vandal'), await actor('admin')];
    const title = uniqueTitle('Hidden base');
    const r1 = await save(editor, title, ORIGINAL, null, 'start');
    const secret = await save(vandal, title, SECRET, r1, 'leak');
    const r3 = await save(editor, title, ORIGINAL, secret, 'revert');
    await setRevisionVisibility(admin, hide(secret, { text: true }));
    return { editor, admin, title, secret, r3 };
  }

  const put = (by: TestEditor, title: string, source: string, latest: number) =>
    restPagePUT(restRequest(pagePath(title), { method: 'PUT', token: by.token, json: { source, comment: 'guess', latest: { id: latest } } }));

  async function currentSource(title: string): Promise<string> {
    return (await readJson<{ source: string }>(await restPageGET(restRequest(pagePath(title))))).source;
  }

  it('REST: a right and a wrong guess of a hidden text get the same 409, and nothing is saved', async () => {
    const { title, secret, r3 } = await pageWithHiddenSecret();
    const guesser = await newEditor();
    const right = await put(guesser, title, RIGHT_GUESS, secret);
    const wrong = await put(guesser, title, WRONG_GUESS, secret);
    const [rightBody, wrongBody] = [await right.text(), await wrong.text()];
    expect({ status: right.status, body: rightBody }).toEqual({ status: wrong.status, body: wrongBody });
    expect(right.status).toBe(409);
    expect(JSON.parse(rightBody)).toMatchObject({ errorKey: 'editconflict' });
    expect(rightBody).toContain(`latest revision ${r3}`);
    expect(await currentSource(title)).toBe(ORIGINAL);
  });

  it('edit path: both guesses come back as a conflict with the current text, the typed text kept', async () => {
    const { title, secret, r3 } = await pageWithHiddenSecret();
    const guesser = await actor('registered', 'Guesser');
    const outcomes = [];
    for (const guess of [RIGHT_GUESS, WRONG_GUESS]) {
      outcomes.push(await editPage(guesser, { title: parseTitle(title), content: guess, summary: '', minor: false, baseRevisionId: secret }, '127.0.0.1'));
    }
    expect(outcomes).toEqual([
      { status: 'conflict', currentRevisionId: r3, currentText: ORIGINAL, yourText: RIGHT_GUESS },
      { status: 'conflict', currentRevisionId: r3, currentText: ORIGINAL, yourText: WRONG_GUESS },
    ]);
  });

  it('an administrator, who may see the hidden text, still gets the merge', async () => {
    const { admin, title, secret } = await pageWithHiddenSecret();
    const outcome = await editPage(admin, { title: parseTitle(title), content: RIGHT_GUESS, summary: '', minor: false, baseRevisionId: secret }, '127.0.0.1');
    expect(outcome.status).toBe('merged');
    expect(await currentSource(title)).toBe('a\nb\nc\nd\nE');
  });

  it('REST: the archived revisions of a deleted and recreated page answer the same 409 to every guess', async () => {
    const [editor, admin] = [await actor(), await actor('admin')];
    const title = uniqueTitle('Archived base');
    const r1 = await save(editor, title, ORIGINAL, null, 'start');
    const archived = await save(editor, title, SECRET, r1, 'leak');
    await deletePage(admin, deletePageSchema.parse({ title, reason: 'leak', latestRevisionId: String(archived) }));
    await save(editor, title, ORIGINAL, null, 'recreated');
    const guesser = await newEditor();
    const right = await put(guesser, title, RIGHT_GUESS, archived);
    const wrong = await put(guesser, title, WRONG_GUESS, archived);
    const rightBody = await right.text();
    expect({ status: right.status, body: rightBody }).toEqual({ status: wrong.status, body: await wrong.text() });
    expect(right.status).toBe(409);
    // Nor does the answer tell an archived revision from one that never existed.
    const NEVER = 2_000_000_000;
    const never = await put(guesser, title, RIGHT_GUESS, NEVER);
    expect({ status: never.status, body: (await never.text()).replaceAll(String(NEVER), String(archived)) }).toEqual({ status: 409, body: rightBody });
    expect(await currentSource(title)).toBe(ORIGINAL);
  });
});
