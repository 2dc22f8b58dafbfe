import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createErrorTranslator, englishText, errorMessage, type ErrorCatalog } from '@/lib/domain/error-messages';
import { AppError, toPublicError } from '@/lib/domain/errors';
import { editPageSchema } from '@/lib/domain/schemas';
import { signUpSchema } from '@/lib/domain/accounts';
import { blockFormSchema } from '@/lib/domain/blocks';
import { can, type Actor } from '@/lib/domain/policy';
import { parseTitle, tryParseTitle } from '@/lib/domain/titles';
import { queryProblem, queryProblemFromText } from '@/lib/domain/query-params';
import { errorText, errorTexts } from '@/lib/i18n/error-text';
import { CATALOGS } from '@/lib/i18n/catalogs';

const root = path.resolve(import.meta.dirname, '../..');
type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [[`${prefix}${key}`, value] as [string, string]] : flatten(value, `${prefix}${key}.`)));
}

const italian = errorTexts('it');
const english = errorTexts('en');

describe('the errors catalogs', () => {
  for (const locale of ['en', 'it'] as const) {
    it(`renders every ${locale} message, keeping its apostrophes (ICU would swallow one before a placeholder)`, () => {
      const render = createErrorTranslator(locale, CATALOGS[locale].errors as ErrorCatalog);
      for (const [key, message] of flatten(CATALOGS[locale].errors as unknown as Tree)) {
        if (message.includes('<')) continue; // rich text, rendered by the pages with t.rich
        const values = { text: 'T', first: 'A', rest: 'B', count: 2, at: new Date('2027-01-31T18:30:00Z'), size: 2.5 };
        const placeholders = Object.fromEntries([...message.matchAll(/\{(\w+)/g)].map(([, name]) => [name!, name!]));
        const rendered = render({ key: key as never, values: { ...placeholders, ...values } });
        expect(rendered, key).not.toContain(key);
        const apostrophes = (text: string) => (text.replace(/\{[^{}]*\}/g, '').match(/['’]/g) ?? []).length;
        expect(apostrophes(rendered), `${locale}: ${key}`).toBeGreaterThanOrEqual(apostrophes(message));
      }
    });
  }

  it('has every key the code names (errorMessage(…), errors.t(…))', () => {
    const keys = new Set(flatten(CATALOGS.en.errors as unknown as Tree).map(([key]) => key));
    const used = new Map<string, string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name)) {
          for (const match of readFileSync(file, 'utf8').matchAll(/(?:errorMessage|errors\.t)\(\s*'([\w.]+)'/g)) used.set(match[1]!, file);
        }
      }
    };
    for (const dir of ['lib', 'app', 'components']) walk(path.join(root, dir));
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter(([key]) => !keys.has(key))).toEqual([]);
  });

  it('words errors only through the catalog where a web page can show them', () => {
    // Literal English is for the REST API's own messages, the command line, operator errors and
    // what only machines read (feeds and sitemaps answer crawlers and feed readers in plain text).
    const englishOnly = /^lib\/server\/(rest|backup)\/|^lib\/server\/(db|feeds|sitemap-http)\.ts$|^lib\/domain\/mediawiki-xml(-reader|-uploads)?\.ts$/;
    const literal = /new (?:AppError|TitleError)\(\s*'[A-Z_]+',\s*['"`]/g;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        const relative = path.relative(root, file);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.tsx?$/.test(name) && !englishOnly.test(relative) && literal.test(readFileSync(file, 'utf8'))) offenders.push(relative);
        literal.lastIndex = 0;
      }
    };
    for (const dir of ['lib', 'app']) walk(path.join(root, dir));
    // history.ts: an INTERNAL error for the operator (people get the generic message).
    expect(offenders.filter((file) => file !== 'lib/server/history.ts')).toEqual([]);
  });
});

describe('error messages', () => {
  it('keep the English wording in .message', () => {
    const error = new AppError('EDIT_CONFLICT', errorMessage('edit.changedMeanwhile', { title: 'Apples' }));
    expect(error.message).toBe('Someone else changed "Apples" after you started editing. Your text has been kept; review the current version and save again.');
    expect(error.title).toBe('Edit conflict');
    expect(errorText(error.text, 'it')).toBe(
      'Qualcun altro ha modificato "Apples" dopo che hai iniziato. Il tuo testo è stato conservato; controlla la versione attuale e salva di nuovo.',
    );
  });

  it('translate the parts of a composed message', () => {
    const parsed = tryParseTitle('A|B');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toBe('Title contains the forbidden character "|"');
    const message = errorMessage('move.invalidNew', { reason: parsed.message });
    expect(englishText(message)).toBe('Invalid new title: Title contains the forbidden character "|".');
    expect(errorText(message, 'it')).toBe('Il nuovo titolo non è valido: Il titolo contiene il carattere non ammesso "|".');
  });

  it('format numbers, plurals and dates for the language', () => {
    const size = errorMessage('edit.contentTooLarge', { size: 2.3, limit: 2 });
    expect(englishText(size)).toBe('The text is 2.3 MiB; the limit is 2 MiB.');
    expect(errorText(size, 'it')).toBe('Il testo è di 2,3 MiB; il limite è 2 MiB.');
    expect(englishText(errorMessage('duration.seconds', { count: 1 }))).toBe('1 second');
    expect(errorText(errorMessage('duration.minutes', { count: 1 }), 'it')).toBe('un minuto');
    const blocked: Actor = {
      userId: 7,
      name: 'Bob',
      role: 'registered',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      editCount: 50,
      blocked: { reason: 'Vandalism', expiresAt: new Date('2026-12-05T12:00:00Z'), sitewide: true, pageIds: [] },
    };
    const decision = can(blocked, 'edit', { id: 1 }, undefined, new Date('2026-11-28T12:00:00Z'));
    expect(decision.allowed).toBe(false);
    if (decision.allowed) return;
    expect(decision.message).toBe('You are blocked from editing until 5 December 2026: Vandalism');
    expect(errorText(decision.text, 'it')).toBe('Il tuo account è bloccato: non puoi modificare il wiki fino al giorno 5 dicembre 2026. Motivo: Vandalism');
  });

  it('keep a thrown TitleError and the result of tryParseTitle in step', () => {
    expect(() => parseTitle('')).toThrow('Title is empty');
    const parsed = tryParseTitle('Talk:');
    expect(!parsed.ok && errorText(parsed.message, 'it')).toBe('Nel titolo manca il nome della pagina dopo "Talk:"');
  });
});

