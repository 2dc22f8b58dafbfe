import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETURN_TO,
  checkUsername,
  invisibleCharacterIn,
  looksLikeIpAddress,
  normalizeUsername,
  passwordIssues,
  safeReturnTo,
  signInSchema,
  signUpSchema,
  usernameKey,
  usernameSchema,
} from '@/lib/domain/accounts';
import { usernameSkeleton } from '@/lib/domain/username-skeleton';

const messageOf = (input: string): string | undefined => usernameSchema.safeParse(input).error?.issues[0]?.message;

describe('normalizeUsername', () => {
  it('trims, turns underscores into spaces, collapses spaces and capitalizes the first letter', () => {
    expect(normalizeUsername('  jane_doe  ')).toBe('Jane doe');
    expect(normalizeUsername('jane   __ doe')).toBe('Jane doe');
    expect(normalizeUsername('jane\u00A0doe')).toBe('Jane doe');
    expect(normalizeUsername('')).toBe('');
    expect(normalizeUsername(' _ ')).toBe('');
  });

  it('upper-cases the first code point, unicode-aware', () => {
    expect(normalizeUsername('élodie')).toBe('Élodie');
    expect(normalizeUsername('𐐨bc')).toBe('𐐀bc'); // astral (Deseret) letter
    expect(normalizeUsername('ǆemal')).toBe('ǅemal'); // title case, not upper case
    expect(normalizeUsername('ßtraße')).toBe('ßtraße'); // capital would be two letters
    expect(normalizeUsername('1abc')).toBe('1abc');
  });

  it('applies NFC so composed and decomposed spellings are one name', () => {
    expect(normalizeUsername('e\u0301lodie')).toBe('Élodie');
  });
});

describe('usernameKey', () => {
  it('is case-insensitive over the normalized name', () => {
    expect(usernameKey('jane_Doe')).toBe('jane doe');
    expect(usernameKey('JANE DOE')).toBe(usernameKey(' jane  doe '));
    expect(usernameKey('Élodie')).toBe(usernameKey('e\u0301lodie'));
  });
});

