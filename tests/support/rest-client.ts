import { encode } from 'next-auth/jwt';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { savePage } from '@/lib/server/save-page';
import { parseTitle } from '@/lib/domain/titles';

/**
 * Builds real `Request` objects for calling the REST route handlers directly, as Next would, and
 * creates the users and credentials those requests carry.
 */
export const ORIGIN = 'http://wiki.test';
export const REST = `${ORIGIN}/w/rest.php/v1`;

/** A title as MediaWiki clients put it in a path: underscores, everything else percent-encoded ("/" as %2F). */
export function pagePath(title: string): string {
  return `/page/${encodeURIComponent(title.replaceAll(' ', '_'))}`;
}

export interface RestInit {
  method?: string;
  /** Sent as JSON with Content-Type: application/json unless `body` is given. */
  json?: unknown;
  body?: BodyInit;
  token?: string;
  headers?: Record<string, string>;
}

export function restRequest(path: string, init: RestInit = {}): Request {
  const headers = new Headers(init.headers);
  if (init.token !== undefined) headers.set('authorization', `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const streamed = typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
  return new Request(`${REST}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body,
    // Node's fetch requires this for a streamed body.
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit);
}

/** The response body as JSON, with the status for readable assertion failures. */
export async function readJson<T = Record<string, unknown>>(response: Response): Promise<T> {
  const text = await response.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`Response ${response.status} is not JSON: ${text.slice(0, 200)}`);
  }
}

let users = 0;

export interface TestEditor {
  id: number;
  name: string;
  sessionVersion: number;
  token: string;
  tokenId: number;
}

/** A fresh account with a personal API token (fresh, so that edit throttles never carry over between tests). */
export async function newEditor(): Promise<TestEditor> {
  users += 1;
  const name = `Rest tester ${process.pid} ${Date.now().toString(36)} ${users}`;
  const account = await createAccount({ username: name, password: `Plover-Quartz-${users}-lantern-orbit-9431` }, null);
  const { id: tokenId, token } = await createApiToken(account.id, 'rest test');
  return { id: account.id, name: account.name, sessionVersion: account.sessionVersion, token, tokenId };
}

/** A next-auth session cookie for the editor, as the sign-in flow would set it. */
export async function sessionCookie(editor: TestEditor, secret: string): Promise<string> {
  const jwt = await encode({ token: { uid: editor.id, sv: editor.sessionVersion, name: editor.name }, secret });
  return `next-auth.session-token=${jwt}`;
}

/** A body stream that records whether anyone read it, for "refused without reading the body". */
export function watchedStream(chunks: number, chunkBytes: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulls = 0;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulls += 1;
        if (sent >= chunks) {
          controller.close();
          return;
        }
        sent += 1;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  ); // 0: pull only when read, not ahead of time
  return { stream, pulled: () => pulls };
}

export interface TestEdit {
  text: string;
  summary?: string;
  minor?: boolean;
}

/**
 * Saves the edits in order through the save path (without the edit throttle: some tests need
 * dozens) and returns the revision ids.
 */
export async function saveEdits(editor: TestEditor, title: string, edits: TestEdit[]): Promise<number[]> {
  const ids: number[] = [];
  for (const edit of edits) {
    const result = await savePage({
      title: parseTitle(title),
      text: edit.text,
      summary: edit.summary ?? '',
      minor: edit.minor ?? false,
      authorId: editor.id,
      baseRevisionId: ids.at(-1) ?? null,
    });
    if (result.status !== 'saved') throw new Error(`expected edit "${edit.summary ?? ''}" to be saved, got ${result.status}`);
    ids.push(result.revisionId);
  }
  return ids;
}
