// A stored page's Content-Security-Policy pins its scripts by hash instead of by nonce, so that
// its bytes and headers are the same for every anonymous reader (a browser, nginx or a CDN may then
// keep them, and revalidate them by ETag). This is the "hash-based strict CSP" of
// https://web.dev/articles/strict-csp: 'strict-dynamic' with the hashes of the page's inline
// scripts; the external scripts Next.js writes into the HTML (a hash cannot allow a parser-inserted
// script by its address) become one small inline loader each, at the same place, which inserts that
// very script: allowed by 'strict-dynamic' because a hashed script created it.
//
// What was allowed before is exactly what carries the response's nonce (Next.js puts it on its own
// script tags); markup that slipped into the article HTML cannot know the nonce, so it is neither
// hashed nor loaded, and stays blocked. A hash allows its exact text wherever it appears: a copy of
// one of the page's own scripts would run again (the known limit of hashes), nothing else would.
import { createHash } from 'node:crypto';

/** A script element: its opening tag's attributes and its text (script text is raw: no entities, no nested tags). */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** A preload hint: for a script it is fetched under script-src, so without the nonce it would be refused. */
const PRELOAD = /<link\b([^>]*)\/?>/gi;
const NONCE_SOURCE = /'nonce-([A-Za-z0-9+/=_-]+)'/;

/** @param {string} text @returns {string} the CSP hash source of an inline script's text */
export function scriptHashSource(text) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** An attribute's value from a tag's attribute text (double-quoted, as React writes them), or undefined. */
function attribute(attributes, name) {
  const match = new RegExp(`(?:^|\\s)${name}(?:="([^"]*)")?(?=\\s|/|$)`, 'i').exec(attributes);
  if (!match) return undefined;
  return match[1] ?? '';
}

/** HTML attribute text back to the string it stands for (React escapes &, <, >, " and '). */
function decodeAttribute(value) {
  return value.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" })[entity]);
}

/**
 * The inline script that stands for `<script src=… async|noModule>` at its place: it inserts that
 * script right after itself, so nothing runs earlier than it did from the HTML (Next.js's async
 * chunks after the inline data before them). Its text names the address, so each loader can only
 * ever load its own script.
 */
function loaderFor(src, { noModule }) {
  return `(function(c){var s=document.createElement("script");s.src=${JSON.stringify(src).replaceAll('<', '\\u003c')};${noModule ? 's.noModule=true;' : ''}c.parentNode.insertBefore(s,c.nextSibling)})(document.currentScript)`;
}

/**
 * The page with its nonce replaced by hashes: `html` (a response Next.js rendered with `policy`,
 * whose `'nonce-…'` source marks its scripts) and the policy to send with it, or null when the
 * policy has no nonce (nothing tells the page's scripts from others).
 * @param {string} html
 * @param {string} policy
 * @returns {{ html: string, policy: string } | null}
 */
export function pinScriptsByHash(html, policy) {
  const nonce = NONCE_SOURCE.exec(policy)?.[1];
  if (!nonce) return null;
  const nonceAttribute = ` nonce="${nonce}"`;
  /** @type {Set<string>} */
  const hashes = new Set();
  const pinned = html.replace(SCRIPT, (element, attributes, text) => {
    if (attribute(attributes, 'nonce') !== nonce) return element; // not the page's own: stays blocked
    const src = attribute(attributes, 'src');
    if (src === undefined) {
      hashes.add(scriptHashSource(text));
      return `<script${attributes.replace(nonceAttribute, '')}>${text}</script>`;
    }
    const loader = loaderFor(decodeAttribute(src), { noModule: attribute(attributes, 'noModule') !== undefined });
    hashes.add(scriptHashSource(loader));
    return `<script>${loader}</script>`;
  });
  // Script preloads are dropped: the fetch starts when the parser reaches that script's loader, a
  // few kilobytes into a page that arrives whole from memory. Other tags' nonce attributes
  // (stylesheets) no longer mean anything and go too.
  const withoutPreloads = pinned.replace(PRELOAD, (element, attributes) =>
    attribute(attributes, 'nonce') === nonce && attribute(attributes, 'rel') === 'preload' && attribute(attributes, 'as') === 'script' ? '' : element,
  );
  const withoutNonces = withoutPreloads.replaceAll(nonceAttribute, '');
  return { html: withoutNonces, policy: policy.replace(NONCE_SOURCE, [...hashes].join(' ')).replace(/ {2,}/g, ' ') };
}
