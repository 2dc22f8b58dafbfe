import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadForm } from '@/components/files/UploadForm';
import { sendUpload, type UploadRequest, type UploadResponse } from '@/components/files/upload-request';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import { renderWithIntl } from '../support/intl';

// jsdom has no object URLs; the browser's are opaque strings like these.
beforeEach(() => {
  let made = 0;
  URL.createObjectURL = vi.fn(() => `blob:http://localhost/preview-${++made}`);
  URL.revokeObjectURL = vi.fn();
});

const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const png = (name = 'ecpat logo.png', bytes: BlobPart = PNG_BYTES) => new File([bytes], name, { type: 'image/png' });

type Send = (request: UploadRequest, onProgress: (sent: number) => void) => Promise<UploadResponse>;

function renderForm(options: { send: Send; navigate?: (href: string) => void; maxBytes?: number; title?: string; forReUpload?: boolean; locale?: Locale }) {
  const navigate = options.navigate ?? vi.fn();
  renderWithIntl(
    <UploadForm
      initial={{ title: options.title ?? '', comment: '', text: '' }}
      forReUpload={options.forReUpload ?? false}
      maxBytes={options.maxBytes ?? 10 * 1024 * 1024}
      accept=".png,image/png"
      navigate={navigate}
      send={options.send}
    />,
    { locale: options.locale },
  );
  return { navigate };
}

const dropZone = () => screen.getByText('Drag and drop a file here, or choose one:').closest('.upload-drop-zone')!;

async function submit(name = 'Upload file') {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name }));
  });
}

