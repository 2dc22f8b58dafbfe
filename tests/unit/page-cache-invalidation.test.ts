import { describe, expect, it } from 'vitest';
import {
  CLEAR_ALL_PAYLOAD,
  invalidationPayloads,
  MAX_NOTIFY_PAYLOAD_BYTES,
  PAGE_CACHE_KEY_HEADER,
  pageCacheDeclaration,
  pageCacheDependents,
  pageCacheKey,
} from '@/lib/domain/page-cache';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import * as frontHandler from '../../runtime/page-cache.mjs';

const keys = (changes: Parameters<typeof pageCacheDependents>[0]) => pageCacheDependents(changes).titles.map(pageCacheKey).sort();

describe('which cached views a write makes stale', () => {
  it('an edit: the page, the Main Page and recent changes (latest changes), nothing that links to it', () => {
    const { titles, queries } = pageCacheDependents([{ kind: 'revision', title: parseTitle('Café ECPAT') }]);
    expect(titles.map(pageCacheKey).sort()).toEqual(['/wiki/Caf%C3%A9_ECPAT', '/wiki/Main_Page', '/wiki/Special:RecentChanges']);
    expect(queries.linkingTo).toEqual([]);
  });

  it('a creation or deletion: also its talk page tab, and the pages linking to it are looked up', () => {
    const title = parseTitle('Helpline');
    const { queries } = pageCacheDependents([{ kind: 'existence', title }]);
    expect(keys([{ kind: 'existence', title }])).toEqual(['/wiki/Helpline', '/wiki/Main_Page', '/wiki/Special:RecentChanges', '/wiki/Talk:Helpline']);
    expect(queries.linkingTo).toEqual([title]);
    expect(keys([{ kind: 'existence', title: parseTitle('Talk:Helpline') }])).toContain('/wiki/Helpline');
  });

  it('a category page appearing: its members are looked up (their category links turn blue)', () => {
    const title = parseTitle('Category:Fans');
    expect(pageCacheDependents([{ kind: 'existence', title }]).queries.membersOf).toEqual([title]);
  });

  it('a protection change: only the page (the Main Page does not show locks)', () => {
    expect(keys([{ kind: 'protection', title: parseTitle('ECPAT') }])).toEqual(['/wiki/ECPAT']);
  });

  it('a new file version: the File page, and the pages showing the file are looked up (not the Main Page)', () => {
    const title = parseTitle('File:Logo.png');
    expect(keys([{ kind: 'file', title }])).toEqual(['/wiki/File:Logo.png']);
    expect(pageCacheDependents([{ kind: 'file', title }]).queries).toEqual({ linkingTo: [], membersOf: [], showingFile: [title] });
    // A File page deleted or restored takes its file with it.
    expect(pageCacheDependents([{ kind: 'existence', title }]).queries.showingFile).toEqual([title]);
    expect(pageCacheDependents([{ kind: 'existence', title: parseTitle('Logo.png') }]).queries.showingFile).toEqual([]);
  });
});

describe('which views may be stored, and under which key', () => {
  const view = { method: 'GET', query: '', language: 'it' };

  it('an article or talk page read with GET or HEAD: under its language and canonical path, the key the front handler computes', () => {
    const title = parseTitle('Talk:Café ECPAT');
    expect(pageCacheDeclaration({ ...view, title })).toBe('it /wiki/Talk:Caf%C3%A9_ECPAT');
    expect(pageCacheDeclaration({ ...view, title })).toBe(frontHandler.cacheKeyFor(titleToUrlPath(title), 'it'));
    expect(pageCacheDeclaration({ ...view, method: 'HEAD', title })).toBe('it /wiki/Talk:Caf%C3%A9_ECPAT');
    expect(PAGE_CACHE_KEY_HEADER).toBe(frontHandler.PAGE_CACHE_KEY_HEADER);
  });

  it('a permalink, a diff and the history’s first page, exactly as the app links them; recent changes without a query', () => {
    const title = parseTitle('Fans');
    for (const query of ['?oldid=12', '?diff=13&oldid=12', '?diff=prev&oldid=12', '?diff=next&oldid=12', '?diff=cur&oldid=12', '?action=history']) {
      expect(pageCacheDeclaration({ ...view, query, title }), query).toBe(`it /wiki/Fans${query}`);
      expect(frontHandler.cacheKeyOf({ method: 'GET', url: `/wiki/Fans${query}`, headers: { 'accept-language': 'it' } }), query).toBe(`it /wiki/Fans${query}`);
    }
    expect(pageCacheDeclaration({ ...view, title: parseTitle('Special:RecentChanges') })).toBe('it /wiki/Special:RecentChanges');
  });

  it('never another special page, a category listing, another query or a write', () => {
    expect(pageCacheDeclaration({ ...view, title: parseTitle('Special:AllPages') })).toBeNull();
    expect(pageCacheDeclaration({ ...view, query: '?days=7', title: parseTitle('Special:RecentChanges') })).toBeNull();
    expect(pageCacheDeclaration({ ...view, title: parseTitle('Category:Fans') })).toBeNull();
    expect(pageCacheDeclaration({ ...view, query: '?oldid=3', title: parseTitle('Category:Fans') })).toBeNull();
    for (const query of ['?action=edit', '?oldid=012', '?oldid=3&x=1', '?action=history&older=40', '?diff=3', '?oldid=3&diff=4', '?']) {
      expect(pageCacheDeclaration({ ...view, query, title: parseTitle('Fans') }), query).toBeNull();
      expect(frontHandler.cacheKeyOf({ method: 'GET', url: `/wiki/Fans${query}`, headers: {} }), query).toBeNull();
    }
    expect(pageCacheDeclaration({ ...view, method: 'POST', title: parseTitle('Fans') })).toBeNull();
  });
});

describe('notification payloads', () => {
  it('split many paths under PostgreSQL limit, each a JSON array, none lost', () => {
    const paths = Array.from({ length: 600 }, (_, index) => `/wiki/Pagina_numero_${index}_è`);
    const payloads = invalidationPayloads([...paths, ...paths]);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(new TextEncoder().encode(payload).length).toBeLessThanOrEqual(MAX_NOTIFY_PAYLOAD_BYTES);
    expect(payloads.flatMap((payload) => JSON.parse(payload) as string[])).toEqual(paths);
  });

  it('clear everything instead when a write touches very many pages', () => {
    expect(invalidationPayloads(Array.from({ length: 5_000 }, (_, index) => `/wiki/P${index}`))).toEqual([CLEAR_ALL_PAYLOAD]);
    expect(invalidationPayloads([])).toEqual([]);
  });
});
