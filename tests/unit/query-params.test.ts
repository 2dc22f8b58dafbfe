import { describe, expect, it } from 'vitest';
import { digitsParam, first, flag, pagingOrError, queryStringOf, trimmedText, userNameParam } from '@/lib/domain/query-params';

describe('query parameters of /wiki/ screens', () => {
  it('first() takes the first of repeated parameters', () => {
    expect(first(['a', 'b'])).toBe('a');
    expect(first('x')).toBe('x');
    expect(first(undefined)).toBeUndefined();
    expect(first(null)).toBeUndefined();
  });

  it('flag() is set unless absent, empty or "0"', () => {
    expect(flag('1')).toBe(true);
    expect(flag('yes')).toBe(true);
    expect(flag('0')).toBe(false);
    expect(flag('')).toBe(false);
    expect(flag(undefined)).toBe(false);
  });

  it('trimmedText() and userNameParam() read names as MediaWiki does', () => {
    expect(trimmedText('  Jane ')).toBe('Jane');
    expect(trimmedText(undefined)).toBe('');
    expect(userNameParam(null, ' Jane_Doe ')).toBe('Jane Doe');
    expect(userNameParam('Subpage_User', 'Other')).toBe('Subpage User');
    expect(userNameParam(null, undefined)).toBe('');
  });

  it('digitsParam() accepts only short runs of digits', () => {
    expect(digitsParam('200', 9)).toBe(200);
    expect(digitsParam('1234567890', 9)).toBeNull();
    expect(digitsParam('-1', 9)).toBeNull();
    expect(digitsParam('1e3', 9)).toBeNull();
    expect(digitsParam(undefined, 9)).toBeNull();
  });

  it('pagingOrError() returns the paging or what is wrong with it', () => {
    expect(pagingOrError({ limit: '100', older: '5' })).toEqual({ paging: { limit: 100, olderThan: 5, newerThan: undefined }, error: null });
    const bad = pagingOrError({ limit: 'abc' });
    expect(bad.paging).toBeNull();
    expect(bad.error).toMatch(/limit/i);
  });

  it('queryStringOf() writes the query back, repeated parameters in order', () => {
    expect(queryStringOf({})).toBe('');
    expect(queryStringOf({ action: 'history', a: ['1', '2'], skipped: undefined })).toBe('?action=history&a=1&a=2');
  });
});
