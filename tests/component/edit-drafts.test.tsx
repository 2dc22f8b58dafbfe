import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditForm } from '@/components/EditForm';
import { diffRevisions } from '@/lib/domain/diff';
import { draftKey, isDraftKey, serializeDraft, type Draft } from '@/lib/domain/drafts';
import { editFormValuesOf, type EditFormState, type EditFormValues } from '@/lib/domain/edit-form';
import { renderMarkdown } from '@/lib/domain/markdown';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import { renderWithIntl } from '../support/intl';

/** The edit form's drafts, leaving-page protection, byte counter, "Show changes" and summary reminder. */
const initial: EditFormValues = { title: 'ECPAT', content: 'Original text', summary: '', minor: false, baseRevisionId: '7', section: '' };
type Action = (state: EditFormState, formData: FormData) => Promise<EditFormState>;

function renderForm(action: Action = async (state) => state, locale: Locale = 'en') {
  return renderWithIntl(<EditForm initial={initial} cancelHref="/wiki/ECPAT" action={action} preview={async (s) => renderMarkdown(s).html} />, { locale });
}

function storeDraft(overrides: Partial<Draft> = {}): Draft {
  const draft: Draft = {
    title: 'ECPAT',
    section: '',
    baseRevisionId: '7',
    text: 'My lost edit',
    summary: 'lost summary',
    savedAt: Date.UTC(2026, 11, 5, 10, 30),
    ...overrides,
  };
  localStorage.setItem(draftKey(draft), serializeDraft(draft));
  return draft;
}

function storedDrafts(): Draft[] {
  return Object.keys(localStorage)
    .filter(isDraftKey)
    .map((key) => JSON.parse(localStorage.getItem(key)!) as Draft);
}

const content = () => screen.getByLabelText<HTMLTextAreaElement>(/^(Content|Testo)$/);
const baseField = () => document.querySelector<HTMLInputElement>('input[name="baseRevisionId"]')!;

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

/**
 * A save that gets no answer (a redirect, or a page closed meanwhile). Answered after the test:
 * React holds every later transition, in any root, until a pending async action ends.
 */
const unanswered: (() => void)[] = [];
const pendingSave: Action = (state) => new Promise((resolve) => unanswered.push(() => resolve(state)));

beforeEach(() => {
  localStorage.clear();
  history.replaceState(null, '', '/wiki/ECPAT?action=edit');
});
afterEach(async () => {
  localStorage.clear();
  await act(async () => unanswered.splice(0).forEach((answer) => answer()));
});

