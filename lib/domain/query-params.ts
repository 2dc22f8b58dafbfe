import { DEFAULT_LIMIT, MAX_LIMIT } from '@/lib/domain/history';
import { englishText, errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';
import { AppError, isAppError } from '@/lib/domain/errors';
import { WATCHLIST_DAY_CHOICES, watchlistDaysInput } from '@/lib/domain/preferences';
import { MAX_DATABASE_INTEGER, isStorableId } from '@/lib/domain/database-integer';

/**
 * The numeric query parameters of /wiki/ URLs (MediaWiki's oldid, diff, undo…). proxy.ts checks
 * them before rendering so that bad values answer 400 (a page cannot set its own status); the
 * views then read them with the same functions.
 */

const ID_PARAMS = ['oldid', 'undo', 'undoafter', 'older', 'newer'] as const;
export type DiffTarget = number | 'prev' | 'next' | 'cur';

/** A query-string value as Next.js hands it over (repeated parameters arrive as arrays). */
export type QueryValue = string | string[] | null | undefined;

/** A page's query string as Next.js hands it to the route (`searchParams`). */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a parameter (MediaWiki reads the first of repeated parameters too). */
export function first(value: QueryValue): string | undefined {
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/** The first value without surrounding white space, '' when absent. */
export function trimmedText(value: QueryValue): string {
  return (first(value) ?? '').trim();
}

/** A query-string flag such as `?hideminor=1`: present and not "0". */
export function flag(value: QueryValue): boolean {
  const raw = first(value);
  return raw !== undefined && raw !== '' && raw !== '0';
}

/** A user name from a special page's subpage or, failing that, a parameter ("Jane_Doe" → "Jane Doe"). */
export function userNameParam(subpage: string | null, value: QueryValue): string {
  return (subpage ?? first(value) ?? '').replaceAll('_', ' ').trim();
}

/** A whole number of at most `maxDigits` digits, or null when absent or anything else. */
export function digitsParam(value: QueryValue, maxDigits: number): number | null {
  const raw = first(value);
  if (raw === undefined || !new RegExp(`^\\d{1,${maxDigits}}$`, 'u').test(raw)) return null;
  return Number(raw);
}

/** The first value without surrounding white space, undefined when absent or blank. */
function nonBlank(value: QueryValue): string | undefined {
  return trimmedText(value) || undefined;
}

const DIGITS = /^[0-9]+$/u;

/**
 * `?limit=`: absent or empty → the default; otherwise a whole number from 1 to `max`. Anything
 * else ("abc", "-5", "0", "1e3", "100000") is refused rather than silently clamped, so a mistyped
 * link says what is wrong.
 */
export function parseLimit(value: QueryValue, options: { default: number; max: number } = { default: DEFAULT_LIMIT, max: MAX_LIMIT }): number {
  const raw = nonBlank(value);
  if (raw === undefined) return options.default;
  const limit = DIGITS.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > options.max) {
    const message = errorMessage('history.limit', { max: options.max });
    throw new AppError('VALIDATION', message, { fieldErrors: { limit: message } });
  }
  return limit;
}

/**
 * A keyset cursor (`?older=` / `?newer=`): a revision id, i.e. a positive safe integer. Absent or
 * empty → undefined. `name` is the parameter's name, for the message.
 */
export function parseRevisionCursor(value: QueryValue, name = 'cursor'): number | undefined {
  const raw = nonBlank(value);
  if (raw === undefined) return undefined;
  const id = DIGITS.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    const message = errorMessage('history.cursor', { name });
    throw new AppError('VALIDATION', message, { fieldErrors: { [name]: message } });
  }
  return id;
}

export interface Paging {
  limit: number;
  olderThan?: number;
  newerThan?: number;
}

/** `limit`, `older` and `newer` of a list's query string. Both cursors at once make no sense. */
export function parsePaging(
  query: { limit?: QueryValue; older?: QueryValue; newer?: QueryValue },
  options: { default: number; max: number } = { default: DEFAULT_LIMIT, max: MAX_LIMIT },
): Paging {
  const limit = parseLimit(query.limit, options);
  const olderThan = parseRevisionCursor(query.older, 'older');
  const newerThan = parseRevisionCursor(query.newer, 'newer');
  if (olderThan !== undefined && newerThan !== undefined) {
    throw new AppError('VALIDATION', errorMessage('history.olderAndNewer'));
  }
  return { limit, olderThan, newerThan };
}

/** Parses a list's paging parameters, or returns the message that says what is wrong with them. */
export function pagingOrError(query: { limit?: QueryValue; older?: QueryValue; newer?: QueryValue }): { paging: Paging; error: null } | { paging: null; error: string } {
  try {
    return { paging: parsePaging(query), error: null };
  } catch (error) {
    if (isAppError(error) && error.code === 'VALIDATION') return { paging: null, error: error.message };
    throw error;
  }
}

/** A positive revision id, undefined when absent, or null when malformed. */
export function parseId(value: QueryValue): number | undefined | null {
  const text = first(value);
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return isStorableId(id) ? id : null;
}

export function parseDiffTarget(value: QueryValue): DiffTarget | undefined | null {
  const text = first(value);
  if (text === 'prev' || text === 'next' || text === 'cur') return text;
  return parseId(text);
}

const PROBLEMS = {
  id: (name: (typeof ID_PARAMS)[number]) => errorMessage('query.revisionId', { name, max: MAX_DATABASE_INTEGER }),
  diff: errorMessage('query.diff'),
  limit: errorMessage('query.limit', { max: MAX_LIMIT }),
  days: errorMessage('watchlist.days', { choices: WATCHLIST_DAY_CHOICES.join(', ') }),
};

/** The first problem with a /wiki/ URL's query, or null when it is fine. */
export function queryProblemMessage(get: (name: string) => string | null): ErrorMessage | null {
  for (const name of ID_PARAMS) {
    if (parseId(get(name)) === null) return PROBLEMS.id(name);
  }
  if (parseDiffTarget(get('diff')) === null) return PROBLEMS.diff;
  try {
    parseLimit(get('limit') ?? undefined);
  } catch {
    return PROBLEMS.limit;
  }
  // Special:Watchlist's period (MediaWiki's `days`); the same check gives its 400 a status.
  const days = get('days');
  if (days !== null && days !== '' && !watchlistDaysInput.safeParse(days).success) return PROBLEMS.days;
  return null;
}

/** queryProblemMessage in English (proxy.ts hands it to the 400 page in the URL). */
export function queryProblem(get: (name: string) => string | null): string | null {
  const problem = queryProblemMessage(get);
  return problem === null ? null : englishText(problem);
}

/** The message behind queryProblem's English text, so the 400 page can show it in the reader's language. */
export function queryProblemFromText(text: string): ErrorMessage | null {
  const candidates = [...ID_PARAMS.map(PROBLEMS.id), PROBLEMS.diff, PROBLEMS.limit, PROBLEMS.days];
  return candidates.find((candidate) => englishText(candidate) === text) ?? null;
}

/** The query string of `query` again ("?a=1&b=2", '' when empty), repeated parameters kept in order. */
export function queryStringOf(query: SearchParams): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const item of [value ?? []].flat()) search.append(name, item);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
