/**
 * The sitemaps of the sitemaps.org protocol 0.9: `/sitemap.xml`, an index of the paged sitemaps
 * `/sitemap-1.xml`, `/sitemap-2.xml`…, each listing up to 50,000 article URLs with the time of
 * their current revision. lib/server/sitemap.ts reads the pages; lib/server/sitemap-http.ts serves
 * them. docs/sharing.md says what is listed and why.
 *
 * Pure: no I/O.
 */
import { escapeHtmlNamed } from '@/lib/domain/html.mjs';
import { xmlSafeText } from '@/lib/domain/atom';
import { makeParsedTitle, NS, titleToUrlPath, type Namespace } from '@/lib/domain/titles';

/** The protocol's limit of URLs per sitemap (and of sitemaps per index). */
export const SITEMAP_URL_LIMIT = 50_000;

/**
 * The namespaces whose pages are listed: MediaWiki's content namespaces, by default ($wgContentNamespaces)
 * the main namespace only, the same pages the Main Page counts as articles. Talk, user, file and
 * category pages stay crawlable through links; they are not what readers search for.
 */
export const SITEMAP_NAMESPACES: readonly Namespace[] = [NS.MAIN];

export const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';
export const SITEMAP_INDEX_PATH = '/sitemap.xml';

const XMLNS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** `/sitemap-<n>.xml`, at the site's root: a sitemap may only list URLs under its own directory. */
export function sitemapPath(n: number): string {
  return `/sitemap-${n}.xml`;
}

/**
 * The number in `/sitemap-<n>.xml` as written, or null for anything that is not a sitemap's number:
 * "0", "-1", "abc", "1.5", "01" (a second spelling of 1), numbers past the protocol's 50,000 sitemaps.
 */
export function parseSitemapNumber(raw: string): number | null {
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) return null;
  const n = Number(raw);
  return n <= SITEMAP_URL_LIMIT ? n : null;
}

/** How many sitemaps `urls` URLs take, `perSitemap` a sitemap; at least one, so the index is never empty. */
export function sitemapCount(urls: number, perSitemap: number): number {
  return Math.max(1, Math.ceil(urls / perSitemap));
}

/** The sitemap (numbered from 1) that the URL of rank `rank` (numbered from 1, in page-id order) falls in. */
export function sitemapOfRank(rank: number, perSitemap: number): number {
  return Math.floor((rank - 1) / perSitemap) + 1;
}

/** Text as XML character data or a quoted attribute value: the five entities, characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return escapeHtmlNamed(xmlSafeText(text), { apostrophe: true });
}

/** A W3C datetime (the profile of ISO 8601 the protocol names), to the second, in UTC. */
export function w3cDatetime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The absolute address of a page: `/wiki/<Title>` exactly as the wiki's own links and canonical URLs spell it. */
export function articleLoc(origin: string, namespace: Namespace, dbKey: string): string {
  return `${origin}${titleToUrlPath(makeParsedTitle(namespace, dbKey))}`;
}

export interface SitemapUrl {
  loc: string;
  lastmod: Date;
}

/** What comes before a sitemap's URLs (the document is built in pieces, so its URLs need not be held at once). */
export function urlsetStart(): string {
  return `${DECLARATION}<urlset xmlns="${XMLNS}">\n`;
}

export function urlEntries(urls: readonly SitemapUrl[]): string {
  let xml = '';
  for (const url of urls) xml += `<url><loc>${escapeXml(url.loc)}</loc><lastmod>${w3cDatetime(url.lastmod)}</lastmod></url>\n`;
  return xml;
}

export const URLSET_END = '</urlset>\n';

export interface IndexEntry {
  loc: string;
  /** The newest lastmod among the sitemap's URLs; null for the empty sitemap of a wiki without articles. */
  lastmod: Date | null;
}

export function sitemapIndexXml(sitemaps: readonly IndexEntry[]): string {
  const entries = sitemaps.map(
    (sitemap) => `<sitemap><loc>${escapeXml(sitemap.loc)}</loc>${sitemap.lastmod === null ? '' : `<lastmod>${w3cDatetime(sitemap.lastmod)}</lastmod>`}</sitemap>\n`,
  );
  return `${DECLARATION}<sitemapindex xmlns="${XMLNS}">\n${entries.join('')}</sitemapindex>\n`;
}

/**
 * Whether a request's If-None-Match names `etag` (weak comparison, as RFC 9110 asks for GET),
 * so the answer can be 304 without building the document again.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
