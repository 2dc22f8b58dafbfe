import 'server-only';
import { siteOrigin } from '@/lib/domain/http-security';
import { encodeTitleForUrl, type ParsedTitle } from '@/lib/domain/titles';
import { escapeHtmlNamed } from '@/lib/domain/html.mjs';
import { RestError } from '@/lib/server/rest/errors';
import { localizeFileEmbeds } from '@/lib/domain/files/embeds';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { createTranslator } from 'use-intl/core';

/** Where the page endpoints live; MediaWiki clients are configured with …/w/rest.php. */
export const REST_PAGE_PATH = '/w/rest.php/v1/page';

/** The document is English (lang="en"): the upload links of missing files get the English words. */
function withEnglishUploadLinks(html: string): string {
  const t = createTranslator({ locale: 'en', messages: { article: CATALOGS.en.article }, namespace: 'article', timeZone: 'UTC' });
  return localizeFileEmbeds(html, { missing: (name) => t('images.fileMissing', { name }), missingTitle: (name) => t('images.fileMissingTitle', { name }) });
}

/**
 * A stored rendering as a complete HTML document: the body of /html, and the `html` field of
 * /with_html (MediaWiki's is a whole document too). Its <base> and canonical link are `base`, so
 * relative links resolve as they do on the wiki page it came from, also for a client that keeps
 * the document; the /w/ policy allows a same-origin base (base-uri 'self').
 */
export function htmlDocument(title: string, base: string, bodyHtml: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtmlNamed(title)}</title>`,
    `<base href="${escapeHtmlNamed(base)}">`,
    `<link rel="canonical" href="${escapeHtmlNamed(base)}">`,
    '</head>',
    `<body>${withEnglishUploadLinks(bodyHtml)}</body>`,
    '</html>',
    '',
  ].join('\n');
}

export const HTML_TYPE = 'text/html; charset=utf-8';

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    // Page objects depend on the latest revision and may depend on the reader: never cache them.
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', ...headers },
  });
}

/**
 * The wiki's origin, for the absolute addresses in REST, Atom feeds and /html documents:
 * NEXTAUTH_URL when set, else the Host header; X-Forwarded-Host/-Proto only with TRUST_PROXY
 * (lib/domain/http-security.ts siteOrigin). request.url, which may carry the server's internal
 * address (http://localhost:3000 behind a proxy), is the last resort for a request without Host.
 */
export function requestOrigin(request: Request): string {
  return siteOrigin(request.headers, process.env) ?? new URL(request.url).origin;
}

/**
 * A page title as a REST path segment. Unlike /wiki/ URLs, "/" must stay encoded: "Foo/html"
 * would otherwise be read as the HTML of "Foo". MediaWiki's clients encode it the same way.
 */
export function encodeRestTitle(title: ParsedTitle): string {
  return encodeTitleForUrl(title.prefixedDbKey).replaceAll('/', '%2F');
}

export function restPageUrl(request: Request, title: ParsedTitle, suffix = ''): string {
  return `${requestOrigin(request)}${REST_PAGE_PATH}/${encodeRestTitle(title)}${suffix}`;
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * CSRF protection for writes authenticated by the session cookie: a browser attaches the cookie to
 * requests that other sites trigger, but it also sends Origin (or at least Referer) naming the
 * page that made the request. Only our own pages may write with the cookie. This check is what
 * MediaWiki's CSRF token is for, so a refusal is its 403 rest-badtoken. Token-authenticated
 * requests do not need this: no browser adds an Authorization header on its own.
 */
export function assertSameOrigin(request: Request): void {
  const expected = requestOrigin(request);
  const origin = request.headers.get('origin');
  const claimed = origin ?? request.headers.get('referer');
  const advice = 'Scripts and bots should authenticate with a personal API token (Authorization: Bearer …) instead of the session cookie.';
  if (!claimed) {
    throw new RestError(
      'FORBIDDEN',
      'rest-badtoken',
      `This request is signed in with the session cookie but has neither an Origin nor a Referer header, so it cannot be told apart from a cross-site request. ${advice}`,
    );
  }
  const actual = originOf(claimed);
  if (actual !== expected) {
    throw new RestError(
      'FORBIDDEN',
      'rest-badtoken',
      `This request comes from ${actual ?? `"${claimed.slice(0, 100)}"`}, not from this wiki (${expected}); writes signed in with the session cookie are only accepted from the wiki's own pages. ${advice}`,
    );
  }
}
