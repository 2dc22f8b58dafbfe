import { describe, expect, it } from 'vitest';
import { isAppError } from '@/lib/domain/errors';
import { englishText } from '@/lib/domain/error-messages';
import { DEFAULT_PREFERENCES, readPreferences, storedPreferences, watchlistPreferencesFormSchema } from '@/lib/domain/preferences';
import { parseTitle } from '@/lib/domain/titles';
import {
  isUnseenChange,
  MAX_WATCHLIST_TITLES,
  parseRawWatchlist,
  rawWatchlistText,
  watchDaysLeft,
  watchedTitleOf,
  watchExpiryDate,
  watchFormSchema,
  watchlistOptions,
  watchStateOf,
} from '@/lib/domain/watchlist';

const NOW = new Date('2026-12-06T12:00:00Z');

function thrown(work: () => unknown): { code: string; message: string; field?: string } {
  try {
    work();
  } catch (error) {
    if (!isAppError(error)) throw error;
    const field = error.fieldErrors?.titles;
    return { code: error.code, message: error.message, ...(field ? { field: typeof field === 'string' ? field : englishText(field) } : {}) };
  }
  throw new Error('expected an error');
}

describe('watch expiry', () => {
  it('ends a week, a calendar month or three months later, or never', () => {
    expect(watchExpiryDate('infinite', NOW)).toBeNull();
    expect(watchExpiryDate('1 week', NOW)!.toISOString()).toBe('2026-12-13T12:00:00.000Z');
    expect(watchExpiryDate('1 month', NOW)!.toISOString()).toBe('2027-01-06T12:00:00.000Z');
    expect(watchExpiryDate('3 months', NOW)!.toISOString()).toBe('2027-03-06T12:00:00.000Z');
  });

  it('counts the days left rounded up, and treats an expired watch as none', () => {
    expect(watchDaysLeft(null, NOW)).toBeNull();
    expect(watchDaysLeft(new Date('2026-12-06T13:00:00Z'), NOW)).toBe(1);
    expect(watchDaysLeft(new Date('2026-12-13T12:00:00Z'), NOW)).toBe(7);
    expect(watchStateOf({ expiresAt: new Date('2026-12-06T11:59:59Z') }, NOW)).toEqual({ watched: false, expiresAt: null });
    expect(watchStateOf({ expiresAt: null }, NOW)).toEqual({ watched: true, expiresAt: null });
    expect(watchStateOf(null, NOW).watched).toBe(false);
  });
});

