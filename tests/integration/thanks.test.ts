// Thanks (docs/notifications.md, "Thanks"): thanking an edit's author writes one public log entry
// and one notification, once per thanker and edit, and refuses what MediaWiki's Thanks refuses.
import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { editPage } from '@/lib/server/edit-page';
import { listLogEntries } from '@/lib/server/log-list';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { hasThanked, thankableRevisionIds, thankForRevision } from '@/lib/server/thanks';
import { ensureSystemUser } from '@/lib/server/users';
import { logEntryTextIn } from '@/lib/i18n/log-entry-text';
import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

// Special:Thanks and its Server Action, called as Next calls them: only the request context
// (locale, actor) is stood in for, as in write-form-refusals.test.ts.
const { submitThanks } = await import('@/app/actions/thanks');
const { loadThanksScreen } = await import('@/lib/server/screens/thanks');

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered', prefix = 'Thanker'): Promise<Actor> {
  const account = await createAccount({ username: `${prefix} ${process.pid} ${Date.now()} ${++n}`, password: 'thanks tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

/** A new page by `author`: its first revision's id and title. */
async function editBy(author: Actor): Promise<{ revisionId: number; title: string }> {
  const title = uniqueTitle('Thanked');
  const outcome = await editPage(author, { title: parseTitle(title), content: 'A helpful edit.', summary: 'helping', minor: false, baseRevisionId: null }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return { revisionId: outcome.revisionId, title };
}

async function thanksFor(revisionId: number) {
  const [logs, notifications] = await Promise.all([
    getDb().$queryRaw<{ id: number; actor_id: number; namespace: number; title: string }[]>`
      SELECT id, actor_id, namespace, title FROM log_entries WHERE type = 'thanks' AND params->>'revisionId' = ${String(revisionId)}`,
    getDb().notification.findMany({ where: { kind: 'thank', revisionId } }),
  ]);
  return { logs, notifications };
}

describe('thanking for an edit', () => {
  it('stores one public log entry and notifies the author once', async () => {
    const [author, thanker] = [await actor('registered', 'Author'), await actor()];
    const { revisionId, title } = await editBy(author);

    const edit = await thankForRevision(thanker, revisionId);
    expect(edit.recipient).toEqual({ id: author.userId, name: author.name });
    expect(edit.page.prefixedText).toBe(title);

    const { logs, notifications } = await thanksFor(revisionId);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ actor_id: thanker.userId, namespace: 2, title: author.name!.replaceAll(' ', '_') });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({
      userId: author.userId,
      agentId: thanker.userId,
      namespace: 0,
      title: title.replaceAll(' ', '_'),
      eventKey: `thank:${revisionId}:${thanker.userId}`,
    });
    expect(await hasThanked(thanker.userId!, revisionId)).toBe(true);
  });

  it('refuses a second thanks for the same edit (409) and doubles nothing; another thanker may', async () => {
    const [author, thanker, other] = [await actor('registered', 'Author'), await actor(), await actor()];
    const { revisionId } = await editBy(author);
    await thankForRevision(thanker, revisionId);

    await expect(thankForRevision(thanker, revisionId)).rejects.toMatchObject({
      code: 'EDIT_CONFLICT',
      status: 409,
      message: `You have already thanked ${author.name} for this edit.`,
    });
    // Two at once: the advisory lock lets one through.
    const both = await Promise.allSettled([thankForRevision(other, revisionId), thankForRevision(other, revisionId)]);
    expect(both.filter((result) => result.status === 'fulfilled')).toHaveLength(1);

    const { logs, notifications } = await thanksFor(revisionId);
    expect(logs.map((entry) => entry.actor_id).sort()).toEqual([thanker.userId, other.userId].sort());
    expect(notifications).toHaveLength(2);
  });

  it('refuses thanks for one’s own edit, from signed-out readers, and for edits that do not exist', async () => {
    const author = await actor('registered', 'Author');
    const { revisionId } = await editBy(author);
    await expect(thankForRevision(author, revisionId)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'You cannot thank yourself.' });
    await expect(thankForRevision(ANONYMOUS, revisionId)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(thankForRevision(await actor(), 2_000_000_000)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { logs, notifications } = await thanksFor(revisionId);
    expect(logs).toHaveLength(0);
    expect(notifications).toHaveLength(0);
  });

  it('refuses a blocked thanker', async () => {
    const [author, thanker] = [await actor('registered', 'Author'), await actor()];
    const { revisionId } = await editBy(author);
    const blocked: Actor = { ...thanker, blocked: { reason: 'spam', expiresAt: null, sitewide: true, pageIds: [] } };
    await expect(thankForRevision(blocked, revisionId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses an edit whose author is hidden, for anyone but an administrator', async () => {
    const [author, thanker, admin] = [await actor('registered', 'Author'), await actor(), await actor('admin')];
    const { revisionId, title } = await editBy(author);
    // A second revision: the current one's author cannot be hidden.
    const next = await editPage(author, { title: parseTitle(title), content: 'A second edit.', summary: '', minor: false, baseRevisionId: revisionId }, '127.0.0.1');
    expect(next.status).toBe('saved');
    const hide = { revisionId: String(revisionId), hideText: '', hideSummary: '', hideAuthor: 'on', reason: 'privacy', seenHidden: '0' };
    await setRevisionVisibility(admin, revisionVisibilitySchema.parse(hide));

    await expect(thankForRevision(thanker, revisionId)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/author of this edit has been hidden/) });
    expect(await thankableRevisionIds(thanker, [{ revisionId, author: { id: 0, name: '(username removed)' }, visibility: undefined }])).toEqual([]);
    // An administrator sees the author, and may thank them.
    await thankForRevision(admin, revisionId);
    const { logs, notifications } = await thanksFor(revisionId);
    expect(logs.map((entry) => entry.actor_id)).toEqual([admin.userId]);
    expect(notifications).toHaveLength(1);
  });

  it('offers the thank link only for others’ edits by real accounts', async () => {
    const [author, viewer] = [await actor('registered', 'Author'), await actor()];
    const system = await ensureSystemUser('Wiki import');
    const rows = [
      { revisionId: 1, author: { id: author.userId!, name: author.name! } },
      { revisionId: 2, author: { id: viewer.userId!, name: viewer.name! } },
      { revisionId: 3, author: system },
    ];
    expect(await thankableRevisionIds(viewer, rows)).toEqual([1]);
    expect(await thankableRevisionIds(ANONYMOUS, rows)).toEqual([]);
  });

  it('reads "A thanked B" in Special:Log/thanks, in English and Italian', async () => {
    const [author, thanker] = [await actor('registered', 'Author'), await actor()];
    const { revisionId } = await editBy(author);
    await thankForRevision(thanker, revisionId);

    const { rows } = await listLogEntries({ type: 'thanks', performerId: thanker.userId!, limit: 10 });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.params).toEqual({ revisionId });
    expect(logEntryTextIn('en', rows[0]!)).toBe(`${thanker.name} thanked ${author.name}`);
    expect(logEntryTextIn('it', rows[0]!)).toBe(`${thanker.name} ha ringraziato ${author.name}`);
  });
});

describe('Special:Thanks', () => {
  function form(revisionId: number | string): FormData {
    const data = new FormData();
    data.set('revisionId', String(revisionId));
    return data;
  }

  /** The action's answer: its state, or the address it redirects to (Next's redirect() throws). */
  async function submit(revisionId: number | string): Promise<{ formError?: string } | { redirectTo: string }> {
    try {
      return await submitThanks({ values: {} }, form(revisionId));
    } catch (error) {
      const digest = (error as { digest?: string }).digest ?? '';
      if (!digest.startsWith('NEXT_REDIRECT')) throw error;
      return { redirectTo: digest.split(';')[2]! };
    }
  }

  it('asks for confirmation, sends once, then says the thanks were sent', async () => {
    const [author, thanker] = [await actor('registered', 'Author'), await actor()];
    const { revisionId, title } = await editBy(author);
    request.actor = thanker;
    request.locale = 'en';

    const before = await loadThanksScreen(String(revisionId));
    expect(before).toMatchObject({ kind: 'confirm', edit: { revisionId, recipient: { name: author.name }, page: { prefixedText: title } } });
    expect(await submit(revisionId)).toEqual({ redirectTo: `/wiki/Special:Thanks/${revisionId}` });
    expect(await loadThanksScreen(String(revisionId))).toMatchObject({ kind: 'sent' });

    // A second submission (another tab): the refusal is the form's message, in the reader's language.
    request.locale = 'it';
    expect(await submit(revisionId)).toMatchObject({ formError: `Hai già ringraziato ${author.name} per questa modifica.` });
    expect((await thanksFor(revisionId)).logs).toHaveLength(1);
  });

  it('sends signed-out readers to sign in, and refuses bad ids and one’s own edits', async () => {
    const author = await actor('registered', 'Author');
    const { revisionId } = await editBy(author);
    request.actor = null;
    expect(await loadThanksScreen(String(revisionId))).toMatchObject({
      kind: 'denied',
      decision: { reason: 'not-signed-in' },
      returnTo: `/wiki/Special:Thanks/${revisionId}`,
    });

    request.actor = author;
    request.locale = 'en';
    expect(await loadThanksScreen('abc')).toEqual({ kind: 'refused', text: { key: 'thanks.invalidRevision' } });
    expect(await loadThanksScreen(String(revisionId))).toMatchObject({ kind: 'refused', text: { key: 'thanks.self' } });
    expect(await submit(revisionId)).toMatchObject({ formError: 'You cannot thank yourself.' });
    expect(await submit('12abc')).toMatchObject({ formError: 'Revision ID is not valid.' });
  });
});
