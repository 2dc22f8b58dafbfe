import { uniqueTitle } from '../support/database';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { movePage } from '@/lib/server/move-page';
import { deletePage, undeletePage } from '@/lib/server/deletion';
import { protectionFormState, protectPage } from '@/lib/server/protection';
import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { protectFormSchema } from '@/lib/domain/protection';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

/*
 * What each kind of write tells the page cache to drop (the production server's cache is replaced
 * by a recorder under the same global handle). Paths are decoded, as the cache keys them.
 */
const HANDLE = Symbol.for('wiki.pageCache');
let invalidated: string[] = [];
let cleared = 0;
(globalThis as Record<symbol, unknown>)[HANDLE] = {
  invalidate: (paths: readonly string[]) => invalidated.push(...paths),
  clear: () => (cleared += 1),
  limitLifetime: () => {},
};
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[HANDLE];
});
beforeEach(() => {
  invalidated = [];
  cleared = 0;
});

let users = 0;
async function actor(role: 'registered' | 'admin'): Promise<Actor> {
  const account = await createAccount({ username: `Cacher ${process.pid} ${Date.now()} ${++users}`, password: 'page cache tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(Date.now() - 40 * 86_400_000), editCount: 50, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: '', minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

/** The address readers load the page at (percent-encoded, as in links): what the cache keys on. */
const path = (title: string) => titleToUrlPath(parseTitle(title));

describe('page cache invalidation by the write paths', () => {
  it('an edit drops the page and the Main Page; a creation also the pages linking to it (red to blue) and its talk tab', async () => {
    const editor = await actor('registered');
    const target = uniqueTitle('Città target');
    const linker = uniqueTitle('Linker');
    const unrelated = uniqueTitle('Unrelated');
    await save(editor, unrelated, 'Nothing to see.', null);
    const linkerRevision = await save(editor, linker, `See [[${target}]].`, null);

    invalidated = [];
    const created = await save(editor, target, 'Now it exists.', null);
    expect(new Set(invalidated)).toEqual(new Set([path(target), path(`Talk:${target}`), path(linker), '/wiki/Main_Page', '/wiki/Special:RecentChanges']));

    invalidated = [];
    await save(editor, target, 'Edited text.', created);
    expect(new Set(invalidated)).toEqual(new Set([path(target), '/wiki/Main_Page', '/wiki/Special:RecentChanges']));

    invalidated = [];
    // A refused save (stale base revision) commits nothing and drops nothing.
    const conflict = await editPage(editor, { title: parseTitle(target), content: 'Stale.', summary: '', minor: false, baseRevisionId: created }, '127.0.0.1');
    expect(conflict.status).toBe('conflict');
    await save(editor, linker, `See [[${target}]] again.`, linkerRevision);
    expect(invalidated).not.toContain(path(target));
  });

  it('a move drops both titles and the pages linking to either', async () => {
    const editor = await actor('registered');
    const from = uniqueTitle('Old name');
    const to = uniqueTitle('New name');
    const linksOld = uniqueTitle('Links old');
    const linksNew = uniqueTitle('Links new');
    await save(editor, from, 'Moving soon.', null);
    await save(editor, linksOld, `[[${from}]]`, null);
    await save(editor, linksNew, `[[${to}]]`, null);

    invalidated = [];
    await movePage(editor, { from: parseTitle(from), to: parseTitle(to), reason: 'rename', leaveRedirect: true, moveTalk: true });
    for (const title of [from, to, linksOld, linksNew, `Talk:${from}`, `Talk:${to}`]) expect(invalidated).toContain(path(title));
    expect(invalidated).toContain('/wiki/Main_Page');
  });

  it('deletion and undeletion drop the page, its linkers and redirects to it; protection only the page', async () => {
    const [editor, admin] = [await actor('registered'), await actor('admin')];
    const title = uniqueTitle('Doomed');
    const linker = uniqueTitle('Doomed linker');
    const redirect = uniqueTitle('Doomed redirect');
    const revision = await save(editor, title, 'Short-lived.', null);
    await save(editor, linker, `[[${title}]]`, null);
    await save(editor, redirect, `#REDIRECT [[${title}]]`, null);

    invalidated = [];
    const state = await protectionFormState(parseTitle(title));
    await protectPage(
      admin,
      protectFormSchema.parse({ title, editLevel: 'admin', moveLevel: 'none', editExpiry: '1 week', moveExpiry: 'infinite', reason: 'vandalism', baseToken: state!.token }),
    );
    expect(invalidated).toEqual([path(title)]);

    invalidated = [];
    await deletePage(admin, deletePageSchema.parse({ title, reason: 'spam', latestRevisionId: String(revision) }));
    expect(new Set(invalidated)).toEqual(new Set([path(title), path(`Talk:${title}`), path(linker), path(redirect), '/wiki/Main_Page', '/wiki/Special:RecentChanges']));

    invalidated = [];
    await undeletePage(admin, undeletePageSchema.parse({ title, reason: 'mistake' }));
    expect(invalidated).toContain(path(linker));
    expect(invalidated).toContain(path(title));
    expect(cleared).toBe(0);
  });
});
