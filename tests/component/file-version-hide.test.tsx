import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FileVersionHideForm } from '@/components/files/FileVersionHideForm';
import { FileVersionSummary } from '@/components/files/FileVersionSummary';
import { FileHistoryTable } from '@/components/files/FileHistoryTable';
import { fileHistoryRows } from '@/lib/domain/files/file-page-view';
import { fileHiddenParts, type FileVersionInfo } from '@/lib/domain/files/types';
import { parseTitle } from '@/lib/domain/titles';
import { FILE_VERSION_HIDE_FIELDS, fileVersionHideSchema, type FileVersionHideState } from '@/lib/domain/files/hide-version-input';
import { formValues, invalidInput } from '@/lib/domain/form-state';
import { renderWithIntl } from '../support/intl';

const INITIAL = { target: 'File:Logo.png', versionId: '12', hideFile: '', hideComment: 'on', hideUploader: '', reason: '', seenHidden: '2' };

/** The real action's validation step, recording what the form sent (the server call is the integration test's). */
function validatingAction(sent: { values?: Record<string, string>; bits?: number }) {
  return async (_state: FileVersionHideState, formData: FormData): Promise<FileVersionHideState> => {
    const values = formValues(formData, FILE_VERSION_HIDE_FIELDS);
    sent.values = values;
    const parsed = fileVersionHideSchema.safeParse(values);
    if (parsed.success) sent.bits = parsed.data.hidden;
    return parsed.success ? { values } : invalidInput(values, parsed.error);
  };
}

describe('FileVersionHideForm', () => {
  it('sends the ticked parts as bits with what the administrator saw, and keeps them when the reason is missing', async () => {
    const sent: { values?: Record<string, string>; bits?: number } = {};
    renderWithIntl(<FileVersionHideForm action={validatingAction(sent)} isCurrent={false} initial={INITIAL} />);
    expect((screen.getByLabelText('Hide the upload comment') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Hide the file'));
    // Only spaces: the browser's `required` lets it through, the schema does not.
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '   ' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply to the selected version' }));
    });
    expect(sent.values).toMatchObject({ target: 'File:Logo.png', versionId: '12', hideFile: 'on', hideComment: 'on', hideUploader: '', seenHidden: '2', reason: '   ' });
    expect(sent.bits).toBeUndefined();
    expect(screen.getByLabelText('Reason').getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Hide the file') as HTMLInputElement).checked).toBe(true);

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Personal data' } });
    fireEvent.click(screen.getByLabelText('Hide the upload comment'));
    fireEvent.click(screen.getByLabelText("Hide the uploader's username"));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Apply to the selected version' }));
    });
    expect(sent.bits).toBe(1 | 4);
  });

  it('keeps the current version’s file box off and says why, in Italian', () => {
    renderWithIntl(<FileVersionHideForm action={validatingAction({})} isCurrent initial={INITIAL} />, { locale: 'it' });
    expect(screen.getByRole('group', { name: 'Visibilità per gli utenti che non sono amministratori' })).toBeTruthy();
    expect((screen.getByLabelText('Nascondi il file') as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByText(/il file della versione attuale non può essere nascosto/)).toBeTruthy();
    expect((screen.getByLabelText('Nascondi il commento del caricamento') as HTMLInputElement).disabled).toBe(false);
    expect(screen.getByLabelText('Motivo')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Applica alla versione selezionata' })).toBeTruthy();
  });

  it('lets a current version whose file is already hidden be shown again', () => {
    renderWithIntl(<FileVersionHideForm action={validatingAction({})} isCurrent initial={{ ...INITIAL, hideFile: 'on', seenHidden: '3' }} />);
    const box = screen.getByLabelText('Hide the file') as HTMLInputElement;
    expect(box.disabled).toBe(false);
    expect(box.checked).toBe(true);
  });
});

describe('FileVersionSummary', () => {
  const version: FileVersionInfo = {
    id: 12,
    pageId: 40,
    sha1: 'a'.repeat(40),
    size: 900,
    width: 100,
    height: 50,
    mime: 'image/png',
    uploader: { id: 2, name: 'Jane Fan' },
    comment: 'phone number inside',
    createdAt: new Date(Date.UTC(2026, 11, 1, 9, 30)),
    archived: false,
    hidden: fileHiddenParts(1 | 2),
    withheld: fileHiddenParts(0),
    isLatest: false,
  };

  it('shows administrators the version with its hidden file and comment marked, linking to the original', () => {
    const title = parseTitle('File:Logo.png');
    renderWithIntl(<FileVersionSummary title={title} row={fileHistoryRows([version], title.dbKey, null)[0]!} />);
    expect(screen.getByRole('link', { name: 'File:Logo.png' }).getAttribute('href')).toBe('/wiki/File:Logo.png');
    expect(screen.getByRole('link', { name: 'Jane Fan' })).toBeTruthy();
    expect(screen.getByText('(phone number inside)')).toBeTruthy();
    expect(screen.getAllByText('(hidden from others)')).toHaveLength(2);
    const thumbnail = screen.getByRole('img');
    expect(thumbnail.closest('a')!.getAttribute('href')).toBe(`/images/${'a'.repeat(40)}/Logo.png`);
  });
});

describe('the file history’s change-visibility links', () => {
  const versions: FileVersionInfo[] = [12, 11].map((id) => ({
    id,
    pageId: 40,
    sha1: String(id).repeat(20),
    size: 900,
    width: 100,
    height: 50,
    mime: 'image/png',
    uploader: { id: 2, name: 'Jane Fan' },
    comment: `upload ${id}`,
    createdAt: new Date(Date.UTC(2026, 11, 1, 9, id)),
    archived: false,
    hidden: fileHiddenParts(0),
    withheld: fileHiddenParts(0),
    isLatest: id === 12,
  }));

  it('link each version to Special:RevisionDelete?type=oldimage for administrators, in Italian too', () => {
    const { unmount } = renderWithIntl(<FileHistoryTable rows={fileHistoryRows(versions, 'Logo_2.png', null, true)} />);
    expect(screen.getAllByRole('link', { name: 'change visibility' }).map((link) => link.getAttribute('href'))).toEqual([
      '/wiki/Special:RevisionDelete?type=oldimage&target=File:Logo_2.png&ids=12',
      '/wiki/Special:RevisionDelete?type=oldimage&target=File:Logo_2.png&ids=11',
    ]);
    unmount();
    renderWithIntl(<FileHistoryTable rows={fileHistoryRows(versions, 'Logo_2.png', null, true)} />, { locale: 'it' });
    expect(screen.getAllByRole('link', { name: 'modifica visibilità' })).toHaveLength(2);
  });

  it('offer nothing to everyone else', () => {
    renderWithIntl(<FileHistoryTable rows={fileHistoryRows(versions, 'Logo_2.png', '/wiki/File:Logo_2.png')} />);
    expect(screen.queryByRole('link', { name: 'change visibility' })).toBeNull();
    expect(screen.getByRole('link', { name: 'revert' })).toBeTruthy();
  });
});