describe('drafts', () => {
  it('offers a kept draft with its time, and Restore puts its text and summary in the form', async () => {
    storeDraft();
    renderForm();
    const notice = await screen.findByText('Restore your unsaved changes from Dec 5, 2026, 10:30?');
    expect(notice.closest('[role="status"]')).toBeTruthy();
    expect(content().value).toBe('Original text');
    await click('Restore');
    expect(content().value).toBe('My lost edit');
    expect(screen.getByLabelText<HTMLInputElement>('Summary').value).toBe('lost summary');
    expect(screen.getByRole('status').textContent).toContain('were restored');
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull();
  });

  it('restores a draft from an older revision with that revision as the base, so saving merges', async () => {
    storeDraft({ baseRevisionId: '5' });
    let posted: FormData | undefined;
    renderForm(async (_state, formData) => {
      posted = formData;
      return { values: editFormValuesOf(formData), formError: 'stop here' };
    });
    expect((await screen.findByText(/The page has been edited since then/)).closest('[role="status"]')).toBeTruthy();
    expect(baseField().value).toBe('7');
    await click('Restore');
    expect(baseField().value).toBe('5');
    await click('Save page');
    expect(posted?.get('baseRevisionId')).toBe('5');
    expect(posted?.get('content')).toBe('My lost edit');
    // The answer carries the posted base back: it stays the draft's.
    expect(baseField().value).toBe('5');
  });

  it('Discard removes the draft and keeps the loaded text', async () => {
    storeDraft();
    renderForm();
    await click((await screen.findByRole('button', { name: 'Discard' })).textContent!);
    expect(storedDrafts()).toEqual([]);
    expect(content().value).toBe('Original text');
    expect(screen.getByRole('status').textContent).toContain('discarded');
  });

  it('offers nothing when the draft holds the loaded text (its edit was saved), and removes it', async () => {
    storeDraft({ text: 'Original text' });
    renderForm();
    await waitFor(() => expect(storedDrafts()).toEqual([]));
    expect(screen.queryByRole('button', { name: 'Restore' })).toBeNull();
  });

  it('keeps the text and summary as one types, against the form’s base revision', async () => {
    renderForm();
    fireEvent.change(content(), { target: { value: 'Typed before a crash' } });
    fireEvent.input(screen.getByLabelText('Summary'), { target: { value: 'why' } });
    await waitFor(() => expect(storedDrafts()).toMatchObject([{ title: 'ECPAT', section: '', baseRevisionId: '7', text: 'Typed before a crash', summary: 'why' }]), {
      timeout: 3000,
    });
  });

  it('makes room by dropping other pages’ drafts when the storage is full', async () => {
    const other = storeDraft({ title: 'Telefono Azzurro', text: 'x'.repeat(4_900_000) }); // near jsdom's quota of 5,000,000 characters
    expect(() => localStorage.setItem('probe', 'y'.repeat(100_000))).toThrow();
    renderForm();
    fireEvent.change(content(), { target: { value: 'z'.repeat(200_000) } });
    await waitFor(() => expect(storedDrafts().map((draft) => draft.title)).toEqual(['ECPAT']), { timeout: 3000 });
    expect(localStorage.getItem(draftKey(other))).toBeNull();
  });

  it('forgets the draft when the form goes away after a Save and the page is no longer the edit page', async () => {
    const { unmount } = renderForm(pendingSave); // the save redirects: no answer comes
    fireEvent.change(content(), { target: { value: 'Saved edit' } });
    await waitFor(() => expect(storedDrafts()).toHaveLength(1), { timeout: 3000 });
    await click('Save page');
    history.replaceState(null, '', '/wiki/ECPAT');
    unmount();
    expect(storedDrafts()).toEqual([]);
  });

  it('keeps the draft when the form goes away on the edit page (a failed save shows an error page)', async () => {
    const { unmount } = renderForm(pendingSave);
    fireEvent.change(content(), { target: { value: 'Unsaved edit' } });
    await waitFor(() => expect(storedDrafts()).toHaveLength(1), { timeout: 3000 });
    await click('Save page');
    unmount();
    expect(storedDrafts()).toMatchObject([{ text: 'Unsaved edit' }]);
  });

  it('keeps the editor’s own text as the draft when a conflict loads the current text', async () => {
    renderForm(async (_state, formData) => ({
      values: { ...editFormValuesOf(formData), content: 'Their text', baseRevisionId: '9' },
      conflict: { yourText: String(formData.get('content')), diff: [] },
      formError: 'Edit conflict',
    }));
    fireEvent.change(content(), { target: { value: 'My text' } });
    await waitFor(() => expect(storedDrafts()).toHaveLength(1), { timeout: 3000 });
    await click('Save page');
    expect(content().value).toBe('Their text');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // longer than the draft's delay
    expect(storedDrafts()).toMatchObject([{ text: 'My text', baseRevisionId: '7' }]);
  });

  it('asks in Italian', async () => {
    storeDraft();
    renderForm(undefined, 'it');
    expect(await screen.findByText('Ripristinare le modifiche non salvate del 5 dic 2026, 10:30?')).toBeTruthy();
    await click('Ripristina');
    expect(content().value).toBe('My lost edit');
  });
});

