import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { EditForm } from '@/components/EditForm';
import { editFormValuesOf, type EditFormState, type EditFormValues } from '@/lib/domain/edit-form';
import { renderMarkdown } from '@/lib/domain/markdown';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import { renderWithIntl } from '../support/intl';

const initial: EditFormValues = { title: 'ECPAT', content: 'Original text', summary: '', minor: false, baseRevisionId: '7' };

async function submitWith(button: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: button }));
  });
}

function renderForm(
  action: (state: EditFormState, formData: FormData) => Promise<EditFormState>,
  preview = vi.fn(async (s: string) => renderMarkdown(s).html),
  locale: Locale = 'en',
) {
  renderWithIntl(<EditForm initial={initial} cancelHref="/wiki/ECPAT" action={action} preview={preview} />, { locale });
  return { preview };
}

describe('EditForm', () => {
  it('has the labelled controls of a MediaWiki edit form', () => {
    renderForm(async (state) => state);
    expect((screen.getByLabelText('Content') as HTMLTextAreaElement).value).toBe('Original text');
    expect(screen.getByLabelText('Summary')).toBeTruthy();
    expect(screen.getByLabelText('This is a minor edit')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Show preview' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save page' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Cancel' }).getAttribute('href')).toBe('/wiki/ECPAT');
  });

  it('shows the server-rendered preview and keeps the typed text', async () => {
    renderForm(async (_state, formData) => {
      expect(formData.get('intent')).toBe('preview');
      const values = editFormValuesOf(formData);
      return { values, previewHtml: renderMarkdown(values.content).html };
    });
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: 'Some **bold** words' } });
    await submitWith('Show preview');
    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(preview.querySelector('strong')?.textContent).toBe('bold');
    expect((screen.getByLabelText('Content') as HTMLTextAreaElement).value).toBe('Some **bold** words');
  });

  it('renders a live preview while typing when live preview is on', async () => {
    const { preview } = renderForm(async (state) => state);
    fireEvent.click(screen.getByLabelText('Live preview'));
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: '## Live heading' } });
    await waitFor(() => expect(screen.getByRole('region', { name: 'Preview' }).querySelector('.article-body h2')?.textContent).toBe('Live heading'), { timeout: 2000 });
    expect(preview).toHaveBeenCalledWith('## Live heading', 'ECPAT');
  });

  it('shows the preview’s footnotes in the reader’s language', async () => {
    renderForm(async (state) => state, undefined, 'it');
    fireEvent.click(screen.getByLabelText('Anteprima in tempo reale'));
    fireEvent.change(screen.getByLabelText('Testo'), { target: { value: 'Fondata nel 1987.[^1]\n\n[^1]: Fonte.' } });
    await waitFor(() => expect(document.querySelector('.preview #footnote-label')?.textContent).toBe('Note'), { timeout: 2000 });
    expect(document.querySelector('.preview [data-footnote-backref]')?.getAttribute('aria-label')).toBe('Torna al richiamo 1');
  });

  it('shows validation errors next to the field and keeps everything typed', async () => {
    renderForm(async (_state, formData) => ({
      values: editFormValuesOf(formData),
      fieldErrors: { summary: 'The summary is 501 characters long; the limit is 500.' },
      formError: 'The page was not saved. Please correct the marked fields.',
    }));
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: 'My careful edit' } });
    fireEvent.change(screen.getByLabelText('Summary'), { target: { value: 'x'.repeat(20) } });
    await submitWith('Save page');
    expect((await screen.findByRole('alert')).textContent).toContain('not saved');
    expect(screen.getByText(/limit is 500/)).toBeTruthy();
    expect(screen.getByLabelText('Summary').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Content') as HTMLTextAreaElement).value).toBe('My careful edit');
    expect((screen.getByLabelText('Summary') as HTMLInputElement).value).toBe('x'.repeat(20));
  });

  it('on a conflict shows the current text to edit, keeps the editor’s own text and a diff', async () => {
    renderForm(async (_state, formData) => ({
      values: { ...editFormValuesOf(formData), content: 'Their version of the line', baseRevisionId: '9' },
      conflict: {
        yourText: editFormValuesOf(formData).content,
        diff: [
          { kind: 'removed', text: 'Their version of the line', oldNumber: 1, newNumber: null },
          { kind: 'added', text: 'My version of the line', oldNumber: null, newNumber: 1 },
        ],
      },
      formError: 'Edit conflict: someone else changed this page after you started editing.',
    }));
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: 'My version of the line' } });
    await submitWith('Save page');
    expect((await screen.findByRole('alert')).textContent).toContain('Edit conflict');
    expect((screen.getByLabelText('Content') as HTMLTextAreaElement).value).toBe('Their version of the line');
    expect((screen.getByLabelText('Your version (not saved)') as HTMLTextAreaElement).value).toBe('My version of the line');
    expect(screen.getByRole('table').textContent).toContain('Added: My version of the line');
    expect((document.querySelector('input[name="baseRevisionId"]') as HTMLInputElement).value).toBe('9');
  });

  it('reads in Italian, down to the conflict screen and the preview', async () => {
    renderForm(
      async (_state, formData) => ({
        values: { ...editFormValuesOf(formData), content: 'La loro versione', baseRevisionId: '9' },
        conflict: { yourText: editFormValuesOf(formData).content, diff: [{ kind: 'added', text: 'La mia versione', oldNumber: null, newNumber: 1 }] },
        previewHtml: renderMarkdown('La mia versione').html,
      }),
      undefined,
      'it',
    );
    expect(screen.getByLabelText('Oggetto')).toBeTruthy();
    expect(screen.getByLabelText('Questa è una modifica minore')).toBeTruthy();
    expect(screen.getByLabelText('Anteprima in tempo reale')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Visualizza anteprima' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Annulla' }).getAttribute('href')).toBe('/wiki/ECPAT');
    fireEvent.change(screen.getByLabelText('Testo'), { target: { value: 'La mia versione' } });
    await submitWith('Salva la pagina');
    expect(((await screen.findByLabelText('La tua versione (non salvata)')) as HTMLTextAreaElement).value).toBe('La mia versione');
    expect(screen.getByRole('heading', { name: 'Differenze tra la versione attuale e la tua' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Anteprima' }).textContent).toContain("solo un'anteprima");
  });
});
