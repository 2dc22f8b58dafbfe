import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart, readMultipart, textField } from '@/lib/server/rest/file-multipart';
import { RestError } from '@/lib/server/rest/errors';

/** The body and Content-Type the platform's FormData serializes to (what browsers and fetch send). */
async function serialized(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type')! };
}

const tooLarge = () => new RestError('PAYLOAD_TOO_LARGE', 'rest-too-large', 'The request body is too large for this test.');

function refusal(run: () => unknown): { code: string; errorKey: string; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof RestError) return { code: error.code, errorKey: error.errorKey, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseMultipart', () => {
  it('reads what FormData sends: fields, a file with its name, empty values, UTF-8 and binary bytes', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
    // Bytes that look like a delimiter's start must not end the part early.
    bytes.set(new TextEncoder().encode('\r\n--'), 100);
    const form = new FormData();
    form.append('title', 'File:Città «logo».png');
    form.append('comment', '');
    form.append('file', new Blob([bytes], { type: 'image/png' }), 'città logo.png');
    const { body, contentType } = await serialized(form);
    const parts = parseMultipart(body, multipartBoundary(contentType));
    expect([...parts.keys()]).toEqual(['title', 'comment', 'file']);
    expect(textField(parts, 'title')).toBe('File:Città «logo».png');
    expect(textField(parts, 'comment')).toBe('');
    expect(textField(parts, 'text')).toBeUndefined();
    const file = parts.get('file')!;
    expect(file.filename).toBe('città logo.png');
    expect(Buffer.from(file.data).equals(Buffer.from(bytes))).toBe(true);
    // A view into the body, not a copy.
    expect(file.data.buffer).toBe(body.buffer);
  });

  it('accepts a preamble, a quoted boundary and transport padding', () => {
    const body = Buffer.from('ignored preamble\r\n--b0\t \r\nContent-Disposition: form-data; name=title\r\n\r\nLogo.png\r\n--b0--\r\nepilogue');
    const parts = parseMultipart(body, multipartBoundary('multipart/form-data; boundary="b0"'));
    expect(textField(parts, 'title')).toBe('Logo.png');
  });

  it('refuses malformed bodies with 400 saying what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['no delimiter at all', /malformed/],
      ['--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated', /malformed/],
      ['--b\r\nContent-Type: text/plain\r\n\r\nx\r\n--b--', /Content-Disposition/],
      ['--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n2\r\n--b--', /sent twice/],
    ];
    for (const [text, message] of cases) {
      const refused = refusal(() => parseMultipart(Buffer.from(text), 'b'));
      expect(refused.code, text).toBe('VALIDATION');
      expect(refused.message, text).toMatch(message);
    }
    const many = Array.from({ length: 17 }, (_, i) => `--b\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('') + '--b--';
    expect(refusal(() => parseMultipart(Buffer.from(many), 'b')).message).toMatch(/more than 16 parts/);
  });

  it('refuses a text field that is not UTF-8', () => {
    const body = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="comment"\r\n\r\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\r\n--b--')]);
    expect(refusal(() => textField(parseMultipart(body, 'b'), 'comment')).message).toContain('"comment"');
  });
});

describe('multipartBoundary', () => {
  it('answers 415 for another type and 400 without a usable boundary', () => {
    expect(refusal(() => multipartBoundary('application/json'))).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errorKey: 'rest-bad-content-type' });
    expect(refusal(() => multipartBoundary(null)).message).toContain('multipart/form-data');
    expect(refusal(() => multipartBoundary('multipart/form-data')).code).toBe('VALIDATION');
    expect(refusal(() => multipartBoundary(`multipart/form-data; boundary=${'x'.repeat(71)}`)).code).toBe('VALIDATION');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary=abc')).toBe('abc');
  });
});

describe('readMultipart', () => {
  const limits = { maxBytes: 1000, tooLarge };
  const request = (body: BodyInit, headers: Record<string, string>) =>
    new Request('http://wiki.test/w/rest.php/v1/file', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  const part = '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nLogo.png\r\n--b--';

  it('reads a body of exactly its declared length, and one without a length', async () => {
    const declared = await readMultipart(request(part, { 'content-type': 'multipart/form-data; boundary=b', 'content-length': String(Buffer.byteLength(part)) }), limits);
    expect(textField(declared, 'title')).toBe('Logo.png');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of Buffer.from(part)
          .toString('latin1')
          .match(/[\s\S]{1,7}/g)!)
          controller.enqueue(Buffer.from(chunk, 'latin1'));
        controller.close();
      },
    });
    const chunked = await readMultipart(request(stream, { 'content-type': 'multipart/form-data; boundary=b' }), limits);
    expect(textField(chunked, 'title')).toBe('Logo.png');
  });

  it('refuses a body longer or shorter than its Content-Length, and one over the limit', async () => {
    const headers = { 'content-type': 'multipart/form-data; boundary=b' };
    await expect(readMultipart(request(part, { ...headers, 'content-length': '10' }), limits)).rejects.toThrow(/longer than its Content-Length/);
    await expect(readMultipart(request(part, { ...headers, 'content-length': '500' }), limits)).rejects.toThrow(/shorter than its Content-Length/);
    await expect(readMultipart(request(part, { ...headers, 'content-length': '5000' }), limits)).rejects.toThrow(/too large/);
    await expect(readMultipart(request('x'.repeat(2000), headers), limits)).rejects.toThrow(/too large/);
    await expect(readMultipart(request(part, { ...headers, 'content-length': 'ten' }), limits)).rejects.toThrow(/not a number/);
  });
});