describe('usernameSchema', () => {
  it('accepts and normalizes valid names', () => {
    expect(usernameSchema.parse('jane_doe')).toBe('Jane doe');
    expect(usernameSchema.parse('Ünïcödé 名前 🍎')).toBe('Ünïcödé 名前 🍎');
    expect(usernameSchema.parse('a')).toBe('A');
    expect(usernameSchema.parse('Jane.Doe-2')).toBe('Jane.Doe-2');
  });

  it('counts length in code points: 1 to 85', () => {
    expect(messageOf('')).toBe('Please enter a username.');
    expect(messageOf('   ')).toBe('Please enter a username.');
    expect(usernameSchema.parse('x'.repeat(85))).toBe(`X${'x'.repeat(84)}`);
    expect(messageOf('x'.repeat(86))).toBe('Usernames can be at most 85 characters long (this one has 86).');
    // 60 emoji are 120 UTF-16 units but 60 characters (240 bytes, still a valid title).
    expect(usernameSchema.safeParse('😀'.repeat(60)).success).toBe(true);
  });

  it.each(['@', ':', '/', '#', '<', '>', '[', ']', '|', '{', '}'])('rejects the character %s', (character) => {
    expect(messageOf(`Jane${character}Doe`)).toBe(`Usernames cannot contain the character "${character}".`);
  });

  it('rejects control characters', () => {
    expect(messageOf('Jane\tDoe')).toBe('Usernames cannot contain control characters (found U+0009).');
    expect(messageOf('Jane\u0000Doe')).toBe('Usernames cannot contain control characters (found U+0000).');
    expect(messageOf('Jane\u007FDoe')).toBe('Usernames cannot contain control characters (found U+007F).');
    expect(messageOf('Jane\u0085Doe')).toBe('Usernames cannot contain control characters (found U+0085).');
  });

  it('reserves names that look like IP addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '1.2.3.4',
      '999.999.999.999',
      '10.0.0.xxx',
      '::1',
      '2001:db8::ff00:42:8329',
      'fe80::1',
      '::ffff:192.0.2.1',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
    ]) {
      expect(looksLikeIpAddress(normalizeUsername(ip)), ip).toBe(true);
      expect(messageOf(ip), ip).toMatch(/cannot look like an IP address/);
    }
    for (const name of ['1.2.3', '1.2.3.4.5', 'Version 1.2.3.4', 'Cafe', 'a:b', '1::2::3']) {
      expect(looksLikeIpAddress(name), name).toBe(false);
    }
  });

  it('requires the name to be a valid title of a user page', () => {
    expect(messageOf('Jane~~~')).toMatch(/^This username cannot be used because it is not a valid page name: .*~~~/);
    expect(messageOf('Jane%41')).toMatch(/percent-encoded/);
    expect(messageOf('..')).toMatch(/not a valid page name/);
    // 85 three-byte characters are exactly 255 bytes; 64 four-byte emoji are 256: too long as a title.
    expect(usernameSchema.safeParse('日'.repeat(85)).success).toBe(true);
    expect(messageOf('😀'.repeat(64))).toMatch(/longer than 255 bytes/);
  });

  it('rejects non-strings', () => {
    expect(usernameSchema.safeParse(undefined).error?.issues[0]?.message).toBe('Please enter a username.');
    expect(checkUsername('Jane')).toEqual({ ok: true, name: 'Jane' });
  });

  // Issue 14: `user:create 'Admin1<U+200B>'` made an account that signed talk pages as "Admin1".
  it.each([
    ['zero-width space', 'Admin1\u200B', '200B'],
    ['zero-width non-joiner', 'Ad\u200Cmin', '200C'],
    ['zero-width joiner', 'Ad\u200Dmin', '200D'],
    ['word joiner', 'Ad\u2060min', '2060'],
    ['byte order mark', '\uFEFFAdmin', 'FEFF'],
    ['soft hyphen', 'Ad\u00ADmin', '00AD'],
    ['left-to-right mark', 'Jane\u200EDoe', '200E'],
    ['right-to-left override', 'Jane\u202EeoD', '202E'],
    ['first-strong isolate', 'Jane \u2068Doe\u2069', '2068'],
    ['Arabic letter mark', 'Jane\u061CDoe', '061C'],
    ['Mongolian vowel separator', 'Jane\u180EDoe', '180E'],
    ['variation selector', 'Admin\uFE0F', 'FE0F'],
    ['combining grapheme joiner', 'Ad\u034Fmin', '034F'],
    ['Hangul filler', 'Admin\u3164', '3164'],
    ['tag character', 'Admin\u{E0041}', 'E0041'],
    ['private-use character', 'Admin\uE000', 'E000'],
    ['unassigned code point', 'Admin\u{E0080}', 'E0080'],
    ['blank Braille pattern', 'Admin\u2800', '2800'],
  ])('refuses a name with a %s in it, naming the character', (_what, input, code) => {
    expect(invisibleCharacterIn(input)).toBe(code);
    expect(messageOf(input)).toBe(`Usernames cannot contain invisible or formatting characters such as zero-width spaces or direction marks (found U+${code}).`);
    expect(signUpSchema.safeParse({ username: input, password: 'a long unusual passphrase', passwordConfirm: 'a long unusual passphrase' }).success).toBe(false);
  });

  it('keeps letters of every script, marks and emoji: only what cannot be seen is refused', () => {
    for (const name of ['Jane Doe', 'Zoë', 'Ελένη', 'Анна', 'محمد', 'תמר', 'हिन्दी', '日本語', 'Fan 😀', 'Ǆemal']) {
      expect(invisibleCharacterIn(name), name).toBeNull();
      expect(usernameSchema.safeParse(name).success, name).toBe(true);
    }
  });

  it('still finds an account signed in with a direction mark pasted into the name, as titles do', () => {
    expect(signInSchema.parse({ username: 'Jane\u200EDoe', password: 'x' }).username).toBe('JaneDoe');
  });
});

