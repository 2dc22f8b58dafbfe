/**
 * Addresses of the wiki's own links that are more than a title's path: a special page with a
 * subpage ("Special:Undelete/Talk:Foo", "Special:Block/Jane_Doe"), the log of one kind of action,
 * a red link's edit form and a redirect shown as itself.
 * Built the way titleToUrlPath builds a title's path, so that both read the same in the address bar.
 *
 * Pure: no I/O.
 */
import { encodeTitleForUrl, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/**
 * `/wiki/Special:<Name>`, or `/wiki/Special:<Name>/<subpage>` with the subpage a title or a name as
 * typed (a user name: its spaces become underscores, as in any title's path).
 */
export function specialPageHref(name: string, subpage?: ParsedTitle | string): string {
  if (subpage === undefined) return `/wiki/${encodeTitleForUrl(`Special:${name}`)}`;
  const key = typeof subpage === 'string' ? subpage.replaceAll(' ', '_') : subpage.prefixedDbKey;
  return `/wiki/${encodeTitleForUrl(`Special:${name}/${key}`)}`;
}

/** A link to a missing page: its edit form, marked as reached from a red link (MediaWiki's `redlink=1`). */
export function redLinkHref(title: ParsedTitle): string {
  return `${titleToUrlPath(title)}?action=edit&redlink=1`;
}

/** `/wiki/Special:Log?type=<type>`, narrowed to the entries about one page when `page` (its title as text) is given. */
export function logHref(type: string, page?: string): string {
  return `/wiki/Special:Log?type=${encodeURIComponent(type)}${page === undefined ? '' : `&page=${encodeURIComponent(page)}`}`;
}

/** A redirect page shown as itself rather than followed (`?redirect=no`). */
export function noRedirectHref(title: ParsedTitle): string {
  return `${titleToUrlPath(title)}?redirect=no`;
}
