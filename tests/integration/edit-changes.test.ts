import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { editPage } from '@/lib/server/edit-page';
import { getDb } from '@/lib/server/db';
import { parseTitle } from '@/lib/domain/titles';
import type { ChangedRow } from '@/lib/domain/diff';
import type { EditFormState } from '@/lib/domain/edit-form';
import type { Actor } from '@/lib/domain/policy';
import { protectFormSchema } from '@/lib/domain/protection';
import { protectPage, protectionFormState } from '@/lib/server/protection';

/**
 * The edit form's Server Action for "Show changes" (intent=diff) and the empty-summary reminder,
 * called as Next calls it, on the real database; only the request context is stood in for.
 */
request.headers = { 'x-forwarded-for': '127.0.0.1' };

const { submitEdit } = await import('@/app/actions/edit');

const blank: EditFormState = { values: { title: '', content: '', summary: '', minor: false, baseRevisionId: '' } };

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function save(title: string, content: string, base: number | null): Promise<number> {
  const outcome = await editPage(request.actor!, { title: parseTitle(title), content, summary: 'setup', minor: false, baseRevisionId: base }, '127.0.0.1');
  if (outcome.status === 'conflict') throw new Error('unexpected conflict');
  return outcome.revisionId;
}

async function revisionCount(title: string): Promise<number> {
  return getDb().revision.count({ where: { page: { title: parseTitle(title).dbKey } } });
}

/** The redirect a successful save ends with (Next's redirect() throws it). */
async function redirectOf(state: Promise<EditFormState>): Promise<string> {
  try {
    await state;
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? '');
    if (digest.startsWith('NEXT_REDIRECT')) return digest.split(';')[2]!;
    throw error;
  }
  throw new Error('the save did not redirect');
}

const changedRows = (state: EditFormState) => (state.changes?.rows ?? []).filter((row): row is ChangedRow => row.kind === 'changed');

beforeAll(async () => {
  const account = await createAccount({ username: `Show changes ${process.pid} ${Date.now()}`, password: 'show changes passphrase', admin: false }, null);
  request.actor = { userId: account.id, name: account.name, role: 'registered', createdAt: new Date(0), editCount: 100, blocked: null };
});

