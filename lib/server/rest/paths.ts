import 'server-only';
import { tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { RestError } from '@/lib/server/rest/errors';
import { REST_PAGE_PATH } from '@/lib/server/rest/http';

export type PageVariant = 'source' | 'bare' | 'html' | 'with_html';

export interface PagePath {
  title: ParsedTitle;
  variant: PageVariant;
  /** False when the client spelled the title differently from its key ("main_page", "Main Page"). */
  canonical: boolean;
}

const VARIANTS: ReadonlySet<string> = new Set(['bare', 'html', 'with_html']);

/** The title as typed by the client, for messages; long or odd input is cut and quoted. */
export function quoteInput(input: string): string {
  return JSON.stringify(input.length > 200 ? `${input.slice(0, 200)}…` : input);
}

/** A title given in a request body or path that is not a valid title: 400 naming the rule. */
export function parseRestTitle(input: string): ParsedTitle {
  const parsed = tryParseTitle(input);
  if (!parsed.ok) throw new RestError('BAD_TITLE', 'rest-invalid-title', `Invalid title ${quoteInput(input)}: ${parsed.reason}.`);
  return parsed.title;
}

/**
 * The title and variant of /w/rest.php/v1/page/{title}[/bare|/html|/with_html], read from the RAW request
 * path. The router's decoded segments cannot be used: MediaWiki clients send "/" inside titles as
 * %2F, and after decoding "AC%2FDC" and "AC/DC" (or "Foo%2Fhtml" and "Foo/html") look the same.
 * So: split the raw path on "/", take a last segment "bare", "html" or "with_html" as the variant when there is
 * a title before it, then percent-decode the rest exactly once.
 */
export function parsePagePath(request: Request): PagePath {
  const segments = rawPageSegments(request);
  let variant: PageVariant = 'source';
  const last = segments[segments.length - 1];
  if (segments.length > 1 && last !== undefined && VARIANTS.has(last)) {
    variant = last as PageVariant;
    segments.pop();
  }
  return { ...decodePageTitle(segments.join('/')), variant };
}

function rawPageSegments(request: Request): string[] {
  const pathname = new URL(request.url).pathname;
  const rest = pathname.startsWith(`${REST_PAGE_PATH}/`) ? pathname.slice(REST_PAGE_PATH.length + 1) : '';
  return rest.split('/');
}

/**
 * /w/rest.php/v1/page/{title}/history, told apart from a page whose title ends in "/history" by
 * the same rule as /bare and /html: that title's "/" arrives as %2F.
 */
export function isPageHistoryPath(request: Request): boolean {
  const segments = rawPageSegments(request);
  return segments.length > 1 && segments[segments.length - 1] === 'history';
}

/** The title of /w/rest.php/v1/page/{title}/history (call after isPageHistoryPath). */
export function parsePageHistoryPath(request: Request): Omit<PagePath, 'variant'> {
  return decodePageTitle(rawPageSegments(request).slice(0, -1).join('/'));
}

/**
 * /w/rest.php/v1/page/{title}/history/counts/{type}, told apart from a title ending in
 * "/history/counts/…" by the same rule: that title's "/" arrives as %2F.
 */
export function isPageHistoryCountsPath(request: Request): boolean {
  const segments = rawPageSegments(request);
  const n = segments.length;
  return n >= 4 && segments[n - 3] === 'history' && segments[n - 2] === 'counts';
}

/** The title and the type as sent (the handler validates it), or null for any other address. */
export function parsePageHistoryCountsPath(request: Request): (Omit<PagePath, 'variant'> & { type: string }) | null {
  if (!isPageHistoryCountsPath(request)) return null;
  const segments = rawPageSegments(request);
  return { ...decodePageTitle(segments.slice(0, -3).join('/')), type: segments.at(-1) ?? '' };
}

function decodePageTitle(raw: string): Omit<PagePath, 'variant'> {
  let input: string;
  try {
    input = decodeURIComponent(raw);
  } catch {
    throw new RestError(
      'BAD_TITLE',
      'rest-invalid-title',
      `The title in the address, ${quoteInput(raw)}, has malformed percent-encoding: "%" must be followed by two hexadecimal digits, and the bytes must form valid UTF-8 (write "%25" for a literal "%").`,
    );
  }
  const title = parseRestTitle(input);
  return { title, canonical: input === title.prefixedDbKey };
}
