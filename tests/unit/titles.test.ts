import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/errors';
import { createErrorTranslator } from '@/lib/domain/error-messages';
import italian from '@/messages/it/errors.json';
import {
  assertWritableTitle,
  encodeTitleForUrl,
  isVirtualNamespace,
  makeParsedTitle,
  MAX_TITLE_BYTES,
  NS,
  parseTitle,
  splitFragment,
  TitleError,
  titleToUrlPath,
  tryParseTitle,
  unwritableTitleReason,
  type ParsedTitle,
} from '@/lib/domain/titles';

/** The reason a title is rejected; fails the test if it is accepted. */
function rejection(input: string): string {
  const result = tryParseTitle(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be rejected, got ${JSON.stringify(result.title)}`);
  return result.reason;
}

function parsed(input: string): ParsedTitle {
  const result = tryParseTitle(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got "${result.reason}"`);
  return result.title;
}

/** What the reader's browser sends back after following the link: the path, decoded once. */
function titleFromPath(path: string): string {
  expect(path.startsWith('/wiki/')).toBe(true);
  return decodeURIComponent(path.slice('/wiki/'.length));
}

describe('spaces and underscores', () => {
  it('treats underscores and spaces as the same character', () => {
    const spaced = parsed('Telefono Azzurro');
    expect(spaced).toEqual(parsed('Telefono_Azzurro'));
    expect(spaced).toEqual({
      namespace: NS.MAIN,
      dbKey: 'Telefono_Azzurro',
      text: 'Telefono Azzurro',
      prefixedText: 'Telefono Azzurro',
      prefixedDbKey: 'Telefono_Azzurro',
    });
  });

  it('collapses runs of spaces, underscores and Unicode spaces into one, and trims them', () => {
    const expected = parsed('Telefono Azzurro');
    for (const input of [
      '  Telefono   Azzurro  ',
      '__Telefono__Azzurro__',
      'Telefono _ _Azzurro',
      'Telefono\u00A0Azzurro',
      '\u00A0Telefono\u00A0\u00A0Azzurro\u00A0',
      '\u3000Telefono\u3000Azzurro\u3000',
      'Telefono\u2003\u202FAzzurro',
    ]) {
      expect(parsed(input), JSON.stringify(input)).toEqual(expected);
    }
  });

  it('drops invisible direction marks, which would otherwise make look-alike pages', () => {
    expect(parsed('Telefono\u200E Azzurro\u200F')).toEqual(parsed('Telefono Azzurro'));
  });
});

describe('capitalization', () => {
  it('upper-cases the first letter only', () => {
    expect(parsed('telefono azzurro').text).toBe('Telefono azzurro');
    expect(parsed('ecpat').text).toBe('Ecpat');
    expect(parsed('eCPAT').text).toBe('ECPAT');
  });

  it('keeps the rest case-sensitive: "ECPAT" and "Ecpat" are different pages', () => {
    expect(parsed('ECPAT').dbKey).toBe('ECPAT');
    expect(parsed('ECPAT').dbKey).not.toBe(parsed('ecpat').dbKey);
    expect(parsed('ecpat Philippines').text).toBe('Ecpat Philippines');
  });

  it('upper-cases non-ASCII first letters', () => {
    expect(parsed('éclair').text).toBe('Éclair');
    expect(parsed('città').text).toBe('Città');
    expect(parsed('ñandú').text).toBe('Ñandú');
    expect(parsed('σίγμα').text).toBe('Σίγμα');
  });

  it('upper-cases a first letter outside the Basic Multilingual Plane (a surrogate pair)', () => {
    // U+10428 DESERET SMALL LETTER LONG I → U+10400 DESERET CAPITAL LETTER LONG I
    const title = parsed('\u{10428}abc');
    expect(title.text).toBe('\u{10400}abc');
    expect(title.text.codePointAt(0)).toBe(0x10400);
  });

  it('leaves alone a first letter whose capital would be two letters', () => {
    expect(parsed('ßtraße').text).toBe('ßtraße');
  });

  it('leaves titles starting with a digit or symbol unchanged', () => {
    expect(parsed('1989 in Italia').text).toBe('1989 in Italia');
    expect(parsed('(sigla)').text).toBe('(sigla)');
  });

  it('gives digraphs their title-case form and keeps it stable when parsed again', () => {
    expect(parsed('\u01C6emal').text).toBe('\u01C5emal'); // ǆ → ǅ
    expect(parsed('\u01C5emal').text).toBe('\u01C5emal'); // ǅ stays ǅ (was turned into Ǆ)
    expect(parsed('\u01C4EMAL').text).toBe('\u01C4EMAL'); // Ǆ, already a capital, stays
    expect(parsed('\u01C9ubljana').text).toBe('\u01C8ubljana');
    expect(parsed(parsed('\u01C9ubljana').text).text).toBe('\u01C8ubljana');
  });
});

