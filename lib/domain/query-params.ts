import { MAX_LIMIT, parseLimit } from '@/lib/domain/history';

/**
 * The numeric query parameters of /wiki/ URLs (MediaWiki's oldid, diff, undo…). proxy.ts checks
 * them before rendering so that bad values answer 400 (a page cannot set its own status); the
 * views then read them with the same functions.
 */

/** Revision ids are PostgreSQL INTEGERs. */
const MAX_ID = 2_147_483_647;

const ID_PARAMS = ['oldid', 'undo', 'undoafter', 'older', 'newer'] as const;
export type DiffTarget = number | 'prev' | 'next' | 'cur';

type QueryValue = string | string[] | null | undefined;

function single(value: QueryValue): string | undefined {
  return Array.isArray(value) ? value[0] : (value ?? undefined);
}

/** A positive revision id, undefined when absent, or null when malformed. */
export function parseId(value: QueryValue): number | undefined | null {
  const text = single(value);
  if (text === undefined || text === '') return undefined;
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= MAX_ID ? id : null;
}

export function parseDiffTarget(value: QueryValue): DiffTarget | undefined | null {
  const text = single(value);
  if (text === 'prev' || text === 'next' || text === 'cur') return text;
  return parseId(text);
}

/** The first problem with a /wiki/ URL's query, in words, or null when it is fine. */
export function queryProblem(get: (name: string) => string | null): string | null {
  for (const name of ID_PARAMS) {
    if (parseId(get(name)) === null) return `"${name}" must be a revision number (a whole number from 1 to ${MAX_ID}).`;
  }
  if (parseDiffTarget(get('diff')) === null) return '"diff" must be a revision number, or prev, next or cur.';
  try {
    parseLimit(get('limit') ?? undefined);
  } catch {
    return `"limit" must be a whole number from 1 to ${MAX_LIMIT}.`;
  }
  return null;
}