describe('usernameSkeleton (Unicode TR39 confusables)', () => {
  it.each([
    ['Admin1', 'Admіn1', 'Cyrillic і for i'],
    ['Admin1', 'AdminI', 'capital I for the digit 1'],
    ['Paypal', 'PaypaI', 'capital I for l'],
    ['Paypal', 'PAYPAL', 'only the case differs'],
    ['Oscar', '0scar', 'zero for O'],
    ['Modern', 'Rnodern', 'rn for m'],
    ['Apple', 'Аррlе', 'Cyrillic а, р and е'],
    ['Foo bar', 'Ｆｏｏ ｂａｒ', 'fullwidth letters'],
    ['Office', 'Oﬃce', 'a ligature'],
    ['Café', 'Cafe\u0301', 'decomposed accent'],
    ['Jane-Doe', 'Jane\u2010Doe', 'Unicode hyphen'],
  ])('gives "%s" and "%s" one skeleton (%s)', (original, lookalike) => {
    expect(usernameSkeleton(lookalike)).toBe(usernameSkeleton(original));
  });

  it('keeps names apart that look different', () => {
    const names = ['Admin1', 'Admin2', 'Adrian', 'Alice', 'Alina', 'Bob', 'Café', 'Cafe', 'Jane Doe', 'JaneDoe', '127.0.0.1', '127.0.0.10'];
    expect(new Set(names.map(usernameSkeleton)).size).toBe(names.length);
  });
});

describe('passwordIssues', () => {
  const good = 'correct horse battery staple';

  it('accepts a long, uncommon password', () => {
    expect(passwordIssues(good, 'Jane')).toEqual([]);
  });

  it('requires 12 to 4096 characters, counted in code points', () => {
    expect(passwordIssues('Zx9!kq2#Lm4', 'Jane')).toEqual(['Passwords must be at least 12 characters long (this one has 11).']);
    expect(passwordIssues('Zx9!kq2#Lm4$', 'Jane')).toEqual([]);
    // Eleven emoji are 22 UTF-16 units but still only 11 characters.
    expect(passwordIssues('🔑'.repeat(11), 'Jane')).toEqual(['Passwords must be at least 12 characters long (this one has 11).']);
    expect(passwordIssues('🔑'.repeat(12), 'Jane')).toEqual([]);
    expect(passwordIssues('🔑'.repeat(4096), 'Jane')).toEqual([]);
    expect(passwordIssues('🔑'.repeat(4097), 'Jane')).toEqual(['Passwords can be at most 4096 characters long.']);
    expect(passwordIssues('a'.repeat(100_000), 'Jane')).toEqual(['Passwords can be at most 4096 characters long.']);
  });

  it('rejects the username as password, ignoring case and normalization', () => {
    const same = ['Your password must be different from your username.'];
    expect(passwordIssues('JaneDoe12345', 'janedoe12345')).toEqual(same);
    expect(passwordIssues('jane_doe_smith', 'Jane doe smith')).toEqual(same);
    expect(passwordIssues('  jane doe smith ', 'Jane_Doe_Smith')).toEqual(same);
    expect(passwordIssues('jane doe smith!', 'Jane doe smith')).toEqual([]);
  });

  it('rejects common passwords, ignoring case', () => {
    const common = ['This password is one of the most commonly used passwords; please choose another one.'];
    expect(passwordIssues('qwerty123456', 'Jane')).toEqual(common);
    expect(passwordIssues('QWERTY123456', 'Jane')).toEqual(common);
    expect(passwordIssues('1q2w3e4r5t6y', 'Jane')).toEqual(common);
    expect(passwordIssues('password', 'Jane')).toHaveLength(2); // too short and common
  });
});