describe('Unicode normalization', () => {
  it('makes decomposed and precomposed spellings the same page (NFC)', () => {
    const decomposed = 'Perche\u0301';
    const composed = 'Perch\u00E9';
    expect(decomposed).not.toBe(composed);
    expect(parsed(decomposed)).toEqual(parsed(composed));
    expect(parsed(decomposed).dbKey).toBe('Perch\u00E9');
  });

  it('normalizes a decomposed first letter before upper-casing it', () => {
    expect(parsed('e\u0301clair').text).toBe('\u00C9clair');
  });

  it('recomposes a capital with the combining mark after it, so the stored title parses to itself', () => {
    // "i" + COMBINING DOT ABOVE has no precomposed form, but "I" + the dot is "İ" (U+0130).
    const title = parsed('i\u0307stanbul');
    expect(title.text).toBe('\u0130stanbul');
    expect(parsed(title.prefixedText)).toEqual(title);
    // Dotless ı + acute: "I" + acute composes to "Í".
    expect(parsed('\u0131\u0301x').text).toBe('\u00CDx');
  });

  it('rejects unpaired surrogates and the replacement character', () => {
    expect(rejection('Foo\uD800bar')).toMatch(/surrogate/i);
    expect(rejection('Foo\uDC00')).toMatch(/surrogate/i);
    expect(rejection('Foo\uFFFD')).toMatch(/U\+FFFD/);
  });
});