describe('UploadForm', () => {
  it('takes a dropped file: previews it and suggests its name, normalized as a title', () => {
    renderForm({ send: vi.fn() });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png('my_logo__v2.png')] } });
    const preview = screen.getByRole('img', { name: 'Preview of my_logo__v2.png' });
    expect(preview.getAttribute('src')).toBe('blob:http://localhost/preview-1');
    expect((screen.getByLabelText('Destination file name') as HTMLInputElement).value).toBe('My logo v2.png');
    expect(screen.getByText('my_logo__v2.png (8 bytes)')).toBeTruthy();
  });

  it('takes a file from the labelled picker too, and frees the previous preview', () => {
    renderForm({ send: vi.fn() });
    const picker = screen.getByLabelText('File to upload') as HTMLInputElement;
    expect(picker.type).toBe('file');
    fireEvent.change(picker, { target: { files: [png('first.png')] } });
    fireEvent.change(picker, { target: { files: [png('second.png')] } });
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:http://localhost/preview-1');
    expect(screen.getByRole('img', { name: 'Preview of second.png' })).toBeTruthy();
  });

  it('keeps a destination the uploader typed (or wpDestFile gave) when a file is chosen', () => {
    renderForm({ send: vi.fn(), title: 'Logo of ECPAT.png' });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png('scan.png')] } });
    expect((screen.getByLabelText('Destination file name') as HTMLInputElement).value).toBe('Logo of ECPAT.png');
  });

  it('sends the fields, shows the progress, and opens the File page afterwards', async () => {
    let report: (sent: number) => void = () => {};
    let finish: (response: UploadResponse) => void = () => {};
    const send = vi.fn<Send>((_request, onProgress) => {
      report = onProgress;
      return new Promise((resolve) => (finish = resolve));
    });
    const { navigate } = renderForm({ send });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'The logo.' } });
    fireEvent.change(screen.getByLabelText('Upload comment'), { target: { value: 'first version' } });
    await submit();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send.mock.calls[0]![0]).toMatchObject({ title: 'File:Ecpat logo.png', comment: 'first version', text: 'The logo.', confirm: [], expect: null, newVersion: false });
    act(() => report(0.42));
    const progress = screen.getByLabelText('Upload progress') as HTMLProgressElement;
    expect(progress.value).toBe(42);
    expect(screen.getByText('42% sent')).toBeTruthy();
    await act(async () => finish({ kind: 'uploaded', href: '/wiki/File:Ecpat_logo.png' }));
    expect(navigate).toHaveBeenCalledWith('/wiki/File:Ecpat_logo.png');
  });

  it('shows a refusal with the server’s message and keeps the file and every field', async () => {
    const send = vi.fn<Send>(async () => ({ kind: 'refused', status: 415, message: 'The file is a PDF; allowed: PNG, JPEG.' }));
    renderForm({ send });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    fireEvent.change(screen.getByLabelText('Destination file name'), { target: { value: 'Report.png' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Annual report' } });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('The file is a PDF; allowed: PNG, JPEG.');
    expect((screen.getByLabelText('Destination file name') as HTMLInputElement).value).toBe('Report.png');
    expect((screen.getByLabelText('Description') as HTMLTextAreaElement).value).toBe('Annual report');
    expect(screen.getByRole('img', { name: 'Preview of ecpat logo.png' })).toBeTruthy();
    // Sending again sends the same file.
    await submit();
    expect(send.mock.calls[1]![0].file).toBe(send.mock.calls[0]![0].file);
  });

  it('says so when the server gave no message or no answer at all', async () => {
    const answers: UploadResponse[] = [{ kind: 'refused', status: 502, message: null }, { kind: 'network' }];
    renderForm({ send: async () => answers.shift()! });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('The server answered 502 without an explanation. Try again in a moment.');
    await submit();
    expect(screen.getByRole('alert').textContent).toMatch(/^The upload did not reach the server\./);
  });

  it('asks before uploading over an existing file, then sends a new version with the warning confirmed', async () => {
    const send = vi
      .fn<Send>()
      .mockResolvedValueOnce({ kind: 'warnings', warnings: [{ code: 'exists', latestVersionId: 7, sha1: 'a'.repeat(40) }] })
      .mockResolvedValueOnce({ kind: 'uploaded', href: '/wiki/File:Logo.png' });
    const { navigate } = renderForm({ send, title: 'Logo.png' });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    await submit();
    const warning = screen.getByRole('alert');
    expect(warning.textContent).toContain('A file named File:Logo.png already exists.');
    expect(screen.getByRole('link', { name: 'File:Logo.png' }).getAttribute('href')).toBe('/wiki/File:Logo.png');
    await submit('Upload as a new version');
    expect(send.mock.calls[1]![0]).toMatchObject({ title: 'File:Logo.png', confirm: ['exists'], expect: 7, newVersion: true });
    expect(navigate).toHaveBeenCalledWith('/wiki/File:Logo.png');
  });

  it('names the files a duplicate upload repeats', async () => {
    const send = vi.fn<Send>().mockResolvedValueOnce({ kind: 'warnings', warnings: [{ code: 'duplicate', titles: ['File:Old logo.png'] }] });
    renderForm({ send });
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    await submit();
    expect(screen.getByText('This file is a duplicate of the following file:')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'File:Old logo.png' }).getAttribute('href')).toBe('/wiki/File:Old_logo.png');
    send.mockResolvedValueOnce({ kind: 'refused', status: 429, message: 'Too many uploads.' });
    await submit('Upload anyway');
    expect(send.mock.calls[1]![0]).toMatchObject({ confirm: ['duplicate'], newVersion: false });
  });

  it('refuses a file over the limit before sending it, and asks for a file when none is chosen', async () => {
    const send = vi.fn<Send>();
    renderForm({ send, maxBytes: 4 });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('Choose a file to upload first.');
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    expect(screen.getByRole('alert').textContent).toBe('This file is 8 bytes; the largest file that can be uploaded is 4 bytes.');
    await submit();
    expect(send).not.toHaveBeenCalled();
  });

  it('moves the focus to what the answer says (it shows above the form, out of view of the button)', async () => {
    const send = vi
      .fn<Send>()
      .mockResolvedValueOnce({ kind: 'refused', status: 415, message: 'Not an image.' })
      .mockResolvedValueOnce({ kind: 'refused', status: 415, message: 'Not an image.' })
      .mockResolvedValueOnce({ kind: 'warnings', warnings: [{ code: 'exists', latestVersionId: 7, sha1: 'a'.repeat(40) }] });
    renderForm({ send, title: 'Logo.png' });
    await submit();
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    fireEvent.drop(dropZone(), { dataTransfer: { files: [png()] } });
    await submit();
    expect(document.activeElement?.textContent).toBe('Not an image.');
    // The same answer again (the button took the focus meanwhile): the focus goes back to it.
    screen.getByRole('button', { name: 'Upload file' }).focus();
    await submit();
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    // Warnings: their heading and the button that confirms them come next for the keyboard.
    await submit();
    expect(document.activeElement).toBe(screen.getByRole('alert'));
    expect(document.activeElement?.textContent).toContain('A file named File:Logo.png already exists.');
  });

  it('speaks Italian', () => {
    renderForm({ send: vi.fn(), locale: 'it' });
    expect(screen.getByLabelText('File da caricare')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Carica file' })).toBeTruthy();
  });
});

