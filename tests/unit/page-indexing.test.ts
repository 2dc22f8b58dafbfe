import { describe, expect, it } from 'vitest';
import { canonicalUrl, indexingPolicy, viewKindOf, type PageView, type ViewKind } from '@/lib/domain/page-indexing';
import { configuredOrigin } from '@/lib/domain/http-security';
import type { SearchParams } from '@/lib/domain/query-params';
import { parseTitle } from '@/lib/domain/titles';

const article = parseTitle('ECPAT');
const talk = parseTitle('Talk:ECPAT');
const INDEX = { index: true, follow: true };
const NOINDEX = { index: false, follow: false };

describe("viewKindOf: which screen a query asks for, in the page's order", () => {
  it.each([
    [{}, 'read'],
    [{ action: 'view' }, 'read'],
    [{ action: 'history' }, 'history'],
    [{ action: 'edit' }, 'edit'],
    [{ action: 'edit', section: 'new' }, 'edit'],
    [{ action: 'edit', undo: '5' }, 'edit'],
    [{ action: 'delete' }, 'action'],
    [{ action: 'protect' }, 'action'],
    [{ action: 'unprotect' }, 'action'],
    [{ action: 'revert' }, 'action'],
    [{ action: 'info' }, 'action'],
    [{ diff: '12' }, 'diff'],
    [{ diff: 'prev', oldid: '3' }, 'diff'],
    [{ diff: 'cur' }, 'diff'],
    [{ oldid: '3' }, 'oldid'],
    [{ oldid: '3', action: 'edit' }, 'edit'],
    [{ diff: 'nonsense' }, 'read'],
    [{ oldid: '' }, 'read'],
    [{ action: ['history', 'edit'] }, 'history'],
    [{ redirect: 'no' }, 'read'],
    [{ rdfrom: 'Old' }, 'read'],
  ] as [SearchParams, ViewKind][])('%j → %s', (query, kind) => {
    expect(viewKindOf(article, query)).toBe(kind);
  });

  it('special pages are special whatever the query', () => {
    expect(viewKindOf(parseTitle('Special:Search'), { search: 'x' })).toBe('special');
    expect(viewKindOf(parseTitle('Special:RecentChanges'), { action: 'history' })).toBe('special');
  });
});

describe("indexingPolicy: MediaWiki's robots rules", () => {
  it('indexes current articles and talk pages and points them at themselves', () => {
    expect(indexingPolicy({ kind: 'read', title: article, state: 'live' })).toEqual({ robots: INDEX, canonicalPath: '/wiki/ECPAT' });
    expect(indexingPolicy({ kind: 'read', title: talk, state: 'live' })).toEqual({ robots: INDEX, canonicalPath: '/wiki/Talk:ECPAT' });
    expect(indexingPolicy({ kind: 'read', title: parseTitle('File:Logo.png'), state: 'live' }).robots).toEqual(INDEX);
  });

  it('keeps missing pages out', () => {
    expect(indexingPolicy({ kind: 'read', title: parseTitle('No such page'), state: 'missing' })).toEqual({ robots: NOINDEX, canonicalPath: '/wiki/No_such_page' });
  });

  it.each(['history', 'diff', 'oldid', 'edit', 'action'] as const)('%s views: noindex,nofollow, canonical to the article', (kind) => {
    expect(indexingPolicy({ kind, title: talk })).toEqual({ robots: NOINDEX, canonicalPath: '/wiki/Talk:ECPAT' });
  });

  it('special pages: noindex,nofollow, canonical to their own name without the query', () => {
    const view: PageView = { kind: 'special', title: parseTitle('Special:Contributions/Jane Doe') };
    expect(indexingPolicy(view)).toEqual({ robots: NOINDEX, canonicalPath: '/wiki/Special:Contributions/Jane_Doe' });
  });

  it('a redirect shown as itself points at its target and is followed, not indexed', () => {
    const view: PageView = { kind: 'redirect-page', title: parseTitle('Old name'), target: article };
    expect(indexingPolicy(view)).toEqual({ robots: { index: false, follow: true }, canonicalPath: '/wiki/ECPAT' });
  });

  it('encodes the canonical path as MediaWiki does', () => {
    expect(indexingPolicy({ kind: 'read', title: parseTitle("Café d'Italia?"), state: 'live' }).canonicalPath).toBe('/wiki/Caf%C3%A9_d%27Italia%3F');
  });
});

describe('canonical addresses', () => {
  it("are absolute under NEXTAUTH_URL's origin (its path and case dropped)", () => {
    const origin = configuredOrigin({ NEXTAUTH_URL: 'HTTPS://Wiki.Example.org:443/some/path' });
    expect(origin).toBe('https://wiki.example.org');
    expect(canonicalUrl('/wiki/ECPAT', origin)).toBe('https://wiki.example.org/wiki/ECPAT');
  });

  it('stay root-relative without a configured address (never the Host header: cached pages are shared)', () => {
    expect(configuredOrigin({})).toBeNull();
    expect(configuredOrigin({ NEXTAUTH_URL: '  ' })).toBeNull();
    expect(configuredOrigin({ NEXTAUTH_URL: 'not a url' })).toBeNull();
    expect(configuredOrigin({ NEXTAUTH_URL: 'ftp://wiki.example' })).toBeNull();
    expect(canonicalUrl('/wiki/ECPAT', null)).toBe('/wiki/ECPAT');
  });
});
