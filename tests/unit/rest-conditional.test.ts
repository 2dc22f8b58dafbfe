import { describe, expect, it } from 'vitest';
import { cacheControl, conditionalResponse, isNotModified, latestOf } from '@/lib/server/rest/conditional';

const request = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://wiki.test/w/rest.php/v1/page/Foo', { method, headers });
const saved = new Date('2026-12-01T10:20:30.456Z');
const ETAG = '"abc"';

describe("conditional requests (RFC 9110 §13.2.2, as MediaWiki's ConditionalHeaderUtil)", () => {
  it('matches If-None-Match lists and "*", comparing weakly', () => {
    expect(isNotModified(request({ 'if-none-match': '"abc"' }), ETAG, saved)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '"x", W/"abc"' }), ETAG, saved)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '*' }), ETAG, saved)).toBe(true);
    expect(isNotModified(request({ 'if-none-match': '"abd"' }), ETAG, saved)).toBe(false);
  });

  it('compares If-Modified-Since to the second, and ignores it when If-None-Match is sent', () => {
    expect(isNotModified(request({ 'if-modified-since': 'Tue, 01 Dec 2026 10:20:30 GMT' }), ETAG, saved)).toBe(true);
    expect(isNotModified(request({ 'if-modified-since': 'Tue, 01 Dec 2026 10:20:29 GMT' }), ETAG, saved)).toBe(false);
    expect(isNotModified(request({ 'if-modified-since': 'not a date' }), ETAG, saved)).toBe(false);
    expect(isNotModified(request({ 'if-none-match': '"other"', 'if-modified-since': 'Tue, 01 Dec 2026 10:20:30 GMT' }), ETAG, saved)).toBe(false);
    expect(isNotModified(request({ 'if-none-match': ETAG }, 'POST'), ETAG, saved)).toBe(false);
  });

  it('answers 304 with the validators and no body, 200 with the body otherwise', async () => {
    const first = conditionalResponse(request(), { body: '{"a":1}', contentType: 'application/json', policy: 'content', lastModified: saved });
    expect(first.status).toBe(200);
    expect(first.headers.get('last-modified')).toBe('Tue, 01 Dec 2026 10:20:30 GMT');
    const etag = first.headers.get('etag')!;
    const again = conditionalResponse(request({ 'if-none-match': etag }), { body: '{"a":1}', contentType: 'application/json', policy: 'content', lastModified: saved });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const versioned = conditionalResponse(request(), { body: '{"a":1}', contentType: 'application/json', policy: 'content', lastModified: saved, version: '7' });
    expect(versioned.headers.get('etag')).not.toBe(etag);
  });

  it("sends MediaWiki's lifetimes, private for a request with credentials", () => {
    expect(cacheControl('content', request())).toBe('max-age=5');
    expect(cacheControl('content', request({ authorization: 'Bearer x' }))).toBe('private, max-age=5');
    expect(cacheControl('counts', request({ cookie: 'a=b' }))).toBe('private, max-age=60');
    expect(cacheControl('completion', request({ cookie: 'a=b' }))).toBe('public, max-age=1200');
    expect(cacheControl('revalidate', request())).toBe('no-cache');
    expect(latestOf(null, saved, new Date(0))).toEqual(saved);
    expect(latestOf(null, undefined)).toBeNull();
  });
});
