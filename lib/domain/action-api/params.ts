/**
 * The parameters of one Action API request, read as MediaWiki's ApiBase reads them, with its
 * error codes and wording: a module asks for each parameter by type, and the first bad one ends
 * the request with the code a bot expects (missingparam, badvalue, badinteger, badtimestamp,
 * invalidparammix, toomanyvalues). Parameters nobody asked for are reported as MediaWiki's
 * "Unrecognized parameter" warning, so a typo in a bot's request is visible instead of ignored.
 *
 * Pure: no I/O.
 */
import { ApiError, quotedValue, type ApiMessage } from '@/lib/domain/action-api/errors';
import { MAX_DATABASE_INTEGER, MIN_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/** MediaWiki's ApiBase::LIMIT_SML1 / LIMIT_BIG1: how many values a multi-value parameter takes. */
export const MULTI_VALUE_LIMIT = 50;
export const MULTI_VALUE_LIMIT_HIGH = 500;

/** Parameters every request may carry, read by the entry point rather than a module. */
const MAIN_PARAMETERS = [
  'action',
  'format',
  'formatversion',
  'errorformat',
  'errorlang',
  'errorsuselocal',
  'maxlag',
  'assert',
  'assertuser',
  'requestid',
  'curtimestamp',
  'utf8',
  'ascii',
  'origin',
  'smaxage',
  'maxage',
  'servedby',
  'uselang',
  'variant',
  'responselanginfo',
  'centralauthtoken',
] as const;

export class ApiParams {
  private readonly values: ReadonlyMap<string, string>;
  private readonly read = new Set<string>(MAIN_PARAMETERS);

  /** `entries` in request order; a repeated name keeps its last value, as PHP's $_GET does. */
  constructor(
    entries: Iterable<readonly [string, string]>,
    /** Where the warnings of this request go. */
    private readonly warn: (warning: ApiMessage) => void = () => undefined,
    /** Bots and administrators get MediaWiki's higher limits (apihighlimits). */
    readonly highLimits = false,
  ) {
    this.values = new Map(entries);
  }

  has(name: string): boolean {
    this.read.add(name);
    return this.values.has(name);
  }

  /** The raw value, or undefined when absent. */
  string(name: string): string | undefined {
    this.read.add(name);
    return this.values.get(name);
  }

  requiredString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') throw new ApiError('missingparam', `The "${name}" parameter must be set.`);
    return value;
  }

  /** MediaWiki's booleans are true when present, whatever the value ("false" included); absent is false. */
  flag(name: string): boolean {
    return this.string(name) !== undefined;
  }

  integer(name: string, options: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    if (!/^[-+]?\d{1,15}$/.test(raw.trim())) throw new ApiError('badinteger', `Invalid value "${quotedValue(raw)}" for integer parameter "${name}".`);
    let value = Number(raw.trim());
    // Every integer this API takes ends up compared with an INTEGER column: beyond its range it is
    // limited, with MediaWiki's warning, as a declared bound would be (oldid=99999999999999 then
    // names no revision instead of failing the query).
    const min = Math.max(options.min ?? MIN_DATABASE_INTEGER, MIN_DATABASE_INTEGER);
    const max = Math.min(options.max ?? MAX_DATABASE_INTEGER, MAX_DATABASE_INTEGER);
    if (value < min) {
      this.warning('integeroutofrange', `Invalid value "${value}" for integer parameter "${name}": must be at least ${min}.`);
      value = min;
    }
    if (value > max) {
      this.warning('integeroutofrange', `Invalid value "${value}" for integer parameter "${name}": must be at most ${max}.`);
      value = max;
    }
    return value;
  }

  /** A limit: "max" means the highest allowed; above it is lowered with MediaWiki's warning. */
  limit(name: string, defaultValue: number, max: number, highMax: number = max): number {
    const ceiling = this.highLimits ? highMax : max;
    const raw = this.string(name);
    if (raw === undefined || raw === '') return defaultValue;
    if (raw === 'max') return ceiling;
    if (!/^\d{1,15}$/.test(raw.trim())) throw new ApiError('badinteger', `Invalid value "${quotedValue(raw)}" for integer parameter "${name}".`);
    const value = Number(raw.trim());
    if (value < 1) {
      this.warning('integeroutofrange', `Invalid value "${value}" for integer parameter "${name}": must be at least 1.`);
      return 1;
    }
    if (value > ceiling) {
      this.warning('integeroutofrange', `"${name}" may not be over ${ceiling} (set to ${ceiling}) for ${this.highLimits ? 'bots or sysops' : 'users'}.`);
      return ceiling;
    }
    return value;
  }

  /** One of `allowed`; absent gives `defaultValue` (or undefined). */
  choice<T extends string>(name: string, allowed: readonly T[], defaultValue?: T): T | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return defaultValue;
    if (!(allowed as readonly string[]).includes(raw)) throw new ApiError('badvalue', `Unrecognized value for parameter "${name}": ${quotedValue(raw)}.`);
    return raw as T;
  }

  /**
   * A multi-value parameter: values split on "|", or on U+001F when the value starts with it (how
   * clients send values that contain "|"). With `allowed`, unknown values are dropped with
   * MediaWiki's warning; without, more than the limit is an error.
   */
  list(name: string, allowed?: readonly string[]): string[] {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return [];
    const values = raw.startsWith('\u001f') ? raw.slice(1).split('\u001f') : raw.split('|');
    const limit = this.highLimits ? MULTI_VALUE_LIMIT_HIGH : MULTI_VALUE_LIMIT;
    if (values.length > limit) throw new ApiError('toomanyvalues', `Too many values supplied for parameter "${name}". The limit is ${limit}.`, { data: { limit } });
    const unique = [...new Set(values)];
    if (allowed === undefined) return unique;
    const unknown = unique.filter((value) => !allowed.includes(value));
    if (unknown.length > 0) {
      this.warning('unrecognizedvalues', `Unrecognized value${unknown.length > 1 ? 's' : ''} for parameter "${name}": ${unknown.map(quotedValue).join(', ')}.`);
    }
    return unique.filter((value) => allowed.includes(value));
  }

  /** An ISO 8601 or MediaWiki (YYYYMMDDHHMMSS) timestamp; "now" as MediaWiki allows. */
  timestamp(name: string): Date | undefined {
    const raw = this.string(name);
    if (raw === undefined || raw === '') return undefined;
    const date = parseApiTimestamp(raw);
    if (date === null) throw new ApiError('badtimestamp', `Invalid value "${quotedValue(raw)}" for timestamp parameter "${name}".`);
    return date;
  }

  /** MediaWiki's requireOnlyOneParameter: exactly one of `names` is sent (an empty value counts: text= blanks a page). */
  exactlyOne(...names: string[]): string {
    const given = names.filter((name) => this.has(name));
    if (given.length === 0) throw new ApiError('missingparam', `One of the parameters ${quotedList(names)} is required.`);
    if (given.length > 1) throw new ApiError('invalidparammix', `The parameters ${quotedList(given)} can not be used together.`);
    return given[0]!;
  }

  /** MediaWiki's requireMaxOneParameter. */
  atMostOne(...names: string[]): string | undefined {
    const given = names.filter((name) => this.has(name));
    if (given.length > 1) throw new ApiError('invalidparammix', `The parameters ${quotedList(given)} can not be used together.`);
    return given[0];
  }

  /** Names sent that no module read: reported once, after the module ran. */
  warnUnused(): void {
    const unused = [...this.values.keys()].filter((name) => !this.read.has(name));
    if (unused.length > 0) this.warning('unrecognizedparams', `Unrecognized parameter${unused.length > 1 ? 's' : ''}: ${unused.map(quotedValue).join(', ')}.`);
  }

  private warning(code: string, text: string): void {
    this.warn({ code, text, module: 'main' });
  }
}

