import { uniqueTitle } from '../support/database';
import { describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { getRevisionWithRendering } from '@/lib/server/revisions';
import { prepareUndo, restoreRevision, rollback } from '@/lib/server/revert';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import type { Actor } from '@/lib/domain/policy';

let n = 0;
async function actor(role: 'registered' | 'admin' = 'registered'): Promise<Actor> {
  const account = await createAccount({ username: `Reverter ${process.pid} ${Date.now()} ${++n}`, password: 'revert tests passphrase', admin: role === 'admin' }, null);
  return { userId: account.id, name: account.name, role, createdAt: new Date(), editCount: 0, blocked: null };
}

async function save(by: Actor, title: string, content: string, base: number | null): Promise<number> {
  const outcome = await editPage(by, { title: parseTitle(title), content, summary: `by ${by.name}`, minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

async function currentText(title: string): Promise<string> {
  const t = parseTitle(title);
  const page = await getDb().page.findUniqueOrThrow({
    where: { namespace_title: { namespace: t.namespace, title: t.dbKey } },
    select: { latestRevision: { select: { content: { select: { text: true } } } } },
  });
  return page.latestRevision!.content.text;
}

describe('permalinks, undo, restore and rollback', () => {
  it('shows an old revision exactly as rendered when saved, with its neighbours', async () => {
    const editor = await actor();
    const title = uniqueTitle();
    const r1 = await save(editor, title, '## First\n\nOriginal words.', null);
    const r2 = await save(editor, title, '## First\n\nChanged words.', r1);
    const stored = await getDb().renderedRevision.findUniqueOrThrow({ where: { revisionId: r1 } });
    await save(editor, title, 'Third.', r2);
    const permalink = await getRevisionWithRendering(r1);
    expect(permalink!.html).toBe(stored.html);
    expect(permalink!.html).toContain('Original words.');
    expect(permalink).toMatchObject({ previousId: null, nextId: r2 });
    expect((await getRevisionWithRendering(r2))!.previousId).toBe(r1);
  });

  it('undoes an older edit by three-way merge so that later edits survive', async () => {
    const editor = await actor();
    const title = uniqueTitle();
    const r1 = await save(editor, title, 'alpha\n\nbeta\n\ngamma', null);
    const r2 = await save(editor, title, 'ALPHA\n\nbeta\n\ngamma', r1); // the edit to undo
    const r3 = await save(editor, title, 'ALPHA\n\nbeta\n\nGAMMA', r2); // a later edit elsewhere
    const undo = await prepareUndo(parseTitle(title), r2, null);
    expect(undo).toMatchObject({ clean: true, text: 'alpha\n\nbeta\n\nGAMMA', baseRevisionId: r3 });
    expect((undo as { summary: string }).summary).toMatch(/^Undo revision \d+ by Reverter/);
  });

  it('says so when later edits overlap the change to undo', async () => {
    const editor = await actor();
    const title = uniqueTitle();
    const r1 = await save(editor, title, 'one line', null);
    const r2 = await save(editor, title, 'one changed line', r1);
    await save(editor, title, 'one line changed again', r2);
    const undo = await prepareUndo(parseTitle(title), r2, r1);
    expect(undo).toMatchObject({ clean: false, currentText: 'one line changed again' });
  });

  it('refuses undo parameters that belong to another page', async () => {
    const editor = await actor();
    const other = uniqueTitle();
    const r1 = await save(editor, other, 'x', null);
    const r2 = await save(editor, other, 'y', r1);
    const title = uniqueTitle();
    await save(editor, title, 'z', null);
    await expect(prepareUndo(parseTitle(title), r2, r1)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('restores an old version as a new revision with a summary naming it', async () => {
    const editor = await actor();
    const title = uniqueTitle();
    const r1 = await save(editor, title, 'good text', null);
    await save(editor, title, 'vandalised', r1);
    const outcome = await restoreRevision(editor, r1, '127.0.0.1');
    expect(outcome.status).toBe('saved');
    expect(await currentText(title)).toBe('good text');
    const latest = await getDb().revision.findUniqueOrThrow({ where: { id: (outcome as { revisionId: number }).revisionId } });
    expect(latest.summary).toBe(`Restored revision ${r1} by ${editor.name}`);
  });

  it('rolls back all consecutive latest edits of the last editor (admins only)', async () => {
    const [good, vandal, admin] = [await actor(), await actor(), await actor('admin')];
    const title = uniqueTitle();
    const r1 = await save(good, title, 'good', null);
    const r2 = await save(vandal, title, 'bad 1', r1);
    const r3 = await save(vandal, title, 'bad 2', r2);
    const pageId = (await getDb().revision.findUniqueOrThrow({ where: { id: r3 } })).pageId;

    await expect(rollback(good, pageId, r3)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rollback(admin, pageId, r2)).rejects.toMatchObject({ code: 'EDIT_CONFLICT' });
    const result = await rollback(admin, pageId, r3);
    expect(result.summary).toBe(`Reverted edits by ${vandal.name} to last revision by ${good.name}`);
    expect(await currentText(title)).toBe('good');
  });
});
