import 'server-only';
import { findCaseVariant } from '@/lib/server/pages';
import { canonicalDestination } from '@/lib/server/redirects';
import { queryStringOf, type SearchParams } from '@/lib/domain/query-params';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

/**
 * Where an address that was not the title's canonical one (proxy.ts flags it) belongs: the
 * canonical path of the title (a special page's own), with the same query.
 */
export async function canonicalAddress(title: ParsedTitle, query: SearchParams): Promise<string> {
  const destination = title.namespace === NS.SPECIAL ? title : await canonicalDestination(title);
  return `${titleToUrlPath(destination)}${queryStringOf(query)}`;
}

/** A missing title's existing page that differs only in case ("Main page" → "Main_Page"), or null. */
export async function caseVariantAddress(title: ParsedTitle): Promise<string | null> {
  const variant = await findCaseVariant(title);
  return variant ? titleToUrlPath(variant) : null;
}