describe('forbidden characters', () => {
  it.each(['#', '<', '>', '[', ']', '|', '{', '}'])('rejects %s, naming it', (character) => {
    for (const input of [`Foo${character}bar`, `${character}Foo`, `Talk:Foo${character}`]) {
      const reason = rejection(input);
      expect(reason).toContain(`"${character}"`);
    }
  });

  it.each([
    ['\u0000', 'U+0000'],
    ['\u0009', 'U+0009'],
    ['\u000A', 'U+000A'],
    ['\u001F', 'U+001F'],
    ['\u007F', 'U+007F'],
  ])('rejects the control character %j, naming its code point', (character, code) => {
    const reason = rejection(`Foo${character}bar`);
    expect(reason).toContain(code);
  });

  it('throws a TitleError with code BAD_TITLE from parseTitle', () => {
    let thrown: unknown;
    try {
      parseTitle('Foo|bar');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TitleError);
    const error = thrown as TitleError;
    expect(error.code).toBe('BAD_TITLE');
    expect(error.input).toBe('Foo|bar');
    expect(error.reason).toContain('"|"');
    expect(error.message).toBe(error.reason);
  });

  it('rejects percent-encoded sequences, which would be decoded on the way to another page', () => {
    expect(rejection('%41')).toContain('%41');
    expect(rejection('Foo%2Fbar')).toContain('%2F');
    expect(rejection('Caff%C3%A8')).toContain('%C3');
    // A percent sign that is not an escape is an ordinary character.
    expect(parsed('100% Azzurro').text).toBe('100% Azzurro');
    expect(parsed('50%off').text).toBe('50%off');
  });

  it('rejects HTML character references', () => {
    expect(rejection('Tom &amp; Jerry')).toContain('&amp;');
    expect(rejection('Caff&egrave;')).toContain('&egrave;');
    // Numeric references contain "#", which is reported first.
    expect(rejection('Caff&#232;')).toContain('"#"');
    expect(parsed('Tom & Jerry').text).toBe('Tom & Jerry');
  });

  it('rejects relative path segments', () => {
    for (const input of ['.', '..', './a', '../a', 'a/./b', 'a/../b', 'a/.', 'a/..', 'Talk:..', 'Talk:./x']) {
      expect(rejection(input), input).toMatch(/\.\/|"\.\.?"|\/\.\.?"/);
    }
    // Dots that are not path segments are fine.
    for (const input of ['a.b', '...', 'a..b', 'a/.b', 'a/b.', 'Dr. Who', '.hidden']) {
      expect(tryParseTitle(input).ok, input).toBe(true);
    }
  });

  it('rejects three or more tildes (signature markup) but allows two', () => {
    expect(rejection('~~~')).toContain('~~~');
    expect(rejection('Foo~~~~bar')).toContain('~~~');
    expect(parsed('A~~b').text).toBe('A~~b');
    expect(parsed('~x').text).toBe('~x');
  });
});

describe('empty titles', () => {
  it.each(['', ' ', '   ', '_', '___', '\u00A0', '\u3000', ' _\u00A0_ ', '\u200E'])('rejects %j as empty', (input) => {
    expect(rejection(input)).toBe('Title is empty');
  });

  it('rejects a namespace with no page name, naming the namespace', () => {
    expect(rejection('Talk:')).toContain('"Talk:"');
    expect(rejection('User talk:  ')).toContain('"User talk:"');
    expect(rejection('Category:_')).toContain('"Category:"');
  });
});

describe('titles no page may be stored at', () => {
  it('refuses Special: titles, in any spelling, with a 400 VALIDATION error that says what to do', () => {
    for (const input of ['Special:Foo', 'special:UserLogin', 'Special: Recent changes']) {
      const title = parsed(input);
      expect(isVirtualNamespace(title.namespace)).toBe(true);
      let thrown: unknown;
      try {
        assertWritableTitle(title);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('VALIDATION');
      expect((thrown as AppError).status).toBe(400);
      expect((thrown as AppError).message).toContain(`"${title.prefixedText}"`);
      expect((thrown as AppError).message).toContain('without the "Special:" prefix');
    }
  });

  it('says so in Italian too', () => {
    const reason = unwritableTitleReason(parsed('Special:Foo'))!;
    expect(createErrorTranslator('it', italian)(reason)).toContain('senza il prefisso "Special:"');
  });

  it('treats every negative (virtual) namespace so, as MediaWiki does Media: (-2)', () => {
    expect(isVirtualNamespace(NS.SPECIAL)).toBe(true);
    expect(isVirtualNamespace(-2)).toBe(true);
  });

  it('allows every stored namespace, and "Special" inside a title', () => {
    for (const input of ['Foo', 'Talk:Foo', 'User:Jane', 'User talk:Jane', 'Category:Fans', 'Category talk:Fans', ':Special pages', 'Specials:Foo']) {
      const title = parsed(input);
      expect(unwritableTitleReason(title)).toBeNull();
      expect(() => assertWritableTitle(title)).not.toThrow();
    }
  });
});

describe('length limit', () => {
  it(`accepts ${MAX_TITLE_BYTES} ASCII characters and rejects ${MAX_TITLE_BYTES + 1}`, () => {
    expect(MAX_TITLE_BYTES).toBe(255);
    expect(parsed('A'.repeat(255)).dbKey).toHaveLength(255);
    expect(rejection('A'.repeat(256))).toMatch(/255 bytes.*256 bytes/);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // 128 × "é" is 128 characters but 256 bytes.
    expect(rejection('\u00E9'.repeat(128))).toMatch(/256 bytes/);
    expect(parsed('\u00C9'.repeat(127) + 'a').dbKey).toHaveLength(128); // 255 bytes
    // Four bytes each: 63 emoji (252 bytes) fit, 64 (256 bytes) do not.
    expect(tryParseTitle('\u{1F60A}'.repeat(63)).ok).toBe(true);
    expect(rejection('\u{1F60A}'.repeat(64))).toMatch(/256 bytes/);
  });

  it('counts the bytes of the normalized title, without namespace prefix or surrounding spaces', () => {
    expect(parsed(`  Talk:${'a'.repeat(255)}  `).dbKey).toHaveLength(255);
    // 255 decomposed "e + ◌́" pairs are 765 bytes as typed but 510 once composed: still too long;
    // 127 of them plus "x" are 255 bytes once composed.
    expect(parsed('e\u0301'.repeat(127) + 'x').dbKey).toHaveLength(128);
  });

  it('counts spaces as one byte each, collapsed', () => {
    expect(parsed(`${'a'.repeat(127)}     ${'b'.repeat(127)}`).dbKey).toHaveLength(255);
  });
});

describe('namespaces', () => {
  it('recognizes namespace prefixes case-insensitively and writes them canonically', () => {
    expect(parsed('talk:foo')).toEqual({
      namespace: NS.TALK,
      dbKey: 'Foo',
      text: 'Foo',
      prefixedText: 'Talk:Foo',
      prefixedDbKey: 'Talk:Foo',
    });
    expect(parsed('TALK:foo').prefixedText).toBe('Talk:Foo');
    expect(parsed('Talk : foo').prefixedText).toBe('Talk:Foo');
    expect(parsed('Talk:_foo bar').prefixedDbKey).toBe('Talk:Foo_bar');
  });

  it('accepts namespace names with spaces written with underscores', () => {
    const title = parsed('User_talk:bar');
    expect(title.namespace).toBe(NS.USER_TALK);
    expect(title.prefixedText).toBe('User talk:Bar');
    expect(title.prefixedDbKey).toBe('User_talk:Bar');
    expect(parsed('user  talk:bar')).toEqual(title);
  });

  it('parses the other known namespaces', () => {
    expect(parsed('Category:x')).toMatchObject({ namespace: NS.CATEGORY, text: 'X', prefixedText: 'Category:X' });
    expect(parsed('category talk:x')).toMatchObject({ namespace: NS.CATEGORY_TALK, prefixedText: 'Category talk:X' });
    expect(parsed('user:mario rossi')).toMatchObject({ namespace: NS.USER, prefixedText: 'User:Mario rossi' });
  });

  it('parses Special: pages as namespace -1', () => {
    expect(parsed('Special:RecentChanges')).toMatchObject({
      namespace: NS.SPECIAL,
      dbKey: 'RecentChanges',
      prefixedText: 'Special:RecentChanges',
    });
    expect(parsed('special:recentChanges').prefixedText).toBe('Special:RecentChanges');
  });

  it('keeps an unknown prefix as part of a main-namespace title', () => {
    expect(parsed('Foo:bar')).toEqual({
      namespace: NS.MAIN,
      dbKey: 'Foo:bar',
      text: 'Foo:bar',
      prefixedText: 'Foo:bar',
      prefixedDbKey: 'Foo:bar',
    });
    expect(parsed('Telefono Azzurro: la storia').text).toBe('Telefono Azzurro: la storia');
  });

  it('treats only the first known prefix as the namespace', () => {
    expect(parsed('User:Talk:x')).toMatchObject({ namespace: NS.USER, text: 'Talk:x' });
  });

  it('rejects a second namespace after Talk:', () => {
    expect(rejection('Talk:Category:Foo')).toMatch(/second namespace/);
    expect(rejection('Talk:Talk:Foo')).toMatch(/second namespace/);
  });

  it('rejects a page name that starts with a colon after the namespace', () => {
    expect(rejection('Talk::Foo')).toMatch(/colon/);
    expect(rejection('::Foo')).toMatch(/colon/);
  });

  it('uses defaultNamespace only for titles without a prefix', () => {
    expect(parsed('Foo').namespace).toBe(NS.MAIN);
    expect(parseTitle('mario', { defaultNamespace: NS.USER }).prefixedText).toBe('User:Mario');
    expect(parseTitle('Category:X', { defaultNamespace: NS.USER }).prefixedText).toBe('Category:X');
  });
});

describe('leading colon', () => {
  it('is dropped, with the spaces after it', () => {
    expect(parsed(':Foo')).toEqual(parsed('Foo'));
    expect(parsed(': foo')).toEqual(parsed('Foo'));
  });

  it('forces the main namespace over defaultNamespace', () => {
    expect(parseTitle(':mario', { defaultNamespace: NS.USER })).toEqual(parsed('Mario'));
  });

  it('still lets a namespace prefix follow, as in [[:Category:Foo]]', () => {
    expect(parsed(':Category:foo')).toMatchObject({ namespace: NS.CATEGORY, prefixedText: 'Category:Foo' });
  });

  it('alone is an empty title', () => {
    expect(rejection(':')).toBe('Title is empty');
    expect(rejection(' : ')).toBe('Title is empty');
  });
});

describe('Italian titles and emoji', () => {
  it('keeps accented letters', () => {
    expect(parsed('Perché è così')).toEqual({
      namespace: NS.MAIN,
      dbKey: 'Perché_è_così',
      text: 'Perché è così',
      prefixedText: 'Perché è così',
      prefixedDbKey: 'Perché_è_così',
    });
    expect(parsed('Città').text).toBe('Città');
    expect(parsed("l'àncora").text).toBe("L'àncora");
    expect(parsed('perché_è_così')).toEqual(parsed('Perché è così'));
  });

  it('keeps emoji, including ones made of several code points', () => {
    expect(parsed('☎️ Telefono').text).toBe('☎️ Telefono');
    expect(parsed('Famiglia 👨‍👩‍👧').text).toBe('Famiglia 👨‍👩‍👧');
    expect(parsed('🇮🇹').text).toBe('🇮🇹');
  });
});

describe('splitFragment', () => {
  it('splits at the first # and shows the fragment with spaces', () => {
    expect(splitFragment('Foo#Storia_del_progetto')).toEqual({ title: 'Foo', fragment: 'Storia del progetto' });
    expect(splitFragment('Foo#a#b')).toEqual({ title: 'Foo', fragment: 'a#b' });
    expect(splitFragment('#Top')).toEqual({ title: '', fragment: 'Top' });
    expect(splitFragment('Foo#')).toEqual({ title: 'Foo', fragment: '' });
  });

  it('returns a null fragment when there is no #', () => {
    expect(splitFragment('Foo_bar')).toEqual({ title: 'Foo_bar', fragment: null });
  });
});

describe('titleToUrlPath', () => {
  it('uses underscores and the canonical namespace', () => {
    expect(titleToUrlPath(parsed('Talk:Foo bar'))).toBe('/wiki/Talk:Foo_bar');
    expect(titleToUrlPath(parsed('user talk:mario'))).toBe('/wiki/User_talk:Mario');
    expect(titleToUrlPath(parsed('Telefono Azzurro'))).toBe('/wiki/Telefono_Azzurro');
  });

  it("keeps ':' '/' '(' ')' and ',' readable", () => {
    expect(titleToUrlPath(parsed('Foo:bar/baz (sigla), 1987'))).toBe('/wiki/Foo:bar/baz_(sigla),_1987');
    expect(titleToUrlPath(parsed('Category:Storia/Anni 80'))).toBe('/wiki/Category:Storia/Anni_80');
  });

  it('percent-encodes characters that mean something in a URL', () => {
    expect(titleToUrlPath(parsed('Chi? Cosa?'))).toBe('/wiki/Chi%3F_Cosa%3F');
    expect(titleToUrlPath(parsed('Tom & Jerry'))).toBe('/wiki/Tom_%26_Jerry');
    expect(titleToUrlPath(parsed('100% Azzurro'))).toBe('/wiki/100%25_Azzurro');
    expect(titleToUrlPath(parsed('Il "Telefono"'))).toBe('/wiki/Il_%22Telefono%22');
    expect(titleToUrlPath(parsed("L'ancora"))).toBe('/wiki/L%27ancora');
    expect(titleToUrlPath(parsed('A+B=C'))).toBe('/wiki/A%2BB%3DC');
  });

  it('percent-encodes non-ASCII characters as UTF-8', () => {
    expect(titleToUrlPath(parsed('Perché è così'))).toBe('/wiki/Perch%C3%A9_%C3%A8_cos%C3%AC');
    expect(titleToUrlPath(parsed('Città'))).toBe('/wiki/Citt%C3%A0');
    expect(titleToUrlPath(parsed('\u{1F60A}'))).toBe('/wiki/%F0%9F%98%8A');
  });

  it('produces nothing a URL would cut short or misread', () => {
    const path = titleToUrlPath(parsed('a?b&c=d;e@f$g!h*i,j~k l"m\'n+o'));
    expect(path).not.toMatch(/[?&"' +=]/);
    expect(path.startsWith('/wiki/A%3Fb%26c%3Dd')).toBe(true);
  });

  it('encodeTitleForUrl encodes a prefixed db key in the same way', () => {
    expect(encodeTitleForUrl('Talk:Perché_sì?')).toBe('Talk:Perch%C3%A9_s%C3%AC%3F');
  });

  it.each([
    'Talk:Foo bar',
    'Perché è così',
    'Città',
    'Chi? Cosa? & perché',
    '100% Azzurro',
    'Il "Telefono" (1987)/Storia',
    "L'ancora",
    'A+B=C; D@E $F!',
    'Foo:bar',
    'User talk:Mario/Sandbox',
    'Special:RecentChanges',
    'Category:Associazioni italiane',
    '☎️ Famiglia 👨‍👩‍👧 🇮🇹',
    '\u{10428}abc',
    'i\u0307stanbul',
    '\u01C6emal',
    'Tom & Jerry ~ a.b',
  ])('round-trips %j through the URL', (input) => {
    const title = parsed(input);
    const path = titleToUrlPath(title);
    expect(parsed(titleFromPath(path))).toEqual(title);
    // And the normalized title parses to itself.
    expect(parsed(title.prefixedText)).toEqual(title);
    expect(parsed(title.prefixedDbKey)).toEqual(title);
  });
});

describe('makeParsedTitle', () => {
  it('builds every form from a namespace and a db key', () => {
    expect(makeParsedTitle(NS.USER_TALK, 'Mario_Rossi')).toEqual({
      namespace: NS.USER_TALK,
      dbKey: 'Mario_Rossi',
      text: 'Mario Rossi',
      prefixedText: 'User talk:Mario Rossi',
      prefixedDbKey: 'User_talk:Mario_Rossi',
    });
    expect(makeParsedTitle(NS.MAIN, 'Città')).toEqual(parsed('Città'));
  });

  it('agrees with parseTitle for titles read back from the database', () => {
    for (const input of ['Talk:Foo bar', 'Category:Storia', 'Special:RecentChanges', 'Perché è così']) {
      const title = parsed(input);
      expect(makeParsedTitle(title.namespace, title.dbKey)).toEqual(title);
    }
  });
});
