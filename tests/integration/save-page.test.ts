import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { appendRevision, savePage } from '@/lib/server/save-page';
import { renderWithTimeLimit } from '@/lib/server/render';
import { getArticle } from '@/lib/server/pages';
import { ensureSystemUser } from '@/lib/server/users';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import { AppError } from '@/lib/domain/errors';

async function author() {
  return ensureSystemUser('Save test bot');
}

describe('savePage (compare-and-swap on the base revision)', () => {
  it('creates a page, then appends revisions that chain to their parents', async () => {
    const { id: authorId } = await author();
    const title = parseTitle(uniqueTitle());
    const first = await savePage({ title, text: 'one', summary: 'create', minor: false, authorId, baseRevisionId: null });
    expect(first).toMatchObject({ status: 'saved', created: true });
    const second = await savePage({ title, text: 'two', summary: 'edit', minor: true, authorId, baseRevisionId: first.revisionId });
    expect(second.status).toBe('saved');
    const revision = await getDb().revision.findUniqueOrThrow({ where: { id: second.revisionId } });
    expect(revision).toMatchObject({ parentId: first.revisionId, minor: true, size: 3, summary: 'edit' });
    // What the REST answer is built from, without reading the revision back after the COMMIT.
    expect(second).toMatchObject({ pageId: first.pageId, createdAt: revision.createdAt, text: 'two' });
    expect((await getArticle(title))!.html).toContain('two');
  });

  it('refuses a save whose base revision is no longer the latest (edit conflict)', async () => {
    const { id: authorId } = await author();
    const title = parseTitle(uniqueTitle());
    const first = await savePage({ title, text: 'base', summary: '', minor: false, authorId, baseRevisionId: null });
    await savePage({ title, text: 'theirs', summary: '', minor: false, authorId, baseRevisionId: first.revisionId });
    const stale = savePage({ title, text: 'mine', summary: '', minor: false, authorId, baseRevisionId: first.revisionId });
    await expect(stale).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
    expect((await getArticle(title))!.html).toContain('theirs');
  });

  it('creates no revision when the text is unchanged (null edit)', async () => {
    const { id: authorId } = await author();
    const title = parseTitle(uniqueTitle());
    const first = await savePage({ title, text: 'same', summary: '', minor: false, authorId, baseRevisionId: null });
    const again = await savePage({ title, text: 'same', summary: 'no-op', minor: false, authorId, baseRevisionId: first.revisionId });
    expect(again).toEqual({ status: 'unchanged', pageId: first.pageId, revisionId: first.revisionId, createdAt: first.createdAt, text: 'same' });
    expect(await getDb().revision.count({ where: { pageId: first.pageId } })).toBe(1);
  });

  it('lets exactly one of several simultaneous creators of the same page win', async () => {
    const { id: authorId } = await author();
    const title = parseTitle(uniqueTitle());
    const attempts = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => savePage({ title, text: `version ${i}`, summary: '', minor: false, authorId, baseRevisionId: null })),
    );
    const saved = attempts.filter((a) => a.status === 'fulfilled');
    const refused = attempts.filter((a) => a.status === 'rejected');
    expect(saved).toHaveLength(1);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    for (const r of refused) expect((r as PromiseRejectedResult).reason.code).toBe('EDIT_CONFLICT');
  });

  it('stores identical texts once (content deduplicated by SHA-1)', async () => {
    const { id: authorId } = await author();
    const text = `shared text ${Date.now()}`;
    const a = await savePage({ title: parseTitle(uniqueTitle()), text, summary: '', minor: false, authorId, baseRevisionId: null });
    const b = await savePage({ title: parseTitle(uniqueTitle()), text, summary: '', minor: false, authorId, baseRevisionId: null });
    const [ra, rb] = await Promise.all([a.revisionId, b.revisionId].map((id) => getDb().revision.findUniqueOrThrow({ where: { id } })));
    expect(ra!.contentId).toBe(rb!.contentId);
  });

  it('refuses a Special: title, whoever calls it, and stores nothing', async () => {
    const { id: authorId } = await author();
    const title = parseTitle(`Special:${uniqueTitle('Direct')}`);
    await expect(savePage({ title, text: 'phish', summary: '', minor: false, authorId, baseRevisionId: null })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await getDb().page.count({ where: { namespace: title.namespace, title: title.dbKey } })).toBe(0);

    // appendRevision, which every writer (moves, redirects left behind) goes through, checks too.
    const existing = await savePage({ title: parseTitle(uniqueTitle()), text: 'a page', summary: '', minor: false, authorId, baseRevisionId: null });
    const rendered = { ...(await renderWithTimeLimit('phish')), templates: [], templatesRead: [] };
    const append = getDb().$transaction((tx) =>
      appendRevision(tx, { pageId: existing.pageId, parentId: existing.revisionId, title, text: 'phish', rendered, summary: '', minor: false, authorId }),
    );
    await expect(append).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await getDb().page.findUniqueOrThrow({ where: { id: existing.pageId } })).latestRevisionId).toBe(existing.revisionId);
  });
});
