import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditForm } from '@/components/EditForm';
import type { EditFormValues } from '@/lib/domain/edit-form';
import { renderMarkdown } from '@/lib/domain/markdown';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import { renderWithIntl } from '../support/intl';

const initial: EditFormValues = { title: 'ECPAT', content: '# First\n\nOriginal text', summary: '', minor: false, baseRevisionId: '7' };

function renderForm(locale: Locale = 'en') {
  const preview = vi.fn(async (text: string) => renderMarkdown(text).html);
  const view = renderWithIntl(<EditForm initial={initial} cancelHref="/wiki/ECPAT" action={async (state) => state} preview={preview} />, { locale });
  return { preview, ...view };
}

const panes = () => document.querySelector('.edit-panes')!;

afterEach(() => window.localStorage.clear());

describe('the preview layout toggle', () => {
  it('starts below the form: no preview column, live preview off', () => {
    renderForm();
    const toggle = screen.getByLabelText('Preview beside the text') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(panes().className).toBe('edit-panes');
    expect(document.querySelector('form')!.className).toBe('edit-form');
    expect((screen.getByLabelText('Live preview') as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('region', { name: 'Preview' })).toBeNull();
  });

  it('puts the preview beside the text, live, and remembers the choice', async () => {
    const { preview, unmount } = renderForm();
    fireEvent.click(screen.getByLabelText('Preview beside the text'));
    expect(panes().className).toBe('edit-panes edit-panes-beside');
    expect(document.querySelector('form')!.className).toBe('edit-form edit-form-beside');
    const live = screen.getByLabelText('Live preview') as HTMLInputElement;
    expect(live.checked).toBe(true);
    expect(live.disabled).toBe(true);
    // The preview is the second column, next to the text, and a Tab stop (it scrolls by itself).
    const region = screen.getByRole('region', { name: 'Preview' });
    expect(region.parentElement).toBe(panes());
    expect(region.previousElementSibling?.className).toBe('edit-text');
    expect(region.tabIndex).toBe(0);
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: '# First\n\n## Typed beside' } });
    await waitFor(() => expect(region.querySelector('h2[data-section="2"]')?.textContent).toBe('Typed beside'), { timeout: 2000 });
    expect(preview).toHaveBeenLastCalledWith('# First\n\n## Typed beside', 'ECPAT');
    expect(window.localStorage.getItem('wiki:edit-preview-layout')).toBe('beside');

    unmount();
    renderForm();
    expect((screen.getByLabelText('Preview beside the text') as HTMLInputElement).checked).toBe(true);
    expect(panes().className).toBe('edit-panes edit-panes-beside');
  });

  it('goes back below and keeps the text when switched off', async () => {
    window.localStorage.setItem('wiki:edit-preview-layout', 'beside');
    renderForm();
    fireEvent.change(screen.getByLabelText('Content'), { target: { value: 'Kept while switching' } });
    await act(async () => {
      fireEvent.click(screen.getByLabelText('Preview beside the text'));
    });
    expect(panes().className).toBe('edit-panes');
    expect(window.localStorage.getItem('wiki:edit-preview-layout')).toBe('below');
    expect((screen.getByLabelText('Content') as HTMLTextAreaElement).value).toBe('Kept while switching');
    expect((screen.getByLabelText('Live preview') as HTMLInputElement).disabled).toBe(false);
  });

  it('is named in Italian', () => {
    renderForm('it');
    expect(screen.getByLabelText('Anteprima accanto al testo')).toBeTruthy();
  });
});