describe('validation in the reader’s language', () => {
  const valid = { title: 'Apples', content: 'Red.', summary: '', minor: '', baseRevisionId: '' };

  it('marks the fields in Italian for it and in unchanged English for en', () => {
    const result = editPageSchema.safeParse({ ...valid, summary: 'x'.repeat(600), title: 'A[b]' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(italian.fieldErrors(result.error)).toEqual({
      title: 'Il titolo contiene il carattere non ammesso "["',
      summary: "L'oggetto può contenere al massimo 500 caratteri (questo ne ha 600).",
    });
    expect(english.fieldErrors(result.error)).toEqual({
      title: 'Title contains the forbidden character "["',
      summary: 'Edit summaries can be at most 500 characters long (this one has 600).',
    });
    expect(italian.t('form.pageNotSaved')).toBe('La pagina non è stata salvata. Correggi i campi evidenziati.');
  });

  it('covers missing fields, account rules and admin forms', () => {
    const missing = signUpSchema.safeParse({ username: 'Jane', password: 'correct horse battery staple' });
    expect(!missing.success && italian.fieldErrors(missing.error)).toEqual({ passwordConfirm: 'Digita di nuovo la password.' });
    const signUp = signUpSchema.safeParse({ username: 'a@b', password: 'short', passwordConfirm: 'other' });
    expect(!signUp.success && italian.fieldErrors(signUp.error)).toEqual({
      username: 'Il nome utente non può contenere il carattere "@".',
      password: 'La password deve contenere almeno 12 caratteri (questa ne ha 5).',
      passwordConfirm: 'Le due password non coincidono.',
    });
    const block = blockFormSchema.safeParse({ target: 'Bob', expiry: '2001-01-01', reason: '', scope: 'partial', pages: '' });
    expect(block.success).toBe(false);
    if (!block.success) {
      expect(italian.fieldErrors(block.error)).toEqual({
        expiry: 'La scadenza deve essere nel futuro.',
        reason: 'Indica un motivo: viene mostrato nel registro.',
        pages: "Elenca le pagine che l'utente non potrà modificare, una per riga, oppure scegli un blocco su tutto il sito.",
      });
    }
  });
});

describe('a failed server call on a form', () => {
  it('is said in the reader’s language, with its fields', () => {
    const error = new AppError('VALIDATION', errorMessage('block.self'), { fieldErrors: { target: errorMessage('block.self') } });
    expect(italian.failure(error)).toEqual({ code: 'VALIDATION', formError: 'Non puoi bloccare te stesso.', fieldErrors: { target: 'Non puoi bloccare te stesso.' } });
    expect(english.failure(error)).toEqual({ code: 'VALIDATION', formError: 'You cannot block yourself.', fieldErrors: { target: 'You cannot block yourself.' } });
    expect(italian.title('RATE_LIMITED')).toBe('Troppe richieste');
  });

  it('says the database is unavailable, and reveals nothing of a bug', () => {
    const fault = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(italian.failure(fault).formError).toBe('Il database del wiki non è raggiungibile in questo momento; riprova tra qualche istante.');
    const bug = new AppError('INTERNAL', 'Page 3 is in unknown namespace 99');
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args[0]);
    try {
      expect(italian.failure(bug).formError).toBe('Si è verificato un errore da parte nostra. Riprova tra qualche istante.');
      expect(toPublicError(new TypeError('x is undefined')).message).toBe('Something went wrong on our side. Please try again in a moment.');
    } finally {
      console.error = original;
    }
    expect(logged).toEqual([bug]);
  });
});

describe('the 400 page for a malformed query', () => {
  it('recognizes the English problem proxy.ts hands over', () => {
    const problem = queryProblem((name) => (name === 'oldid' ? 'abc' : null))!;
    expect(problem).toBe('"oldid" must be a revision number (a whole number from 1 to 2147483647).');
    expect(errorText(queryProblemFromText(problem)!, 'it')).toBe('"oldid" deve essere il numero di una versione (un numero intero da 1 a 2147483647).');
    expect(queryProblemFromText('something else')).toBeNull();
  });
});
