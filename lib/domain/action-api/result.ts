/**
 * The envelope of every Action API answer: the main parameters every request may carry
 * (format, formatversion, errorformat, maxlag, assert, requestid, curtimestamp) and how a
 * module's result, the warnings and an error are put together, as MediaWiki's ApiMain does.
 *
 * Modules build their results in formatversion=2's shape (arrays, real booleans, "content");
 * formatversion=1, still the default for old clients, is derived from it in one place
 * (toFormatVersion1): pages keyed by id, booleans as "" when true and absent when false, content
 * under "*".
 *
 * Pure: no I/O.
 */
import { ApiError, ERROR_FORMATS, errorMembers, warningMembers, type ApiMessage, type ErrorFormat } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';

export type ApiAssertion = 'user' | 'bot' | 'anon';

export interface MainOptions {
  formatVersion: 1 | 2;
  errorFormat: ErrorFormat;
  requestId?: string;
  curTimestamp: boolean;
  /** Refuse with `maxlag` when replicas lag more than this many seconds. */
  maxLagSeconds?: number;
  assert?: ApiAssertion;
  assertUser?: string;
}

/** Reads the main parameters; refuses any format but JSON, the only one this wiki writes. */
export function readMainOptions(params: ApiParams): MainOptions {
  const format = params.string('format') ?? 'json';
  // jsonfm is MediaWiki's pretty-printed JSON for people: plain JSON is what a browser shows well now.
  if (format !== 'json' && format !== 'jsonfm') {
    throw new ApiError('badvalue', `Unrecognized value for parameter "format": ${format.slice(0, 20)}. This wiki's api.php answers in JSON only: use format=json.`);
  }
  const version = params.string('formatversion');
  const options: MainOptions = {
    formatVersion: version === '2' || version === 'latest' ? 2 : 1,
    errorFormat: params.choice('errorformat', ERROR_FORMATS, 'bc')!,
    requestId: params.string('requestid'),
    curTimestamp: params.flag('curtimestamp'),
    maxLagSeconds: params.integer('maxlag', { min: 0 }),
    assert: params.choice<ApiAssertion>('assert', ['user', 'bot', 'anon']),
    assertUser: params.string('assertuser'),
  };
  if (version !== undefined && !['1', '2', 'latest'].includes(version)) {
    throw new ApiError('badvalue', `Unrecognized value for parameter "formatversion": ${version.slice(0, 20)}.`);
  }
  return options;
}

/** Before reading them, so that an error in them is still answered in the format asked for. */
export function lenientMainOptions(entries: Iterable<readonly [string, string]>): Pick<MainOptions, 'formatVersion' | 'errorFormat' | 'requestId'> {
  const map = new Map(entries);
  const errorFormat = map.get('errorformat');
  const version = map.get('formatversion');
  return {
    formatVersion: version === '2' || version === 'latest' ? 2 : 1,
    errorFormat: (ERROR_FORMATS as readonly string[]).includes(errorFormat ?? '') ? (errorFormat as ErrorFormat) : 'bc',
    requestId: map.get('requestid'),
  };
}

/** The whole answer to a request that succeeded. */
export function successBody(result: Record<string, unknown>, warnings: readonly ApiMessage[], options: MainOptions, now: Date = new Date()): Record<string, unknown> {
  const body: Record<string, unknown> = { ...warningMembers(warnings, options.errorFormat, options.formatVersion), ...result };
  if (options.requestId !== undefined) body.requestid = options.requestId;
  if (options.curTimestamp) body.curtimestamp = apiTimestamp(now);
  return options.formatVersion === 1 ? (toFormatVersion1(body) as Record<string, unknown>) : body;
}

/** The whole answer to a refused request (its warnings too: they often say why). */
export function errorBody(
  error: ApiMessage,
  warnings: readonly ApiMessage[],
  options: Pick<MainOptions, 'formatVersion' | 'errorFormat' | 'requestId'>,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...errorMembers(error, options.errorFormat, options.formatVersion),
    ...warningMembers(warnings, options.errorFormat, options.formatVersion),
  };
  if (options.requestId !== undefined) body.requestid = options.requestId;
  return body;
}

/** MediaWiki's API timestamps: ISO 8601 in UTC, to the second. */
export function apiTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** formatversion=1 from a formatversion=2 result (see the top of this file). */
export function toFormatVersion1(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    if (key === 'pages') return pagesById(value);
    return value.map((item) => toFormatVersion1(item));
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(object)) {
    if (member === false) continue;
    const converted = member === true ? '' : toFormatVersion1(member, name);
    out[name === 'content' && 'contentmodel' in object ? '*' : name] = converted;
  }
  return out;
}

/** formatversion=1's pages: an object keyed by page id; missing pages get -1, -2…, as MediaWiki. */
function pagesById(pages: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let missing = 0;
  for (const page of pages) {
    const id = (page as { pageid?: unknown }).pageid;
    out[typeof id === 'number' ? String(id) : String(--missing)] = toFormatVersion1(page);
  }
  return out;
}
