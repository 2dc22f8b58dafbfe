import { beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { useSharedWiki } from '../support/e2e-suite';
import { MAX_BODY_BYTES } from '@/lib/server/rest/body';

/*
 * Request bodies over the limit through the real production server (Node's HTTP parser, Next.js's
 * request streaming): the answer is 413 as soon as the limit is passed, while the client is still
 * sending, never after reading a body that does not end. The route-level checks of every REST
 * endpoint are in tests/integration/rest-hostile-input.test.ts.
 */

const shared = useSharedWiki();
let wiki: { baseUrl: string } | undefined;
let token = '';

beforeAll(() => {
  wiki = shared.wiki();
  token = shared.bot().token;
});

interface Answer {
  status: number;
  body: string;
  /** Bytes the client had written when the answer's headers arrived. */
  sentBeforeAnswer: number;
}

/**
 * POSTs to /w/rest.php/v1/page, writing 64 KiB chunks of JSON-looking text for as long as the
 * server lets it, or until `sendAtMost` bytes (never ending the body), and resolves with the
 * server's answer.
 */
function postEndlessBody(headers: Record<string, string>, sendAtMost = 40 * MAX_BODY_BYTES): Promise<Answer> {
  const url = new URL('/w/rest.php/v1/page', wiki!.baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers } });
    const giveUp = setTimeout(() => {
      request.destroy();
      reject(new Error(`no answer after sending ${sent} bytes`));
    }, 60_000);
    let answered = false;
    const pump = () => {
      // Stop well past the limit: a server that reads on would never answer before this.
      while (!answered && sent < sendAtMost) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
    };
    request.on('response', (response) => {
      answered = true;
      const sentBeforeAnswer = sent;
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => {
        clearTimeout(giveUp);
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), sentBeforeAnswer });
      });
    });
    // The server may close the connection after answering; that is its right.
    request.on('error', (error) => {
      if (!answered) {
        clearTimeout(giveUp);
        reject(error);
      }
    });
    request.write('{"title": "Endless", "comment": "", "source": "');
    pump();
  });
}

describe('bodies over the limit over real HTTP', () => {
  it('answers 413 to a chunked body without length while it is still being sent', async () => {
    const started = performance.now();
    const answer = await postEndlessBody({});
    console.info(
      `hostile http: chunked body refused with ${answer.status} after ${(answer.sentBeforeAnswer / 1024 / 1024).toFixed(1)} MiB sent, ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ httpCode: 413, errorKey: 'rest-too-large' });
    expect(answer.sentBeforeAnswer).toBeLessThan(40 * MAX_BODY_BYTES);
  });

  it('answers 413 to a declared Content-Length over the limit without waiting for the body', async () => {
    // One chunk of the gigabyte it announces, then nothing: a server that waited for the body (or
    // for the limit's worth of it) would never answer. Counting bytes sent before the answer would
    // measure the kernel's socket buffers instead (32 MiB of receive buffer on some machines).
    const answer = await postEndlessBody({ 'content-length': String(1024 * 1024 * 1024) }, 64 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ httpCode: 413, errorKey: 'rest-too-large' });
    expect(answer.sentBeforeAnswer).toBe(64 * 1024);
  });

  it('still serves other requests afterwards', async () => {
    const response = await fetch(`${wiki!.baseUrl}/w/rest.php/v1/page/Main_Page/bare`);
    expect(response.status).toBe(200);
  });
});

describe('markup crafted to be slow to format, over real HTTP', () => {
  it('saves and shows it unformatted within its time budget, while other readers are served', async () => {
    // About 21 s of formatting without the time limit (quadratic in the number of brackets).
    const source = `${'['.repeat(100_000)}x${']'.repeat(100_000)}`;
    const started = performance.now();
    const saving = fetch(`${wiki!.baseUrl}/w/rest.php/v1/page/Bracket_storm`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ source, comment: 'crafted' }),
    });
    // The render runs off the request thread: a reader is answered meanwhile.
    const reader = await fetch(`${wiki!.baseUrl}/w/rest.php/v1/page/Main_Page/bare`);
    const readerMs = performance.now() - started;
    const saved = await saving;
    const savedMs = performance.now() - started;
    console.info(
      `hostile http: 200 KB bracket storm saved with ${saved.status} in ${savedMs.toFixed(0)} ms; a reader meanwhile got ${reader.status} after ${readerMs.toFixed(0)} ms`,
    );
    expect(reader.status).toBe(200);
    expect(saved.status).toBe(201);
    const html = await (await fetch(`${wiki!.baseUrl}/w/rest.php/v1/page/Bracket_storm/html`)).text();
    expect(html).toContain('This text took too long to format, so it is shown as plain text.');
  });
});
