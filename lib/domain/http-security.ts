/**
 * HTTP security headers and the cross-site write rule, shared by proxy.ts (pages, Server Actions,
 * sign-in) and next.config.ts (every response, static files and REST included).
 */

/** Sent on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
};

/**
 * The policy of HTML pages. Scripts run only when they carry this response's nonce, which Next.js
 * adds to its own script tags; 'strict-dynamic' lets those scripts load the page's chunks. So even
 * if markup ever slipped through the sanitizer, an injected <script> or event handler would not
 * run. Styles may be inline (React's style props), images come from anywhere over https (pages
 * link pictures hosted elsewhere), and from blob: (Special:Upload's preview of the chosen file,
 * an object URL made in the page itself). 'unsafe-eval' only under `next dev`, where React needs it.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * The policy of REST and feed responses (JSON, Atom, and the /html endpoints a browser may open
 * directly): nothing in them is meant to run. The /html documents carry a <base> naming the wiki
 * page they came from, so that relative links in the text ("[x](Other_page)") resolve as on that
 * page; 'self' admits exactly that base and no other site's (with no script allowed, a base can
 * only redirect links, and only within the wiki).
 */
export const NO_SCRIPT_CONTENT_SECURITY_POLICY =
  "default-src 'none'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; base-uri 'self'; frame-ancestors 'none'; form-action 'none'";

/**
 * The largest form post (Server Action) accepted, as for REST: page text is at most 2 MiB
 * (MAX_CONTENT_BYTES), the same limit as REST bodies leaves room for the other fields.
 * proxy.ts answers 413 from Content-Length before the body is read; next.config.ts gives Next.js
 * the same limit for bodies streamed without a length.
 */
export const MAX_FORM_BODY_BYTES = 4 * 1024 * 1024 + 64 * 1024;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** GET, HEAD and OPTIONS change nothing and carry no body worth checking. */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The variables that say where the wiki is reached (process.env in production). */
export interface SiteAddressSettings {
  /** The wiki's public address, e.g. https://wiki.example.org. */
  NEXTAUTH_URL?: string;
  /** "true" (or 1, yes) when a reverse proxy in front sets the X-Forwarded-* headers. */
  TRUST_PROXY?: string;
}

export function trustsProxy(settings: SiteAddressSettings): boolean {
  return ['1', 'true', 'yes'].includes((settings.TRUST_PROXY ?? '').trim().toLowerCase());
}

const HOST = /^[a-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/iu;

/**
 * The wiki's own origin ("https://wiki.example.org"), or null when the request does not say:
 * NEXTAUTH_URL when set; else the Host header over plain http, which is what the production server
 * (runtime/server.mjs) speaks. The client controls X-Forwarded-Host and X-Forwarded-Proto as much
 * as anything it sends, so they count only with TRUST_PROXY, when a reverse proxy in front sets
 * them. (Next.js's request.url cannot tell: it takes its scheme from X-Forwarded-Proto.)
 */
export function siteOrigin(headers: { get(name: string): string | null }, settings: SiteAddressSettings): string | null {
  const configured = settings.NEXTAUTH_URL?.trim();
  if (configured) {
    try {
      const url = new URL(configured);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // an unusable NEXTAUTH_URL: next-auth reports it; fall back to the request
    }
  }
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || null;
  const trusted = trustsProxy(settings);
  const host = (trusted ? first('x-forwarded-host') : null) ?? headers.get('host')?.trim() ?? null;
  const proto = trusted ? first('x-forwarded-proto')?.toLowerCase() : undefined;
  if (!host || !HOST.test(host)) return null;
  // URL normalizes case and default ports: "HTTPS://Wiki.example:443" is "https://wiki.example".
  return new URL(`${proto === 'https' ? 'https' : 'http'}://${host}`).origin;
}

export interface WriteRequestFacts {
  method: string;
  /** The Origin header, if any. */
  origin: string | null;
  /** Sec-Fetch-Site, sent by current browsers on every request. */
  secFetchSite: string | null;
  /** The wiki's own host (of siteOrigin: NEXTAUTH_URL's, else Host; X-Forwarded-Host only behind TRUST_PROXY). */
  host: string | null;
}

/**
 * Why a state-changing request must be refused as cross-site (CSRF), or null. Browsers name the
 * page that made a POST in Origin; only the wiki's own pages may write. A request without Origin
 * comes from a script or an old browser: it cannot carry someone else's cookie unknowingly, unless
 * Sec-Fetch-Site says a browser sent it from another site. Hosts are compared as Next.js does for
 * Server Actions (the scheme is left out: a TLS-terminating proxy may hide it).
 */
export function crossSiteWriteProblem(request: WriteRequestFacts): string | null {
  if (isSafeMethod(request.method)) return null;
  const site = request.secFetchSite?.toLowerCase();
  if (request.origin === null) {
    return site === 'cross-site' || site === 'same-site' ? `The browser reports this request as ${site}.` : null;
  }
  let originHost: string;
  try {
    const url = new URL(request.origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not a web origin');
    originHost = url.host;
  } catch {
    return `The request comes from "${request.origin.slice(0, 100)}", not from a page of this wiki.`;
  }
  const host = request.host?.split(',')[0]?.trim().toLowerCase();
  if (!host || originHost !== host) return `The request comes from ${originHost}, not from a page of this wiki (${host ?? 'unknown host'}).`;
  return null;
}

/**
 * The wiki's configured public origin (NEXTAUTH_URL's), or null when none is configured. Only the
 * configured one goes into pages: the anonymous page cache serves one copy of a page to every
 * host name, so an origin taken from the Host header would leak one reader's host to the next.
 */
export function configuredOrigin(settings: SiteAddressSettings): string | null {
  return siteOrigin({ get: () => null }, { NEXTAUTH_URL: settings.NEXTAUTH_URL });
}
