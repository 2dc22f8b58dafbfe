import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ImageDrops } from '@/components/editor/ImageDrops';
import { IMAGE_FILES_EVENT, type ImageFilesDetail } from '@/components/editor/image-files-event';
import { ImageUploadPanel } from '@/components/editor/ImageUploadPanel';
import type { UploadRequest, UploadResponse } from '@/components/files/upload-request';
import { renderWithIntl } from '../support/intl';

// jsdom has no object URLs; the browser's are opaque strings like these.
beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:http://localhost/pasted');
  URL.revokeObjectURL = vi.fn();
});

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (name = 'image.png') => new File([PNG_BYTES], name, { type: 'image/png' });
const NOW = () => new Date(2026, 11, 5, 12, 34, 56);

type Send = (request: UploadRequest, onProgress: (sent: number) => void) => Promise<UploadResponse>;

function renderPanel(send: Send, options: { file?: File; locale?: 'en' | 'it'; index?: number; total?: number } = {}) {
  const onDone = vi.fn();
  const view = renderWithIntl(<ImageUploadPanel file={options.file ?? png()} index={options.index ?? 1} total={options.total ?? 1} onDone={onDone} send={send} now={NOW} />, {
    locale: options.locale,
  });
  return { onDone, view };
}

const nameField = () => screen.getByLabelText('File name') as HTMLInputElement;

