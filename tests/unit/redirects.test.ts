import { describe, expect, it } from 'vitest';
import { parseRedirect, redirectText } from '@/lib/domain/redirects';
import { NS } from '@/lib/domain/titles';

describe('parseRedirect', () => {
  it('reads #REDIRECT [[Target]]', () => {
    expect(parseRedirect('#REDIRECT [[Target page]]')).toEqual({ namespace: NS.MAIN, dbKey: 'Target_page', fragment: null });
  });

  it('is case-insensitive and accepts a colon and whitespace, with leading whitespace', () => {
    expect(parseRedirect('  #redirect:[[foo]]')).toEqual({ namespace: NS.MAIN, dbKey: 'Foo', fragment: null });
    expect(parseRedirect('#Redirect : [[ talk:foo_bar ]]\n\nIgnored text [[Other]]')).toEqual({ namespace: NS.TALK, dbKey: 'Foo_bar', fragment: null });
    expect(parseRedirect('#REDIRECT\n[[Foo]]')).toEqual({ namespace: NS.MAIN, dbKey: 'Foo', fragment: null });
  });

  it('keeps the fragment and ignores a label', () => {
    expect(parseRedirect('#REDIRECT [[Foo#Early_life]]')).toEqual({ namespace: NS.MAIN, dbKey: 'Foo', fragment: 'Early life' });
    expect(parseRedirect('#REDIRECT [[User:Jane|Jane]]')).toEqual({ namespace: NS.USER, dbKey: 'Jane', fragment: null });
  });

  it('is not a redirect unless the text starts with it', () => {
    expect(parseRedirect('Some text\n#REDIRECT [[Foo]]')).toBeNull();
    expect(parseRedirect('#REDIRECT Foo')).toBeNull();
    expect(parseRedirect('#REDIRECTION [[Foo]]')).toBeNull();
    expect(parseRedirect('')).toBeNull();
  });

  it('treats an invalid target as not a redirect', () => {
    expect(parseRedirect('#REDIRECT [[]]')).toBeNull();
    expect(parseRedirect('#REDIRECT [[Foo<bar>]]')).toBeNull();
    expect(parseRedirect('#REDIRECT [[Talk:]]')).toBeNull();
    expect(parseRedirect('#REDIRECT [[#Section only]]')).toBeNull();
    expect(parseRedirect('#REDIRECT [[Special:RecentChanges]]')).toBeNull();
  });

  it('round-trips redirectText', () => {
    expect(redirectText('Talk:Foo bar')).toBe('#REDIRECT [[Talk:Foo bar]]');
    expect(parseRedirect(redirectText('Talk:Foo bar', 'History'))).toEqual({ namespace: NS.TALK, dbKey: 'Foo_bar', fragment: 'History' });
  });
});
