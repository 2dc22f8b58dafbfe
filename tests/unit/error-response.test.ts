import { describe, expect, it } from 'vitest';
import { DATABASE_RETRY_AFTER_SECONDS, errorHeaders, errorResponse, retryAfterValue } from '@/lib/domain/error-response.mjs';

describe('error responses', () => {
  it('says Retry-After in whole seconds, rounded up, at least 1', () => {
    expect(retryAfterValue(DATABASE_RETRY_AFTER_SECONDS)).toBe('5');
    expect(retryAfterValue(59.2)).toBe('60');
    expect(retryAfterValue(0)).toBe('1');
    expect(retryAfterValue(-3)).toBe('1');
  });

  it('is never cached, and carries Retry-After only when the error says when to retry', () => {
    expect(errorHeaders({ contentType: 'text/plain; charset=utf-8' })).toEqual({ 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    expect(errorHeaders({ retryAfterSeconds: 5 })).toEqual({ 'cache-control': 'no-store', 'retry-after': '5' });
  });

  it("builds a Response with the body as it is and the caller's extra headers", async () => {
    const response = errorResponse('{"a":1}', { status: 429, contentType: 'application/json', retryAfterSeconds: 30, headers: { 'x-content-type-options': 'nosniff' } });
    expect(response.status).toBe(429);
    expect(Object.fromEntries(response.headers)).toEqual({
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'retry-after': '30',
      'x-content-type-options': 'nosniff',
    });
    expect(await response.text()).toBe('{"a":1}');
  });
});
