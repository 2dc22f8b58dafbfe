import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { deletePage, getArchivedRevisions, getDeletionNotice, undeletePage } from '@/lib/server/deletion';
import { getArticle, pageExists } from '@/lib/server/pages';
import { findHistoryPage, getPageHistory, getRecentChanges } from '@/lib/server/history';
import { getRevision, getRevisionWithRendering } from '@/lib/server/revisions';
import { resolveRedLinks, whatLinksHere } from '@/lib/server/links';
import { searchPages } from '@/lib/server/search';
import { getDb } from '@/lib/server/db';
import { getRevisionEndpoint } from '@/lib/server/rest/revision';
import { getPage } from '@/lib/server/rest/read';
import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Deleter ${process.pid} ${Date.now()} ${++n}`, password: 'deletion tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null, summary = 'edit'): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary, minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

const deleteInput = (title: string, latestRevisionId?: number, extra: Record<string, unknown> = {}) =>
  deletePageSchema.parse({ title, reason: 'vandalism only', latestRevisionId: latestRevisionId === undefined ? '' : String(latestRevisionId), ...extra });
const undeleteInput = (title: string) => undeletePageSchema.parse({ title, reason: 'deleted by mistake' });

const restGet = (path: string) => new Request(`http://wiki.test/w/rest.php/v1${path}`);

