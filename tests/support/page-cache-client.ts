import { expect } from 'vitest';

/** A running wiki: where it answers. */
type Wiki = { baseUrl: string };

/** An anonymous view of /wiki/<title> on one server. */
export const viewPage = (on: Wiki, title: string, init?: RequestInit) => fetch(`${on.baseUrl}/wiki/${title}`, init);

/** Saves through REST, on top of the page's latest revision (or creating it), as a bot would. */
export async function putPage(on: Wiki, bearer: string, title: string, source: string): Promise<void> {
  const current = await fetch(`${on.baseUrl}/w/rest.php/v1/page/${title}/bare`);
  const latest = current.ok ? ((await current.json()) as { latest: { id: number } }).latest.id : null;
  const response = await fetch(`${on.baseUrl}/w/rest.php/v1/page/${title}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ source, comment: 'page cache test', ...(latest === null ? {} : { latest: { id: latest } }) }),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
}

/** Views a page until it is served from the cache; returns that hit's body. */
export async function warmPage(on: Wiki, title: string, init?: RequestInit): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const response = await viewPage(on, title, init);
    const body = await response.text();
    if (response.headers.get('x-wiki-cache') === 'hit') return body;
  }
  throw new Error(`/wiki/${title} was never served from the cache`);
}
