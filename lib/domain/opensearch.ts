/**
 * OpenSearch (https://github.com/dewitt/opensearch, version 1.1), so browsers offer the wiki as a
 * search engine, with title suggestions as the reader types:
 * - the description document at /w/opensearch_desc.xml, which every page names with
 *   <link rel="search" type="application/opensearchdescription+xml">;
 * - the suggestions at /w/api.php?action=opensearch&search=…, in MediaWiki's shape (ApiOpenSearch,
 *   format=json): [query, [titles], [descriptions], [urls]].
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import { xmlSafeText } from '@/lib/domain/atom';
import { escapeXmlAttribute, escapeXmlText } from '@/lib/domain/mediawiki-xml';
import { NAMESPACE_NAMES, NS, isKnownNamespace, type Namespace } from '@/lib/domain/titles';

export const OPENSEARCH_DESCRIPTION_PATH = '/w/opensearch_desc.xml';
export const OPENSEARCH_CONTENT_TYPE = 'application/opensearchdescription+xml';
/** The media type OpenSearch's suggestions extension gives the JSON answer's <Url>. */
export const SUGGESTIONS_TYPE = 'application/x-suggestions+json';
export const SEARCH_PAGE_PATH = '/wiki/Special:Search';
/** MediaWiki's $wgOpenSearchDefaultLimit and ApiOpenSearch's maximum. */
export const OPENSEARCH_DEFAULT_LIMIT = 10;
export const OPENSEARCH_MAX_LIMIT = 100;
/** The specification allows a ShortName of at most 16 characters. */
const SHORT_NAME_MAX = 16;

// ---- The description document -----------------------------------------------------------------

export interface DescriptionInput {
  /** "https://wiki.example": the templates must be absolute. */
  origin: string;
  siteName: string;
  /** The reader's language ("en", "it"): <Language>. */
  language: string;
}

/** `{searchTerms}` stays literal: the browser fills it in. */
export function suggestionsPath(): string {
  return '/w/api.php?action=opensearch&format=json&formatversion=2&search={searchTerms}&namespace=0&limit=10';
}

function characters(text: string, max: number): string {
  const points = [...text];
  return points.length <= max ? text : points.slice(0, max).join('');
}

/** The OpenSearch description: what a browser needs to add the wiki to its search engines. */
export function openSearchDescription(input: DescriptionInput): string {
  const name = xmlSafeText(input.siteName).trim() || 'Wiki';
  const url = (path: string) => escapeXmlAttribute(`${input.origin}${path}`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">',
    `  <ShortName>${escapeXmlText(characters(name, SHORT_NAME_MAX))}</ShortName>`,
    `  <Description>${escapeXmlText(`${name} (${input.language})`)}</Description>`,
    `  <Image height="16" width="16" type="image/x-icon">${escapeXmlText(`${input.origin}/favicon.ico`)}</Image>`,
    `  <Url type="text/html" method="get" template="${url(`${SEARCH_PAGE_PATH}?search={searchTerms}`)}"/>`,
    `  <Url type="${SUGGESTIONS_TYPE}" method="get" template="${url(suggestionsPath())}"/>`,
    `  <Url type="${OPENSEARCH_CONTENT_TYPE}" rel="self" template="${url(OPENSEARCH_DESCRIPTION_PATH)}"/>`,
    `  <moz:SearchForm>${escapeXmlText(`${input.origin}${SEARCH_PAGE_PATH}`)}</moz:SearchForm>`,
    `  <Language>${escapeXmlText(input.language)}</Language>`,
    '  <InputEncoding>UTF-8</InputEncoding>',
    '  <OutputEncoding>UTF-8</OutputEncoding>',
    '</OpenSearchDescription>',
    '',
  ].join('\n');
}

// ---- The suggestions' parameters ------------------------------------------------------------------

export interface OpenSearchParams {
  search: string;
  limit: number;
  /** The namespaces to suggest from, in the order given. */
  namespaces: Namespace[];
}