describe('sendUpload', () => {
  const realXhr = globalThis.XMLHttpRequest;
  afterEach(() => {
    globalThis.XMLHttpRequest = realXhr;
  });

  /** The browser's XMLHttpRequest as far as sendUpload uses it, answering as the server would. */
  function answering(status: number, body: unknown) {
    const sent: { method: string; url: string; form: FormData }[] = [];
    class ServerXhr {
      upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      onabort: (() => void) | null = null;
      withCredentials = false;
      status = 0;
      responseText = '';
      private method = '';
      private url = '';
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      send(form: FormData) {
        sent.push({ method: this.method, url: this.url, form });
        this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 });
        this.status = status;
        this.responseText = JSON.stringify(body);
        queueMicrotask(() => this.onload?.());
      }
    }
    globalThis.XMLHttpRequest = ServerXhr as unknown as typeof XMLHttpRequest;
    return sent;
  }

  const request: UploadRequest = { file: png('logo.png'), title: 'File:Logo of ECPAT.png', comment: 'c', text: 't', confirm: [], expect: null, newVersion: false };

  it('posts a new file as multipart fields and reports the progress', async () => {
    const sent = answering(201, { title: 'Logo of ECPAT.png', file_description_url: 'http://localhost:3000/wiki/File:Logo_of_ECPAT.png' });
    const progress: number[] = [];
    await expect(sendUpload(request, (share) => progress.push(share))).resolves.toEqual({ kind: 'uploaded', href: '/wiki/File:Logo_of_ECPAT.png' });
    expect(progress).toEqual([0.5]);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('/w/rest.php/v1/file');
    const form = sent[0]!.form;
    expect([form.get('title'), form.get('comment'), form.get('text'), form.get('confirm')]).toEqual(['File:Logo of ECPAT.png', 'c', 't', null]);
    expect((form.get('file') as File).name).toBe('logo.png');
  });

  it('puts a confirmed new version to the file’s own address', async () => {
    const sent = answering(200, {});
    await sendUpload({ ...request, newVersion: true, confirm: ['exists', 'duplicate'], expect: 7 }, () => {});
    expect(sent[0]!.method).toBe('PUT');
    expect(sent[0]!.url).toBe('/w/rest.php/v1/file/File:Logo_of_ECPAT.png');
    expect([sent[0]!.form.get('confirm'), sent[0]!.form.get('expect')]).toEqual(['exists,duplicate', '7']);
  });

  it('reads warnings and MediaWiki-shaped refusals', async () => {
    answering(409, { errorKey: 'upload-warnings', httpCode: 409, warnings: [{ code: 'duplicate', titles: ['File:A.png'] }] });
    await expect(sendUpload(request, () => {})).resolves.toEqual({ kind: 'warnings', warnings: [{ code: 'duplicate', titles: ['File:A.png'] }] });
    answering(413, { errorKey: 'rest-too-large', httpCode: 413, messageTranslations: { en: 'The file is 12 MiB; the limit is 10 MiB.' } });
    await expect(sendUpload(request, () => {})).resolves.toEqual({ kind: 'refused', status: 413, message: 'The file is 12 MiB; the limit is 10 MiB.' });
    document.documentElement.lang = 'it';
    answering(429, { httpCode: 429, messageTranslations: { en: 'Too many uploads.', it: 'Troppi caricamenti.' } });
    await expect(sendUpload(request, () => {})).resolves.toEqual({ kind: 'refused', status: 429, message: 'Troppi caricamenti.' });
    document.documentElement.lang = '';
    answering(502, '<html>Bad gateway</html>');
    await expect(sendUpload(request, () => {})).resolves.toEqual({ kind: 'refused', status: 502, message: null });
  });

  it('never navigates off the site on the answer’s say-so', async () => {
    answering(201, { file_description_url: 'https://evil.example/wiki/File:X.png' });
    await expect(sendUpload(request, () => {})).resolves.toEqual({ kind: 'uploaded', href: '/wiki/File:Logo_of_ECPAT.png' });
  });
});

describe('the drop zone', () => {
  it('marks itself while a file is dragged over it', async () => {
    renderForm({ send: vi.fn() });
    fireEvent.dragEnter(dropZone());
    expect(dropZone().getAttribute('data-dragging')).toBe('true');
    fireEvent.dragLeave(dropZone());
    await waitFor(() => expect(dropZone().getAttribute('data-dragging')).toBeNull());
  });
});
