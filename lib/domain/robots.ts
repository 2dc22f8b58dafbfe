/**
 * /robots.txt: the rules MediaWiki sites give crawlers (compare Wikipedia's robots.txt), in the
 * syntax Google and RFC 9309 read: `*` matches any characters, and for a URL the longest matching
 * rule wins, Allow on a tie. So `Allow: /wiki/` lets crawlers read every article while the longer
 * `Disallow: /*?action=` keeps them out of `/wiki/<Title>?action=edit`, and `Disallow: /wiki/Special:`
 * out of the special pages. Each of these views also says `noindex` in its own page; robots.txt
 * only saves crawlers (and the wiki) from fetching them at all.
 *
 * Pure: no I/O.
 */
import { SITEMAP_INDEX_PATH } from '@/lib/domain/sitemap';

export const ROBOTS_CONTENT_TYPE = 'text/plain; charset=utf-8';

/**
 * The query parameters of /wiki/ URLs whose pages are not the article itself: actions (edit,
 * history, info, delete, protect…), old revisions, diffs, redirects shown as themselves, the notice
 * after a save. Each as the first parameter (`?`) and as a later one (`&`).
 */
const ACTION_PARAMETERS = ['action', 'oldid', 'diff', 'redirect', 'postedit'] as const;

export const ROBOTS_RULES: readonly string[] = [
  'Allow: /wiki/',
  // Listings, searches, forms and logs; the colon as written and percent-encoded (both reach the page).
  'Disallow: /wiki/Special:',
  'Disallow: /wiki/Special%3A',
  'Disallow: /wiki/Special%3a',
  ...ACTION_PARAMETERS.flatMap((name) => [`Disallow: /*?${name}=`, `Disallow: /*&${name}=`]),
  // The REST API, feeds and other machine endpoints, and sign-in: nothing a search result should show.
  'Disallow: /w/',
  'Disallow: /api/',
];

/** The whole file; `origin` is the site's address (absolute, as the Sitemap line must be). */
export function robotsTxt(origin: string): string {
  return [
    '# Articles are at /wiki/<Title>; actions, old revisions, diffs and special pages are not for search results.',
    'User-agent: *',
    ...ROBOTS_RULES,
    '',
    `Sitemap: ${origin}${SITEMAP_INDEX_PATH}`,
    '',
  ].join('\n');
}