describe('leaving the page', () => {
  function leave(): boolean {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  }

  it('asks only when there are unsaved changes, and not once the form is submitted', async () => {
    renderForm(pendingSave);
    expect(leave()).toBe(false);
    fireEvent.change(content(), { target: { value: 'Changed' } });
    expect(leave()).toBe(true);
    await click('Save page');
    expect(leave()).toBe(false);
  });

  it('asks before a client-side link leaves, and stops the router’s click when the answer is no', async () => {
    const routed = vi.fn((event: React.MouseEvent) => event.preventDefault()); // what next/link does
    renderWithIntl(
      <>
        <a href="/wiki/ECPAT?action=history" onClick={routed}>
          History
        </a>
        <a href="#wpSummary">To the summary</a>
        <EditForm initial={initial} cancelHref="/wiki/ECPAT" action={async (state) => state} preview={async (s) => renderMarkdown(s).html} />
      </>,
    );
    const answers: boolean[] = [];
    const confirm = vi.spyOn(window, 'confirm').mockImplementation(() => answers.shift() ?? false);
    const history = screen.getByRole('link', { name: 'History' });
    fireEvent.click(history);
    expect(confirm).not.toHaveBeenCalled(); // nothing typed yet
    expect(routed).toHaveBeenCalledTimes(1);

    fireEvent.change(content(), { target: { value: 'Changed' } });
    answers.push(false);
    fireEvent.click(history);
    expect(confirm).toHaveBeenCalledWith('You have unsaved changes. Leave this page without saving them?');
    expect(routed).toHaveBeenCalledTimes(1);
    answers.push(true);
    fireEvent.click(history);
    expect(routed).toHaveBeenCalledTimes(2);
    // A link within the page, or one opened in a new tab, leaves nothing.
    fireEvent.click(screen.getByRole('link', { name: 'To the summary' }));
    fireEvent.click(history, { ctrlKey: true });
    expect(confirm).toHaveBeenCalledTimes(2);
    confirm.mockRestore();
  });
});

describe('the byte counter', () => {
  it('shows the size in UTF-8 bytes and the change against the loaded text, as one types', async () => {
    renderForm();
    expect((await screen.findByText(/bytes \(/)).textContent).toBe('13 bytes (0)');
    fireEvent.change(content(), { target: { value: 'Original text è €' } });
    expect(screen.getByText(/bytes \(/).textContent).toBe('20 bytes (+7)');
    fireEvent.change(content(), { target: { value: 'Orig' } });
    expect(screen.getByText(/bytes \(/).textContent).toBe('4 bytes (-9)');
  });
});

describe('Show changes and the summary reminder', () => {
  it('Show changes posts intent=diff and shows the diff table, the text kept', async () => {
    renderForm(async (_state, formData) => {
      expect(formData.get('intent')).toBe('diff');
      return { values: editFormValuesOf(formData), changes: diffRevisions(initial.content, String(formData.get('content'))) };
    });
    expect(screen.getByRole('button', { name: 'Show changes' }).getAttribute('accesskey')).toBe('v');
    fireEvent.change(content(), { target: { value: 'Original bold text' } });
    await click('Show changes');
    const changes = await screen.findByRole('region', { name: 'Your changes' });
    const table = within(changes).getByRole('table');
    expect(table.querySelector('ins.diffchange')?.textContent).toContain('bold');
    expect(within(table).getByText('Text you started from')).toBeTruthy();
    expect(content().value).toBe('Original bold text');
  });

  it('shows the reminder from the server and sends the field that lets the next Save through', async () => {
    const posted: FormData[] = [];
    renderForm(async (_state, formData) => {
      posted.push(formData);
      return { values: editFormValuesOf(formData), summaryReminder: true };
    });
    await click('Save page');
    expect((await screen.findByRole('alert')).textContent).toContain('you have not provided an edit summary');
    await click('Save page');
    expect(posted[0]?.has('wpIgnoreBlankSummary')).toBe(false);
    expect(posted[1]?.get('wpIgnoreBlankSummary')).toBe('1');
  });
});