describe('what is watched', () => {
  it('keeps a talk page’s watch under its subject page, and refuses special pages', () => {
    expect(watchedTitleOf(parseTitle('Talk:ECPAT')).prefixedDbKey).toBe('ECPAT');
    expect(watchedTitleOf(parseTitle('User talk:Anna')).prefixedDbKey).toBe('User:Anna');
    expect(watchedTitleOf(parseTitle('Template:Infobox')).prefixedDbKey).toBe('Template:Infobox');
    expect(thrown(() => watchedTitleOf(parseTitle('Special:RecentChanges'))).code).toBe('VALIDATION');
  });

  it('reads the star’s form: watch or unwatch, for how long, and says what to fix', () => {
    expect(watchFormSchema.parse({ title: 'ECPAT', watch: '1', expiry: '1 week' })).toMatchObject({ watch: true, expiry: '1 week' });
    expect(watchFormSchema.parse({ title: 'ECPAT', watch: '0', expiry: null })).toMatchObject({ watch: false, expiry: 'infinite' });
    const bad = watchFormSchema.safeParse({ title: 'ECPAT', watch: '1', expiry: '2 years' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toMatch(/permanently, 1 week, 1 month or 3 months/);
    expect(watchFormSchema.safeParse({ title: 'Special:Log', watch: '1' }).success).toBe(false);
  });
});

describe('the raw watchlist', () => {
  it('takes one title per line: blanks skipped, talk pages as their subject, each once', () => {
    const { titles } = parseRawWatchlist('ECPAT\n\n  Talk:ECPAT \r\nUser:Anna\nuser talk:Anna\nMain Page\n');
    expect(titles.map((title) => title.prefixedText)).toEqual(['ECPAT', 'User:Anna', 'Main Page']);
    expect(rawWatchlistText(titles)).toBe('ECPAT\nMain Page\nUser:Anna');
  });

  it('refuses the whole list naming every bad line, so nothing typed is dropped', () => {
    const error = thrown(() => parseRawWatchlist('ECPAT\nBad[title]\nOK\nSpecial:Log\n'));
    expect(error.code).toBe('VALIDATION');
    expect(error.field).toMatch(/Lines 2, 4 are not valid titles/);
    expect(thrown(() => parseRawWatchlist('A<b')).message).toMatch(/Line 1 is not a valid title/);
  });

  it('refuses more titles than a watchlist holds', () => {
    const lines = Array.from({ length: MAX_WATCHLIST_TITLES + 1 }, (_, index) => `Page ${index}`).join('\n');
    expect(thrown(() => parseRawWatchlist(lines)).message).toMatch(/has 10,?001 titles/);
  });
});

describe('Special:Watchlist options', () => {
  it('default to the preferences; an explicit 0 or 1 in the address wins', () => {
    const preferences = { ...DEFAULT_PREFERENCES, watchlistDays: 3 as const, watchlistHideMinor: true };
    // Bots' edits are hidden unless hidebots=0, as on recent changes.
    expect(watchlistOptions({}, preferences)).toEqual({ days: 3, hideMinor: true, hideOwn: false, allChanges: false, hideBots: true });
    expect(watchlistOptions({ days: '30', hideminor: '0', hidemyself: '1', extended: '1', hidebots: '0' }, preferences).hideBots).toBe(false);
    expect(watchlistOptions({ days: '30', hideminor: '0', hidemyself: '1', extended: '1', hidebots: '1' }, preferences)).toEqual({
      days: 30,
      hideMinor: false,
      hideOwn: true,
      allChanges: true,
      hideBots: true,
    });
  });

  it('refuses a period that is not one of the choices, naming them', () => {
    expect(thrown(() => watchlistOptions({ days: '5' })).message).toBe('days must be one of 1, 3, 7, 14, 30');
    expect(thrown(() => watchlistOptions({ days: 'week' })).code).toBe('VALIDATION');
  });

  it('marks others’ changes after the last visit, never the viewer’s own', () => {
    const seen = new Date('2026-12-06T10:00:00Z');
    expect(isUnseenChange({ createdAt: new Date('2026-12-06T10:00:01Z'), authorId: 2 }, seen, 1)).toBe(true);
    expect(isUnseenChange({ createdAt: new Date('2026-12-06T09:59:59Z'), authorId: 2 }, seen, 1)).toBe(false);
    expect(isUnseenChange({ createdAt: new Date('2026-12-06T10:00:01Z'), authorId: 1 }, seen, 1)).toBe(false);
    expect(isUnseenChange({ createdAt: new Date('2026-12-06T10:00:01Z'), authorId: 2 }, null, 1)).toBe(false);
  });
});

describe('preferences', () => {
  it('read every valid stored value and the default for anything else', () => {
    expect(readPreferences(null)).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences([true])).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences({ watchEdits: false, watchlistDays: 5, watchMoves: 'yes', unknown: 1 })).toEqual({ ...DEFAULT_PREFERENCES, watchEdits: false });
  });

  it('store only what differs from the defaults', () => {
    expect(storedPreferences(DEFAULT_PREFERENCES)).toEqual({});
    expect(storedPreferences({ ...DEFAULT_PREFERENCES, watchMoves: true, watchlistDays: 30 })).toEqual({ watchMoves: true, watchlistDays: 30 });
  });

  it('read the form: unticked boxes are absent, days must be a choice', () => {
    const parsed = watchlistPreferencesFormSchema.parse({ watchEdits: '1', watchlistDays: '14' });
    expect(parsed).toEqual({
      watchCreations: false,
      watchEdits: true,
      watchMoves: false,
      watchUploads: false,
      watchlistHideMinor: false,
      watchlistHideOwn: false,
      watchlistAllChanges: false,
      watchlistDays: 14,
    });
    expect(watchlistPreferencesFormSchema.safeParse({ watchlistDays: '2' }).success).toBe(false);
  });
});