/** "a", "b" and "c": MediaWiki's list of parameter names in its messages. */
export function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** MediaWiki's TS_MW (20261207011500), ISO 8601 with or without milliseconds, or "now". */
export function parseApiTimestamp(raw: string, now: Date = new Date()): Date | null {
  const value = raw.trim();
  if (value === 'now') return now;
  const compact = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    return validDate(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return null;
  return validDate(value);
}

function validDate(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A module's view of the parameters under its prefix ("rc" for list=recentchanges, "grc" when it
 * runs as a generator): `limit` reads "rclimit", and messages name the full parameter.
 */
export class PrefixedParams {
  constructor(
    readonly base: ApiParams,
    readonly prefix: string,
  ) {}

  /** The full name of one of this module's parameters ("limit" → "rclimit"). */
  name(name: string): string {
    return `${this.prefix}${name}`;
  }

  get highLimits(): boolean {
    return this.base.highLimits;
  }

  has(name: string): boolean {
    return this.base.has(this.name(name));
  }

  string(name: string): string | undefined {
    return this.base.string(this.name(name));
  }

  requiredString(name: string): string {
    return this.base.requiredString(this.name(name));
  }

  flag(name: string): boolean {
    return this.base.flag(this.name(name));
  }

  integer(name: string, options: { min?: number; max?: number } = {}): number | undefined {
    return this.base.integer(this.name(name), options);
  }

  limit(name: string, defaultValue: number, max: number, highMax: number = max): number {
    return this.base.limit(this.name(name), defaultValue, max, highMax);
  }

  choice<T extends string>(name: string, allowed: readonly T[], defaultValue?: T): T | undefined {
    return this.base.choice(this.name(name), allowed, defaultValue);
  }

  list(name: string, allowed?: readonly string[]): string[] {
    return this.base.list(this.name(name), allowed);
  }

  timestamp(name: string): Date | undefined {
    return this.base.timestamp(this.name(name));
  }

  exactlyOne(...names: string[]): string {
    return this.base.exactlyOne(...names.map((name) => this.name(name)));
  }

  atMostOne(...names: string[]): string | undefined {
    return this.base.atMostOne(...names.map((name) => this.name(name)));
  }
}