describe('signUpSchema', () => {
  const valid = { username: 'jane_doe', password: 'correct horse battery staple', passwordConfirm: 'correct horse battery staple' };

  it('accepts a valid sign-up and normalizes the name', () => {
    expect(signUpSchema.parse({ ...valid, returnTo: '/wiki/Apples' })).toEqual({
      username: 'Jane doe',
      password: valid.password,
      passwordConfirm: valid.password,
      returnTo: '/wiki/Apples',
    });
  });

  it('never changes the password (no trimming, no truncation)', () => {
    const password = `  ${'p'.repeat(4000)}  `;
    expect(signUpSchema.parse({ ...valid, password, passwordConfirm: password }).password).toBe(password);
  });

  it('replaces an unsafe or missing returnTo with the main page', () => {
    expect(signUpSchema.parse(valid).returnTo).toBe(DEFAULT_RETURN_TO);
    expect(signUpSchema.parse({ ...valid, returnTo: null }).returnTo).toBe(DEFAULT_RETURN_TO);
    expect(signUpSchema.parse({ ...valid, returnTo: '//evil.com' }).returnTo).toBe(DEFAULT_RETURN_TO);
  });

  it('reports every problem at once, on the right field', () => {
    const result = signUpSchema.safeParse({ username: 'a@b', password: 'xq7#', passwordConfirm: 'other' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['username', 'Usernames cannot contain the character "@".'],
      ['password', 'Passwords must be at least 12 characters long (this one has 4).'],
      ['passwordConfirm', 'The two passwords do not match.'],
    ]);
  });

  it('rejects a password equal to the username', () => {
    const result = signUpSchema.safeParse({ username: 'Jane Doe Smith', password: 'jane_doe_smith', passwordConfirm: 'jane_doe_smith' });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(['Your password must be different from your username.']);
  });

  it('rejects missing fields', () => {
    const result = signUpSchema.safeParse({ username: 'Jane' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['password', 'Please choose a password.'],
      ['passwordConfirm', 'Please type the password again.'],
    ]);
  });
});

describe('signInSchema', () => {
  it('normalizes the name and keeps the password as typed', () => {
    expect(signInSchema.parse({ username: ' jane_doe ', password: ' secret ' })).toEqual({
      username: 'Jane doe',
      password: ' secret ',
      returnTo: DEFAULT_RETURN_TO,
    });
  });

  it('requires a name and a password of at most 4096 characters', () => {
    const messages = (input: unknown): string[] => signInSchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
    expect(messages({ username: '  ', password: '' })).toEqual(['Please enter your username.', 'Please enter your password.']);
    expect(messages({ username: 'Jane', password: 'x'.repeat(4097) })).toEqual(['Passwords can be at most 4096 characters long.']);
    expect(messages({ username: 'Jane', password: '🔑'.repeat(4096) })).toEqual([]);
    expect(messages({ username: 'Jane', password: 'short' })).toEqual([]); // old passwords still work
  });
});

describe('safeReturnTo', () => {
  it('keeps same-site paths', () => {
    expect(safeReturnTo('/wiki/Apples')).toBe('/wiki/Apples');
    expect(safeReturnTo('/wiki/Talk:Apples?action=edit#Section')).toBe('/wiki/Talk:Apples?action=edit#Section');
    expect(safeReturnTo('/wiki/AC%2FDC')).toBe('/wiki/AC%2FDC');
    expect(safeReturnTo('/wiki/%E6%97%A5%E6%9C%AC')).toBe('/wiki/%E6%97%A5%E6%9C%AC');
    expect(safeReturnTo('/')).toBe('/');
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['protocol-relative', '//evil.com'],
    ['backslash host', '/\\evil.com'],
    ['backslash anywhere', '/wiki/a\\b'],
    ['absolute URL', 'https://evil.com'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['relative path', 'wiki/Apples'],
    ['leading tab', '\t//evil'],
    ['tab inside', '/\t/evil.com'],
    ['newline inside', '/\n/evil.com'],
    ['encoded slashes (would become //evil.com when decoded)', '/%2F%2Fevil.com'],
    ['encoded slash after the first', '/%2Fevil.com'],
    ['encoded backslash', '/%5Cevil.com'],
    ['encoded control character', '/wiki/%0Aevil'],
    ['malformed escape', '/wiki/%E0%A4%A'],
    ['leading space', ' /wiki/Apples'],
    ['overlong', `/${'a'.repeat(3000)}`],
  ])('rejects %s', (_label, value) => {
    expect(safeReturnTo(value)).toBe(DEFAULT_RETURN_TO);
  });
});
