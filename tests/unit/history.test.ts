import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/errors';
import { contributionsHref, diffHref, formatByteCount, formatDelta, historyHref, listHref, permalinkHref, undoHref } from '@/lib/domain/history';
import { parseLimit, parsePaging, parseRevisionCursor } from '@/lib/domain/query-params';
import { parseTitle } from '@/lib/domain/titles';

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('parseLimit', () => {
  const options = { default: 50, max: 500 };

  it('gives the default when the parameter is absent or empty', () => {
    expect(parseLimit(undefined, options)).toBe(50);
    expect(parseLimit(null, options)).toBe(50);
    expect(parseLimit('', options)).toBe(50);
    expect(parseLimit([], options)).toBe(50);
  });

  it('accepts whole numbers from 1 to the maximum', () => {
    expect(parseLimit('1', options)).toBe(1);
    expect(parseLimit('250', options)).toBe(250);
    expect(parseLimit('500', options)).toBe(500);
    expect(parseLimit(' 20 ', options)).toBe(20);
    expect(parseLimit(['100', '5'], options)).toBe(100);
  });

  it.each(['abc', '-5', '0', '501', '100000', '1e3', '2.5', '0x10', '+5', '99999999999999999999', 'Infinity'])(
    'refuses %j with a VALIDATION error naming the range',
    (value) => {
      const error = thrown(() => parseLimit(value, options));
      expect(error.code).toBe('VALIDATION');
      expect(error.status).toBe(400);
      expect(error.message).toBe('limit must be a whole number from 1 to 500');
      expect(error.fieldErrors).toEqual({ limit: 'limit must be a whole number from 1 to 500' });
    },
  );

  it('uses its defaults (50, max 500) when no options are given', () => {
    expect(parseLimit(undefined)).toBe(50);
    expect(() => parseLimit('501')).toThrow('from 1 to 500');
  });
});

describe('parseRevisionCursor', () => {
  it('is undefined when absent or empty', () => {
    expect(parseRevisionCursor(undefined)).toBeUndefined();
    expect(parseRevisionCursor('')).toBeUndefined();
  });

  it('accepts positive safe integers', () => {
    expect(parseRevisionCursor('1')).toBe(1);
    expect(parseRevisionCursor('123456')).toBe(123456);
    expect(parseRevisionCursor(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each(['0', '-1', 'abc', '1.5', '1e5', String(Number.MAX_SAFE_INTEGER + 2), '12abc'])('refuses %j', (value) => {
    const error = thrown(() => parseRevisionCursor(value, 'older'));
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('older must be a revision id (a whole number from 1 up)');
  });
});

describe('parsePaging', () => {
  it('reads limit and one cursor', () => {
    expect(parsePaging({ limit: '20', older: '99' })).toEqual({ limit: 20, olderThan: 99, newerThan: undefined });
    expect(parsePaging({ newer: '7' })).toEqual({ limit: 50, olderThan: undefined, newerThan: 7 });
  });

  it('refuses both cursors at once', () => {
    expect(thrown(() => parsePaging({ older: '5', newer: '3' })).code).toBe('VALIDATION');
  });
});

describe('formatDelta', () => {
  it('writes the sign in the text, with MediaWiki classes', () => {
    expect(formatDelta(123)).toEqual({ text: '+123', className: 'mw-plusminus-pos', large: false });
    expect(formatDelta(-45)).toEqual({ text: '\u221245', className: 'mw-plusminus-neg', large: false });
    expect(formatDelta(0)).toEqual({ text: '0', className: 'mw-plusminus-null', large: false });
  });

  it('marks changes of 500 bytes or more as large, and groups thousands', () => {
    expect(formatDelta(499).large).toBe(false);
    expect(formatDelta(500).large).toBe(true);
    expect(formatDelta(-500).large).toBe(true);
    expect(formatDelta(1234)).toEqual({ text: '+1,234', className: 'mw-plusminus-pos', large: true });
    expect(formatDelta(-20000).text).toBe('\u221220,000');
  });
});

describe('formatByteCount', () => {
  it('says bytes, byte, or empty', () => {
    expect(formatByteCount(0)).toBe('empty');
    expect(formatByteCount(1)).toBe('1 byte');
    expect(formatByteCount(1234)).toBe('1,234 bytes');
  });
});

describe('links', () => {
  const title = parseTitle('Talk:Rock & roll');

  it('builds diff, permalink, undo and history links on the canonical path', () => {
    expect(permalinkHref(title, 5)).toBe('/wiki/Talk:Rock_%26_roll?oldid=5');
    expect(diffHref(title, 9, 5)).toBe('/wiki/Talk:Rock_%26_roll?diff=9&oldid=5');
    expect(diffHref(title, 'prev', 5)).toBe('/wiki/Talk:Rock_%26_roll?diff=prev&oldid=5');
    expect(undoHref(title, 9, 5)).toBe('/wiki/Talk:Rock_%26_roll?action=edit&undoafter=5&undo=9');
    expect(historyHref(title)).toBe('/wiki/Talk:Rock_%26_roll?action=history');
    expect(historyHref(title, { limit: 50, older: 10 })).toBe('/wiki/Talk:Rock_%26_roll?action=history&older=10');
    expect(historyHref(title, { limit: 100, newer: 3, extra: { minoronly: '1' } })).toBe('/wiki/Talk:Rock_%26_roll?action=history&minoronly=1&limit=100&newer=3');
  });

  it('builds special page links', () => {
    expect(contributionsHref('Jane Doe')).toBe('/wiki/Special:Contributions/Jane_Doe');
    expect(listHref('/wiki/Special:RecentChanges', { limit: 250, extra: { hideminor: '1' }, older: 4 })).toBe('/wiki/Special:RecentChanges?hideminor=1&limit=250&older=4');
    expect(listHref('/wiki/Special:RecentChanges')).toBe('/wiki/Special:RecentChanges');
  });
});