/** Namespaces a reader can search: every one but the virtual Special:. */
const SEARCHABLE_NAMESPACES = (Object.keys(NAMESPACE_NAMES).map(Number) as Namespace[]).filter((ns) => ns >= NS.MAIN);

/** A custom issue that carries MediaWiki's error code. */
function refuse(ctx: z.RefinementCtx, apiCode: string, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, params: { apiCode } });
  return z.NEVER;
}

const limitSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '') return OPENSEARCH_DEFAULT_LIMIT;
    if (raw === 'max') return OPENSEARCH_MAX_LIMIT;
    if (!/^[+-]?\d{1,12}$/u.test(raw.trim())) return refuse(ctx, 'badinteger', `Invalid value "${quotedValue(raw)}" for integer parameter "limit".`);
    const limit = Number(raw.trim());
    if (limit < 1 || limit > OPENSEARCH_MAX_LIMIT) {
      return refuse(ctx, 'outofrange', `Invalid value "${quotedValue(raw)}" for parameter "limit": it must be between 1 and ${OPENSEARCH_MAX_LIMIT} (or "max").`);
    }
    return limit;
  });

// MediaWiki separates the values of a multi-value parameter with "|" (or U+001F, when a value holds "|").
const namespaceSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (raw === undefined || raw === '') return [NS.MAIN] as Namespace[];
    const values = raw.startsWith('\u001f') ? raw.slice(1).split('\u001f') : raw.split('|');
    if (values.includes('*')) return SEARCHABLE_NAMESPACES;
    const namespaces: Namespace[] = [];
    for (const value of values) {
      const id = /^-?\d{1,6}$/u.test(value) ? Number(value) : NaN;
      if (!isKnownNamespace(id) || id < NS.MAIN) return refuse(ctx, 'badvalue', `Unrecognized value for parameter "namespace": ${quotedValue(value)}.`);
      if (!namespaces.includes(id)) namespaces.push(id);
    }
    return namespaces;
  });

/** The parameters of action=opensearch, as MediaWiki's ApiOpenSearch takes them (the rest are ignored). */
export const openSearchParamsSchema = z.object({
  search: z.string({ error: (issue) => (issue.input === undefined ? 'The "search" parameter must be set.' : 'The "search" parameter must be text.') }),
  limit: limitSchema,
  namespace: namespaceSchema,
  format: z
    .string()
    .optional()
    .transform((raw, ctx) =>
      raw === undefined || raw === 'json' || raw === 'jsonfm' ? 'json' : refuse(ctx, 'badvalue', `Unrecognized value for parameter "format": ${quotedValue(raw)}.`),
    ),
});

/** The first value of each parameter (MediaWiki reads one value per name too). */
function firstValues(params: URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of params) if (!Object.hasOwn(values, name)) values[name] = value;
  return values;
}

/** The validated parameters, or an ApiError in MediaWiki's terms (missingparam, badinteger…). */
export function parseOpenSearchParams(params: URLSearchParams): OpenSearchParams {
  const parsed = openSearchParamsSchema.safeParse(firstValues(params));
  if (parsed.success) return { search: parsed.data.search, limit: parsed.data.limit, namespaces: parsed.data.namespace };
  const issue = parsed.error.issues[0]!;
  const apiCode = issue.code === 'custom' ? (issue.params?.apiCode as string | undefined) : undefined;
  throw new ApiError(apiCode ?? (issue.path[0] === 'search' ? 'missingparam' : 'badvalue'), issue.message);
}

// ---- The answer --------------------------------------------------------------------------------

export type OpenSearchAnswer = [query: string, titles: string[], descriptions: string[], urls: string[]];

/**
 * MediaWiki's opensearch JSON: the query as given, then titles, descriptions (empty: this wiki
 * keeps none MediaWiki would show) and absolute URLs, one of each per suggestion.
 */
export function openSearchAnswer(search: string, suggestions: { title: string; url: string }[]): OpenSearchAnswer {
  return [search, suggestions.map((s) => s.title), suggestions.map(() => ''), suggestions.map((s) => s.url)];
}