describe('Show changes (intent=diff)', () => {
  it('diffs the base revision against the text being edited, word by word, keeps the values and saves nothing', async () => {
    const title = uniqueTitle('Show changes');
    const base = await save(title, 'ECPAT fights child exploitation.\n\nFounded in 1990.\n', null);
    const fields = { title, content: 'ECPAT fights child sexual exploitation.\n\nFounded in 1990.\n', summary: 'wording', baseRevisionId: String(base), intent: 'diff' };
    const state = await submitEdit(blank, form(fields));
    expect(state.formError).toBeUndefined();
    expect(state.values).toMatchObject({ title, content: fields.content, summary: 'wording', baseRevisionId: String(base) });
    const [row] = changedRows(state);
    expect(row?.new?.filter((segment) => segment.changed).map((segment) => segment.text.trim())).toEqual(['sexual']);
    expect(state.changes?.stats).toEqual({ added: 0, removed: 0, changedLines: 1 });
    expect(await revisionCount(title)).toBe(1);
  });

  it('diffs against the form’s base revision, not the current one (a restored older draft)', async () => {
    const title = uniqueTitle('Show changes base');
    const first = await save(title, 'one\n', null);
    await save(title, 'one\ntwo\n', first);
    const state = await submitEdit(blank, form({ title, content: 'one\nmine\n', summary: '', baseRevisionId: String(first), intent: 'diff' }));
    expect(changedRows(state).map((row) => row.new?.map((segment) => segment.text).join(''))).toEqual(['mine']);
  });

  it('diffs a section edit against that section of the base revision', async () => {
    const title = uniqueTitle('Show changes section');
    const base = await save(title, 'Lead.\n\n## Philippines\n\nFounded in 1991.\n\n## Italy\n\nTelefono Azzurro.\n', null);
    const state = await submitEdit(
      blank,
      form({ title, content: '## Italy\n\nTelefono Azzurro, 1987.', summary: '', baseRevisionId: String(base), section: '2', intent: 'diff' }),
    );
    expect(state.formError).toBeUndefined();
    const rows = state.changes?.rows ?? [];
    expect(rows.some((row) => row.kind === 'context' && row.text === '## Italy')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain('Philippines');
    expect(changedRows(state)).toHaveLength(1);
  });

  it('shows a new page’s text as all added', async () => {
    const title = uniqueTitle('Show changes new');
    const state = await submitEdit(blank, form({ title, content: 'First line\nSecond line', summary: '', baseRevisionId: '', intent: 'diff' }));
    expect(state.changes?.stats).toEqual({ added: 2, removed: 0, changedLines: 0 });
    expect(await revisionCount(title)).toBe(0);
  });
});

describe('the empty-summary reminder', () => {
  const large = 'A long new paragraph about the history of the organisation. '.repeat(10);

  it('holds back the first Save of a large change with no summary; the second goes through', async () => {
    const title = uniqueTitle('Summary reminder');
    const base = await save(title, 'Short.\n', null);
    const fields = { title, content: `Short.\n\n${large}\n`, summary: '', baseRevisionId: String(base), intent: 'save' };
    const first = await submitEdit(blank, form(fields));
    expect(first.summaryReminder).toBe(true);
    expect(first.values.content).toBe(fields.content);
    expect(await revisionCount(title)).toBe(1);
    expect(await redirectOf(submitEdit(first, form({ ...fields, wpIgnoreBlankSummary: '1' })))).toBe(`/wiki/${parseTitle(title).dbKey}`);
    expect(await revisionCount(title)).toBe(2);
  });

  it('gives a Save that will be refused its refusal, not the reminder (a page protected since the form opened)', async () => {
    const title = uniqueTitle('Summary protected');
    const base = await save(title, 'Short.\n', null);
    const adminAccount = await createAccount({ username: `Reminder admin ${process.pid} ${Date.now()}`, password: 'reminder admin passphrase', admin: true }, null);
    const admin: Actor = { userId: adminAccount.id, name: adminAccount.name, role: 'admin', createdAt: new Date(0), editCount: 0, blocked: null };
    const state = await protectionFormState(parseTitle(title));
    await protectPage(
      admin,
      protectFormSchema.parse({ title, editLevel: 'admin', moveLevel: 'none', editExpiry: '1 week', moveExpiry: 'infinite', reason: 'vandalism', baseToken: state!.token }),
    );
    const refused = await submitEdit(blank, form({ title, content: `Short.\n\n${large}\n`, summary: '', baseRevisionId: String(base), intent: 'save' }));
    expect(refused.summaryReminder).toBeUndefined();
    expect(refused.formError).toContain('protected');
    expect(refused.values.content).toContain(large);
    expect(await revisionCount(title)).toBe(1);
  });

  it('does not hold back the creation of a page', async () => {
    const title = uniqueTitle('Summary new page');
    await redirectOf(submitEdit(blank, form({ title, content: large, summary: '', baseRevisionId: '', intent: 'save' })));
    expect(await revisionCount(title)).toBe(1);
  });

  it('saves at once with a summary, or a small change without one', async () => {
    const title = uniqueTitle('Summary given');
    const base = await save(title, 'Short.\n', null);
    await redirectOf(submitEdit(blank, form({ title, content: `${large}\n`, summary: 'History', baseRevisionId: String(base), intent: 'save' })));
    const current = (await getDb().page.findFirstOrThrow({ where: { title: parseTitle(title).dbKey } })).latestRevisionId!;
    await redirectOf(submitEdit(blank, form({ title, content: `${large}\nOne more line.\n`, summary: '', baseRevisionId: String(current), intent: 'save' })));
    expect(await revisionCount(title)).toBe(3);
  });
});
