import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import type { Actor } from '@/lib/domain/policy';
import { GET, POST } from '@/app/w/api.php/route';

/**
 * api.php as a bot sees it, for the integration tests: accounts with a personal API token
 * (Authorization: Bearer), their csrf token fetched with meta=tokens, and requests through the
 * route handler. Answers are parsed JSON; `headers` keeps MediaWiki-API-Error for the tests.
 */

export const API_ORIGIN = 'http://wiki.test';

export interface ApiUser {
  actor: Actor;
  bearer: string;
  csrf: string;
}

export type ApiAnswer = Record<string, any> & { headers: Headers }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function answer(response: Response): Promise<ApiAnswer> {
  const body = (await response.json()) as Record<string, unknown>;
  return Object.assign(body, { headers: response.headers });
}

export async function apiGet(query: Record<string, string>, bearer?: string): Promise<ApiAnswer> {
  const url = `${API_ORIGIN}/w/api.php?${new URLSearchParams({ format: 'json', formatversion: '2', ...query }).toString()}`;
  return answer(await GET(new Request(url, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} })));
}

/** A POST with the parameters as application/x-www-form-urlencoded (or a FormData body as multipart). */
export async function apiPost(params: Record<string, string> | FormData, bearer?: string, query = ''): Promise<ApiAnswer> {
  let body: URLSearchParams | FormData;
  if (params instanceof FormData) {
    body = params;
    if (!body.has('format')) body.set('format', 'json');
    if (!body.has('formatversion')) body.set('formatversion', '2');
  } else {
    body = new URLSearchParams({ format: 'json', formatversion: '2', ...params });
  }
  const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
  return answer(await POST(new Request(`${API_ORIGIN}/w/api.php${query}`, { method: 'POST', body, headers })));
}

let users = 0;

/** A new account with an API token and its csrf token (from meta=tokens, as a bot gets it). */
export async function apiUser(prefix: string, options: { admin?: boolean } = {}): Promise<ApiUser> {
  users += 1;
  const account = await createAccount(
    { username: `${prefix} ${process.pid} ${Date.now().toString(36)} ${users}`, password: 'action api test passphrase', admin: options.admin === true },
    null,
  );
  const actor: Actor = { userId: account.id, name: account.name, role: options.admin ? 'admin' : 'registered', createdAt: new Date(), editCount: 0, blocked: null };
  const { token } = await createApiToken(account.id, 'action api tests');
  const tokens = await apiGet({ action: 'query', meta: 'tokens' }, token);
  const csrf = tokens.query?.tokens?.csrftoken;
  if (typeof csrf !== 'string') throw new Error(`meta=tokens gave no csrf token: ${JSON.stringify(tokens)}`);
  return { actor, bearer: token, csrf };
}

/** A POST by `user` with their csrf token. */
export function apiWrite(user: ApiUser, params: Record<string, string>): Promise<ApiAnswer> {
  return apiPost({ token: user.csrf, ...params }, user.bearer);
}