async function click(name: string) {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('the panel of an image pasted into the editor', () => {
  it('suggests a dated name for a screenshot, selected up to its extension, and previews the image', () => {
    renderPanel(vi.fn());
    screen.getByRole('group', { name: 'Upload the pasted image' });
    expect(nameField().value).toBe('Screenshot 2026-12-05 12-34-56.png');
    expect(document.activeElement).toBe(nameField());
    expect([nameField().selectionStart, nameField().selectionEnd]).toEqual([0, 'Screenshot 2026-12-05 12-34-56'.length]);
    expect(screen.getByRole('img', { name: 'The image to upload' }).getAttribute('src')).toBe('blob:http://localhost/pasted');
    expect(screen.getByText("The name of its file page. The extension stays .png, the image's type.")).toBeTruthy();
  });

  it('uploads under the name given, with the extension kept, shows the progress and then hands the name back', async () => {
    let finish: (response: UploadResponse) => void = () => {};
    let progress: (sent: number) => void = () => {};
    const send = vi.fn<Send>((_request, onProgress) => {
      progress = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    const { onDone } = renderPanel(send, { file: png('holiday.png'), index: 2, total: 3 });
    screen.getByRole('group', { name: 'Upload image 2 of 3' });
    fireEvent.change(nameField(), { target: { value: 'Beach.jpg' } });
    fireEvent.change(screen.getByLabelText('Description (optional)'), { target: { value: 'The beach at dawn' } });
    await click('Upload and insert');
    expect(send.mock.calls[0]![0]).toMatchObject({ title: 'File:Beach.png', text: 'The beach at dawn', confirm: [], expect: null, newVersion: false });
    act(() => progress(0.4));
    expect(screen.getByRole('status').textContent).toContain('40% sent');
    expect(screen.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('value')).toBe('40');
    expect((screen.getByRole('button', { name: 'Cancel' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => finish({ kind: 'uploaded', href: '/wiki/File:Beach.png' }));
    expect(onDone).toHaveBeenCalledWith('Beach.png');
  });

  it("says why the server refused, in the reader's language, inserts nothing and lets the user try again", async () => {
    const send = vi.fn<Send>(async () => ({ kind: 'refused', status: 415, message: 'Il file non è un tipo accettato.' }));
    const { onDone } = renderPanel(send, { locale: 'it' });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Carica e inserisci' }));
    });
    expect(screen.getByRole('alert').textContent).toBe("L'immagine non è stata caricata e non è stato inserito nulla: Il file non è un tipo accettato.");
    expect(onDone).not.toHaveBeenCalled();
    expect((screen.getByRole('button', { name: 'Carica e inserisci' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('reports a lost connection and an unexplained answer', async () => {
    const send = vi.fn<Send>().mockResolvedValueOnce({ kind: 'network' }).mockResolvedValueOnce({ kind: 'refused', status: 502, message: null });
    renderPanel(send);
    await click('Upload and insert');
    expect(screen.getByRole('alert').textContent).toContain('The upload did not reach the server.');
    await click('Upload and insert');
    expect(screen.getByRole('alert').textContent).toContain('The server answered 502 without an explanation.');
  });

  it('offers the existing file, a new version or another name when the name is taken', async () => {
    const send = vi.fn<Send>().mockResolvedValueOnce({ kind: 'warnings', warnings: [{ code: 'exists', latestVersionId: 7, sha1: 'a'.repeat(40) }] });
    const { onDone } = renderPanel(send, { file: png('logo.png') });
    await click('Upload and insert');
    expect(screen.getByText(/already exists/).textContent).toContain('File:Logo.png');
    screen.getByRole('button', { name: 'Upload as a new version' });
    expect(screen.getByText('Or change the name and upload again.')).toBeTruthy();
    await click('Insert the existing Logo.png');
    expect(onDone).toHaveBeenCalledWith('Logo.png');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('confirms a duplicate, or inserts the file that already has these bytes', async () => {
    const send = vi
      .fn<Send>()
      .mockResolvedValueOnce({ kind: 'warnings', warnings: [{ code: 'duplicate', titles: ['File:Old logo.png'] }] })
      .mockResolvedValueOnce({ kind: 'uploaded', href: '/wiki/File:Logo.png' });
    const { onDone } = renderPanel(send, { file: png('logo.png') });
    await click('Upload and insert');
    screen.getByRole('button', { name: 'Insert the existing Old logo.png' });
    await click('Upload anyway');
    expect(send.mock.calls[1]![0]).toMatchObject({ title: 'File:Logo.png', confirm: ['duplicate'], newVersion: false });
    expect(onDone).toHaveBeenCalledWith('Logo.png');
  });

  it('inserts nothing on Esc or Cancel, and Enter in the name uploads without submitting a form around it', async () => {
    const send = vi.fn<Send>(async () => ({ kind: 'uploaded', href: '/wiki/File:X.png' }));
    const first = renderPanel(send);
    fireEvent.keyDown(nameField(), { key: 'Escape' });
    expect(first.onDone).toHaveBeenCalledWith(null);
    first.view.unmount();
    const second = renderPanel(send);
    await click('Cancel');
    expect(second.onDone).toHaveBeenCalledWith(null);
    second.view.unmount();
    const third = renderPanel(send);
    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    await act(async () => {
      nameField().dispatchEvent(enter);
    });
    expect(enter.defaultPrevented).toBe(true);
    expect(third.onDone).toHaveBeenCalledWith('Screenshot 2026-12-05 12-34-56.png');
  });

  it('asks for a name rather than sending none', async () => {
    const send = vi.fn<Send>();
    renderPanel(send);
    fireEvent.change(nameField(), { target: { value: '  ' } });
    await click('Upload and insert');
    expect(screen.getByRole('alert').textContent).toContain('Give the file a name first.');
    expect(send).not.toHaveBeenCalled();
  });
});

describe('the queue of images pasted or dropped together', () => {
  it('names them one after another and, cancelled, inserts nothing and forgets the place', async () => {
    const editor = document.createElement('div');
    const place = vi.fn();
    const release = vi.fn();
    const focusEditor = vi.fn();
    renderWithIntl(<ImageDrops editor={editor} focusEditor={focusEditor} />);
    const detail: ImageFilesDetail = { files: [png('one.png'), png('two.png')], place, release };
    act(() => {
      editor.dispatchEvent(new CustomEvent(IMAGE_FILES_EVENT, { detail }));
    });
    await screen.findByRole('group', { name: 'Upload image 1 of 2' });
    expect(nameField().value).toBe('One.png');
    await click('Cancel');
    await screen.findByRole('group', { name: 'Upload image 2 of 2' });
    expect(nameField().value).toBe('Two.png');
    expect(release).not.toHaveBeenCalled();
    expect(focusEditor).not.toHaveBeenCalled();
    fireEvent.keyDown(nameField(), { key: 'Escape' });
    expect(screen.queryByRole('group')).toBeNull();
    expect(place).not.toHaveBeenCalled();
    expect(release).toHaveBeenCalledTimes(1);
    expect(focusEditor).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('status').textContent).toBe('Nothing was inserted.');
  });
});
