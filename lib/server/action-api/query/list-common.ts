import 'server-only';
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import { NAMESPACE_NAMES, NS, isKnownNamespace, tryParseTitle, type Namespace, type ParsedTitle } from '@/lib/domain/titles';
import { isStorableId } from '@/lib/domain/database-integer';

/*
 * What the list modules share: MediaWiki's parameter types that ApiParams leaves to modules
 * (namespaces, "show" flags, continuation strings, titles) and its output formats.
 */

/** The namespaces a list may filter on (MediaWiki's NAMESPACE parameter type: the wiki's own, Special excluded). */
const LISTABLE_NAMESPACES = Object.keys(NAMESPACE_NAMES)
  .map(Number)
  .filter((ns) => ns !== NS.SPECIAL)
  .map(String);

/** A multi-value namespace parameter; unknown numbers are dropped with MediaWiki's warning. Empty: no filter. */
export function namespaces(params: PrefixedParams, name = 'namespace'): Namespace[] {
  return params.list(name, LISTABLE_NAMESPACES).map(Number) as Namespace[];
}

/** A single namespace (allpages' apnamespace): an unknown one is MediaWiki's badvalue. */
export function oneNamespace(params: PrefixedParams, name: string, fallback: Namespace): Namespace {
  const value = params.choice(name, LISTABLE_NAMESPACES, String(fallback));
  return Number(value) as Namespace;
}

/** ISO 8601 without milliseconds, as every MediaWiki timestamp in the API. */
export function apiTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** MediaWiki's TS_MW (20261207012544), the timestamp part of its continuation strings. */
export function mwTimestamp(date: Date): string {
  return apiTimestamp(date).replace(/[-:TZ]/g, '');
}

/** The refusal of a continuation value this wiki did not hand out (MediaWiki's dieContinueUsageIf). */
export function badContinue(): ApiError {
  return new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.');
}

/**
 * A "<timestamp>|<id>" continuation (rccontinue, uccontinue, lecontinue): the id of the first row
 * of the next batch. Lists are walked by id alone (ids are time order, lib/server/history.ts), so
 * the timestamp is informational, as clients only pass the value back.
 */
export function idContinue(params: PrefixedParams): number | undefined {
  const raw = params.string('continue');
  if (raw === undefined || raw === '') return undefined;
  const match = /^(?:\d{14}\|)?(\d{1,10})$/.exec(raw);
  if (!match) throw badContinue();
  const id = Number(match[1]);
  if (!isStorableId(id)) throw badContinue();
  return id;
}

/**
 * A "show" parameter (rcshow, ucshow): the values given, refused with MediaWiki's `show` error when
 * a value and its negation come together.
 */
export function showFlags<T extends string>(params: PrefixedParams, values: readonly T[]): Set<T | `!${T}`> {
  const allowed = values.flatMap((value) => [value, `!${value}`]);
  const given = new Set(params.list('show', allowed) as (T | `!${T}`)[]);
  for (const value of values) {
    if (given.has(value) && given.has(`!${value}`)) throw new ApiError('show', 'Incorrect parameter - mutually exclusive values may not be supplied.');
  }
  return given;
}

/** A title parameter: MediaWiki's invalidtitle for one that cannot name a page. */
export function titleParam(params: PrefixedParams, name: string): ParsedTitle {
  const raw = params.requiredString(name);
  const parsed = tryParseTitle(raw);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) throw new ApiError('invalidtitle', `Bad title "${quotedValue(raw)}".`);
  return parsed.title;
}

/** A page id parameter that must name an existing page: MediaWiki's nosuchpageid otherwise. */
export function noSuchPageId(id: number): ApiError {
  return new ApiError('nosuchpageid', `There is no page with ID ${id}.`);
}

/** Whether this run is generator=<name> (its prefix is "g" + the module's). */
export function asGenerator(params: PrefixedParams, prefix: string): boolean {
  return params.prefix === `g${prefix}`;
}

/** The ns/title/pageid triple every page-shaped item starts with. */
export function pageItem(pageId: number, title: ParsedTitle): { pageid: number; ns: number; title: string } {
  return { pageid: pageId, ns: title.namespace, title: title.prefixedText };
}

export function knownNamespace(value: number): Namespace {
  return isKnownNamespace(value) ? value : NS.MAIN;
}

/** The list directions MediaWiki's timestamp lists accept. */
export const TIME_DIRECTIONS = ['newer', 'older'] as const;
export type TimeDirection = (typeof TIME_DIRECTIONS)[number];
