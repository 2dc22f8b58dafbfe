import { uniqueTitle } from '../support/database';
import { latestText } from '../support/page-text';
import { describe, expect, it } from 'vitest';
import { editPage, type EditOutcome } from '@/lib/server/edit-page';
import { createAccount } from '@/lib/server/accounts';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';

let userCounter = 0;
async function newEditor(): Promise<Actor> {
  userCounter += 1;
  const account = await createAccount({ username: `Editor ${process.pid} ${Date.now()} ${userCounter}`, password: 'correct horse battery staple' }, null);
  return { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
}

/** Every revision of the page has the previous one as parent; the page points at the newest. */
async function expectLinearHistory(pageId: number): Promise<void> {
  const revisions = await getDb().revision.findMany({ where: { pageId }, orderBy: { id: 'asc' }, select: { id: true, parentId: true } });
  revisions.forEach((revision, index) => expect(revision.parentId).toBe(index === 0 ? null : revisions[index - 1]!.id));
  const page = await getDb().page.findUniqueOrThrow({ where: { id: pageId } });
  expect(page.latestRevisionId).toBe(revisions.at(-1)!.id);
}

const paragraphs = Array.from({ length: 20 }, (_, i) => `Paragraph ${i}.`).join('\n\n');

describe('editing (compare-and-swap, merge, conflicts)', () => {
  it('merges an edit made on an old base when the changes do not overlap', async () => {
    const editor = await newEditor();
    const title = uniqueTitle();
    const created = await editPage(editor, { title: parseTitle(title), content: 'one\n\ntwo\n\nthree', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    expect(created.status).toBe('saved');
    const base = (created as { revisionId: number }).revisionId;
    await editPage(editor, { title: parseTitle(title), content: 'ONE\n\ntwo\n\nthree', summary: 'first', minor: false, baseRevisionId: base }, '127.0.0.1');
    const second = await editPage(editor, { title: parseTitle(title), content: 'one\n\ntwo\n\nTHREE', summary: 'second', minor: false, baseRevisionId: base }, '127.0.0.1');
    expect(second.status).toBe('merged');
    expect(await latestText(title)).toBe('ONE\n\ntwo\n\nTHREE');
  });

  it('returns a conflict with both texts when the same line was changed, and saves nothing', async () => {
    const editor = await newEditor();
    const title = uniqueTitle();
    const created = (await editPage(editor, { title: parseTitle(title), content: 'the line', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1')) as {
      revisionId: number;
    };
    await editPage(editor, { title: parseTitle(title), content: 'their line', summary: '', minor: false, baseRevisionId: created.revisionId }, '127.0.0.1');
    const outcome = await editPage(editor, { title: parseTitle(title), content: 'my line', summary: '', minor: false, baseRevisionId: created.revisionId }, '127.0.0.1');
    expect(outcome).toMatchObject({ status: 'conflict', currentText: 'their line', yourText: 'my line' });
    expect(await latestText(title)).toBe('their line');
  });

  it('gives the second of two people creating the same page the conflict screen', async () => {
    const [a, b] = [await newEditor(), await newEditor()];
    const title = parseTitle(uniqueTitle());
    const first = await editPage(a, { title, content: 'A wrote this', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    const second = await editPage(b, { title, content: 'B wrote that', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1');
    expect(first.status).toBe('saved');
    expect(second).toMatchObject({ status: 'conflict', yourText: 'B wrote that', currentText: 'A wrote this' });
  });

  it('20 concurrent saves from one base: one plain success, the rest merged or conflicts, history linear', async () => {
    const title = uniqueTitle();
    const owner = await newEditor();
    const created = (await editPage(owner, { title: parseTitle(title), content: paragraphs, summary: '', minor: false, baseRevisionId: null }, '127.0.0.1')) as {
      revisionId: number;
      pageId: number;
    };
    const editors = await Promise.all(Array.from({ length: 20 }, () => newEditor()));
    const outcomes: EditOutcome[] = await Promise.all(
      editors.map((editor, i) => {
        // Even editors change their own paragraph (mergeable); odd ones all change paragraph 0 (overlapping).
        const content = paragraphs.replace(i % 2 === 0 ? `Paragraph ${i}.` : 'Paragraph 0.', `Paragraph ${i} edited by editor ${i}.`);
        return editPage(editor, { title: parseTitle(title), content, summary: `edit ${i}`, minor: false, baseRevisionId: created.revisionId }, '127.0.0.1');
      }),
    );
    const counts = { saved: 0, merged: 0, conflict: 0, unchanged: 0 };
    for (const outcome of outcomes) counts[outcome.status] += 1;
    expect(counts.saved).toBe(1);
    expect(counts.saved + counts.merged + counts.conflict).toBe(20);
    expect(counts.merged).toBeGreaterThan(0);
    expect(await getDb().revision.count({ where: { pageId: created.pageId } })).toBe(1 + counts.saved + counts.merged);
    await expectLinearHistory(created.pageId);
  });

  it('refuses anonymous edits with a sign-in message while anonymous editing is off', async () => {
    await expect(editPage(ANONYMOUS, { title: parseTitle(uniqueTitle()), content: 'x', summary: '', minor: false, baseRevisionId: null }, '127.0.0.1')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('throttles a user after 30 edits in a minute, with a retry time', async () => {
    const editor = await newEditor();
    const title = parseTitle(uniqueTitle());
    let base: number | null = null;
    for (let i = 0; i < 30; i++) {
      const outcome = (await editPage(editor, { title, content: `version ${i}`, summary: '', minor: false, baseRevisionId: base }, '127.0.0.1')) as { revisionId: number };
      base = outcome.revisionId;
    }
    const refused = await editPage(editor, { title, content: 'one too many', summary: '', minor: false, baseRevisionId: base }, '127.0.0.1').catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as Error).message).toMatch(/Too many edits: at most 30 in a minute/);
  });
});
