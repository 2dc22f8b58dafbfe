import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FILE_LIST_ENDPOINT, ImagePicker } from '@/components/editor/ImagePicker';
import { Toolbar } from '@/components/editor/Toolbar';
import { renderWithIntl } from '../support/intl';

/**
 * The Insert image picker against answers in the shape of GET /w/rest.php/v1/file (its real
 * answers are checked in tests/integration/rest-file-list.test.ts; the insertion into the
 * CodeMirror editor in tests/e2e/editor-autocomplete.test.ts, since jsdom has no layout engine).
 */
const FILES = ['Sunrise over Manila.png', 'Logo ECPAT.svg', 'Sunset.jpg'];

const fileObject = (name: string) => ({
  title: `File:${name}`,
  file_description_url: `http://wiki.test/wiki/File:${encodeURIComponent(name)}`,
  thumbnail: { mediatype: 'BITMAP', size: null, width: 250, height: 180, duration: null, url: `http://wiki.test/images/thumb/abc/${encodeURIComponent(name)}/250px` },
});

function answer(q: string, files = FILES): Response {
  const matching = files.filter((name) => name.toLowerCase().includes(q.toLowerCase()));
  return Response.json({ files: matching.map(fileObject) });
}

const fetchMock = vi.fn(async (url: string, _init?: RequestInit) => answer(new URL(url, 'http://wiki.test').searchParams.get('q') ?? ''));

beforeEach(() => {
  vi.stubGlobal('fetch', fetchMock);
});
// The openers are appended by hand, outside React: the component files share one document, so a
// left-over button would be found by the next file's queries.
const openers: HTMLButtonElement[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  fetchMock.mockClear();
  for (const opener of openers.splice(0)) opener.remove();
});

function open(locale: 'en' | 'it' = 'en') {
  const onChoose = vi.fn();
  const onCancel = vi.fn();
  const opener = document.createElement('button');
  openers.push(opener);
  document.body.append(opener);
  opener.focus();
  const view = renderWithIntl(<ImagePicker onChoose={onChoose} onCancel={onCancel} />, { locale });
  return { onChoose, onCancel, opener, view };
}

const fileButtons = () => screen.getAllByRole('button').filter((button) => button.querySelector('img'));

describe('the Insert image picker', () => {
  it('is a dialog listing the uploaded files with thumbnails, newest first as the endpoint gives them, and a link to upload in a new tab', async () => {
    open();
    const dialog = screen.getByRole('dialog', { name: 'Insert an image' });
    expect(dialog.getAttribute('aria-describedby')).toBeTruthy();
    await waitFor(() => expect(fileButtons()).toHaveLength(3));
    expect(fetchMock.mock.calls[0]![0]).toBe(`${FILE_LIST_ENDPOINT}?q=&limit=30`);
    expect(fileButtons().map((button) => button.textContent)).toEqual(FILES);
    expect(screen.getByRole('button', { name: 'Sunset.jpg' }).querySelector('img')).toMatchObject({ alt: '' });
    expect(screen.getByRole('button', { name: 'Sunset.jpg' }).querySelector('img')!.getAttribute('src')).toBe('/images/thumb/abc/Sunset.jpg/250px');
    expect(screen.getByRole('status').textContent).toBe('3 files');
    const upload = screen.getByRole('link', { name: 'Upload a new file (opens in a new tab)' });
    expect(upload.getAttribute('href')).toBe('/wiki/Special:Upload');
    expect(upload.getAttribute('target')).toBe('_blank');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search files' }));
  });

  it('filters with the search box (one request once typing pauses) and inserts the chosen file', async () => {
    const { onChoose } = open();
    await waitFor(() => expect(fileButtons()).toHaveLength(3));
    const search = screen.getByRole('searchbox', { name: 'Search files' });
    fireEvent.change(search, { target: { value: 'S' } });
    fireEvent.change(search, { target: { value: 'Sun' } });
    await waitFor(() => expect(fileButtons().map((button) => button.textContent)).toEqual(['Sunrise over Manila.png', 'Sunset.jpg']));
    expect(fetchMock.mock.calls.map((call) => call[0])).toEqual([`${FILE_LIST_ENDPOINT}?q=&limit=30`, `${FILE_LIST_ENDPOINT}?q=Sun&limit=30`]);
    fireEvent.click(screen.getByRole('button', { name: 'Sunset.jpg' }));
    expect(onChoose).toHaveBeenCalledWith('Sunset.jpg');
  });

  it('says when nothing matches, when nothing is uploaded and when the list cannot be loaded', async () => {
    open();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zebra' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No file name contains “zebra”.'));
    expect(fileButtons()).toHaveLength(0);
    fetchMock.mockImplementationOnce(async () => new Response('{}', { status: 503 }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zebras' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('The files could not be loaded. Try again in a moment.'));
    fetchMock.mockImplementationOnce(async () => answer('', []));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: '' } });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('No files have been uploaded yet.'));
  });

  it('never shows the answer to an older query', async () => {
    let late: (response: Response) => void = () => {};
    fetchMock.mockImplementationOnce(() => new Promise<Response>((resolve) => (late = resolve)));
    open();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'Logo' } });
    await waitFor(() => expect(fileButtons().map((button) => button.textContent)).toEqual(['Logo ECPAT.svg']));
    await act(async () => late(answer('')));
    expect(fileButtons().map((button) => button.textContent)).toEqual(['Logo ECPAT.svg']);
  });

  it('works from the keyboard: arrows from the search box through the files, Enter stays in the dialog, Tab wraps, Esc closes and gives the focus back', async () => {
    const { onChoose, onCancel, opener } = open();
    await waitFor(() => expect(fileButtons()).toHaveLength(3));
    const search = screen.getByRole('searchbox');
    expect(fireEvent.keyDown(search, { key: 'Enter' })).toBe(false);
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(fileButtons()[0]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(fileButtons()[1]);
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(search);
    const cancel = screen.getByRole('button', { name: 'Cancel' });
    cancel.focus();
    fireEvent.keyDown(cancel, { key: 'Tab' });
    expect(document.activeElement).toBe(search);
    fireEvent.keyDown(search, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Escape' });
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(onChoose).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it('reads in Italian', async () => {
    open('it');
    screen.getByRole('dialog', { name: "Inserisci un'immagine" });
    screen.getByRole('searchbox', { name: 'Cerca file' });
    screen.getByRole('link', { name: 'Carica un nuovo file (si apre in una nuova scheda)' });
    screen.getByRole('button', { name: 'Annulla' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('3 file'));
  });
});

describe('the Insert image button', () => {
  it('is on the toolbar when the editor offers the picker, named and with a tooltip in both languages, and opens it', () => {
    const onInsertImage = vi.fn();
    const { unmount } = renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} onInsertImage={onInsertImage} />, { locale: 'en' });
    const button = screen.getByRole('button', { name: 'Insert image' });
    expect(button.title).toBe('Insert image');
    expect(button.getAttribute('aria-haspopup')).toBe('dialog');
    fireEvent.click(button);
    expect(onInsertImage).toHaveBeenCalledTimes(1);
    unmount();
    renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} onInsertImage={onInsertImage} />, { locale: 'it' });
    expect(screen.getByRole('button', { name: 'Inserisci immagine' }).title).toBe('Inserisci immagine');
  });

  it('is not there without a picker', () => {
    renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} />, { locale: 'en' });
    expect(screen.queryByRole('button', { name: 'Insert image' })).toBeNull();
  });
});