describe('deleting and undeleting pages', () => {
  it('makes a deleted page and its revisions missing for readers, everywhere; admins still see them', async () => {
    const [editor, admin] = [await actor(), await actor('admin')];
    const word = `zqdeleted${Date.now().toString(36)}`;
    const title = uniqueTitle('Doomed');
    const linker = uniqueTitle('Linker');
    await save(editor, linker, `See [[${title}]].`, null);
    const r1 = await save(editor, title, `first ${word} [[Category:Doomed things]]`, null);
    const r2 = await save(editor, title, `second ${word} [[${linker}]] [[Category:Doomed things]]`, r1);
    expect((await whatLinksHere(parseTitle(linker))).items).toHaveLength(1);

    const result = await deletePage(admin, deleteInput(title, r2));
    expect(result.revisions).toBe(2);

    const t = parseTitle(title);
    expect(await getArticle(t)).toBeNull();
    expect(await pageExists(t)).toBe(false);
    expect(await findHistoryPage(t)).toBeNull();
    expect(await getRevision(r1)).toBeNull();
    expect(await getRevisionWithRendering(r2, editor)).toBeNull();
    expect((await searchPages(word, { limit: 10 })).hits).toHaveLength(0);
    expect((await getRecentChanges({ limit: 500 })).rows.map((row) => row.revisionId)).not.toContain(r2);
    const links = await getDb().categoryLink.count({ where: { page: { namespace: t.namespace, title: t.dbKey } } });
    expect(links).toBe(0);
    // The link from the other page turns red; WhatLinksHere from the deleted page is gone.
    const html = (await getArticle(parseTitle(linker)))!.html;
    expect(html).toContain('class="wikilink new"');
    expect((await whatLinksHere(parseTitle(linker))).items).toHaveLength(0);
    expect(await resolveRedLinks(html)).toContain('(page does not exist)');

    // REST: the page and the revision by id are 404 for a reader.
    expect((await getPage(restGet(`/page/${encodeURIComponent(t.prefixedDbKey)}`))).status).toBe(404);
    expect((await getRevisionEndpoint(restGet(`/revision/${r1}`))).status).toBe(404);
    expect((await getRevisionEndpoint(restGet(`/revision/${r1}/compare/${r2}`))).status).toBe(404);

    // Admins: the revisions by id (marked archived), the list of Special:Undelete, the notice with the count.
    const seen = await getRevision(r1, admin);
    expect(seen?.text).toBe(`first ${word} [[Category:Doomed things]]`);
    expect(seen?.latestRevisionId).toBeNull();
    expect(seen?.revision.visibility?.archived).toBe(true);
    expect((await getArchivedRevisions(admin, t))!.revisions.map((r) => r.id)).toEqual([r2, r1]);
    await expect(getArchivedRevisions(editor, t)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const notice = await getDeletionNotice(t, admin);
    expect(notice).toMatchObject({ lastDeletion: { by: admin.name, reason: 'vandalism only' }, archivedRevisions: 2 });
    expect((await getDeletionNotice(t, ANONYMOUS))!.archivedRevisions).toBeNull();
  });

  it('undeletes a page with its whole history and derived data', async () => {
    const [editor, admin] = [await actor(), await actor('admin')];
    const word = `zqrestored${Date.now().toString(36)}`;
    const title = uniqueTitle('Restorable');
    const r1 = await save(editor, title, `one ${word}`, null);
    const r2 = await save(editor, title, `two ${word} [[Category:Restored things]]`, r1);
    await deletePage(admin, deleteInput(title, r2));

    const restored = await undeletePage(admin, undeleteInput(title));
    expect(restored).toMatchObject({ restored: 2, latestRevisionId: r2 });
    const t = parseTitle(title);
    expect((await getArticle(t))!.revision.id).toBe(r2);
    expect((await getPageHistory((await findHistoryPage(t))!.id, { limit: 10 })).rows.map((row) => row.revisionId)).toEqual([r2, r1]);
    expect((await searchPages(word, { limit: 10 })).hits.map((hit) => hit.title.prefixedText)).toEqual([t.prefixedText]);
    expect((await getArticle(t))!.categories!.map((c) => c.name)).toEqual(['Restored_things']);
    expect(await getDeletionNotice(t, admin)).toBeNull();

    const log = await getDb().logEntry.findMany({ where: { type: 'delete', pageId: restored.pageId }, orderBy: { id: 'asc' } });
    expect(log.map((entry) => [entry.action, entry.actorId, entry.comment, entry.params])).toEqual([
      ['delete', admin.userId, 'vandalism only', { revisions: 2 }],
      ['restore', admin.userId, 'deleted by mistake', { revisions: 2 }],
    ]);
  });

  it('lets editors recreate a deleted title; undeleting then gives one linear history', async () => {
    const [editor, admin] = [await actor(), await actor('admin')];
    const title = uniqueTitle('Phoenix');
    const r1 = await save(editor, title, 'old one', null);
    const r2 = await save(editor, title, 'old two', r1);
    await deletePage(admin, deleteInput(title, r2));

    const r3 = await save(editor, title, 'new life', null);
    const t = parseTitle(title);
    // Readers see only the new page: a creation, with no link back into the deleted history.
    const history = await getPageHistory((await findHistoryPage(t))!.id, { limit: 10 });
    expect(history.rows.map((row) => [row.revisionId, row.isCreation, row.parentId])).toEqual([[r3, true, null]]);
    expect((await getRevisionWithRendering(r3))!.previousId).toBeNull();
    expect(await getRevision(r2)).toBeNull();

    await undeletePage(admin, undeleteInput(title));
    const rows = await getDb().revision.findMany({ where: { page: { namespace: t.namespace, title: t.dbKey } }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => [row.id, row.parentId, row.archived])).toEqual([
      [r1, null, false],
      [r2, r1, false],
      [r3, r2, false],
    ]);
    expect((await getArticle(t))!.revision.id).toBe(r3);
  });

  it('refuses stale forms, non-admins, and a page that is already gone; deletes the talk page on request', async () => {
    const [editor, admin] = [await actor(), await actor('admin')];
    const title = uniqueTitle('Contested');
    const r1 = await save(editor, title, 'v1', null);
    await save(editor, `Talk:${title}`, 'chat', null);
    const r2 = await save(editor, title, 'v2', r1);

    await expect(deletePage(editor, deleteInput(title, r2))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deletePage(ANONYMOUS, deleteInput(title, r2))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(deletePage(admin, deleteInput(title, r1))).rejects.toMatchObject({ code: 'EDIT_CONFLICT', message: expect.stringContaining('was edited after you opened') });
    expect(await getArticle(parseTitle(title))).not.toBeNull();

    const result = await deletePage(admin, deleteInput(title, r2, { deleteTalk: 'on' }));
    expect(result.talkDeleted).toBe(true);
    expect(await getArticle(parseTitle(`Talk:${title}`))).toBeNull();
    await expect(deletePage(admin, deleteInput(title))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(undeletePage(editor, undeleteInput(title))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // An editor who started before the deletion gets a conflict, not a silent recreation.
    const stale = await editPage(editor, { title: parseTitle(title), content: 'v3', summary: '', minor: false, baseRevisionId: r2 }, '127.0.0.1');
    expect(stale.status).toBe('conflict');
  });

  it('validates the forms with a clear message', () => {
    const missingReason = deletePageSchema.safeParse({ title: 'Foo', reason: '   ' });
    expect(missingReason.success).toBe(false);
    expect(missingReason.error!.issues[0]!.message).toMatch(/reason/i);
    expect(deletePageSchema.safeParse({ title: 'Foo|bar', reason: 'x' }).success).toBe(false);
    expect(undeletePageSchema.safeParse({ title: 'Foo', reason: 'x', newestArchivedId: 'abc' }).success).toBe(false);
  });
});
