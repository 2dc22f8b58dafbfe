// HTML escaping: the one copy, for everything that builds HTML as a string (stored renderings'
// fallbacks and view-time notices, red links, search snippets, the REST API's excerpts and /html
// documents, the production server's database-outage page). Plain JavaScript because that server
// (runtime/server.mjs) runs without a TypeScript loader; lib/domain/html.d.mts declares the types.
//
// Two spellings of the same escaping, each kept because clients and stored pages already carry it:
// numeric references in the HTML of the wiki's own pages (as in renderings since the first one),
// named references where MediaWiki's htmlspecialchars() is what clients expect (search snippets,
// which the REST API hands out as `excerpt`, and the API's other HTML).

const SPECIAL = /[&<>"]/g;
const SPECIAL_WITH_APOSTROPHE = /[&<>"']/g;

/** @type {Readonly<Record<string, string>>} */
const NAMED = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text as HTML element content or a double-quoted attribute value, with numeric references
 * (&#38; &#60; &#62; &#34;).
 * @param {string} text
 * @returns {string}
 */
export function escapeHtml(text) {
  return text.replace(SPECIAL, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The same with named references (&amp; &lt; &gt; &quot;), as MediaWiki writes them; with
 * `apostrophe`, ' becomes &#39; too (search snippets, which MediaWiki escapes with ENT_QUOTES).
 * @param {string} text
 * @param {{ apostrophe?: boolean }} [options]
 * @returns {string}
 */
export function escapeHtmlNamed(text, options = {}) {
  return text.replace(options.apostrophe ? SPECIAL_WITH_APOSTROPHE : SPECIAL, (c) => NAMED[c] ?? c);
}
