import type { ProtectionLevel } from '@/lib/domain/policy';
import { makeParsedTitle, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

/** One line of "Templates used on this page" (MediaWiki's templatesUsed list under the edit form). */
export interface TemplateUsage {
  title: ParsedTitle;
  /** A missing template is listed as a red link to its edit form. */
  exists: boolean;
  /** The template's edit protection, null when anyone who may edit may edit it. */
  protection: ProtectionLevel | null;
}

/** A template's documentation (its `/doc` subpage), shown under the template's own text. */
export interface TemplateDocumentation {
  title: ParsedTitle;
  /** The subpage's current rendering; null when it does not exist yet. */
  html: string | null;
}

/** The `/doc` subpage documenting a template; null for a documentation page itself or a page outside Template:. */
export function documentationTitleOf(title: ParsedTitle): ParsedTitle | null {
  if (title.namespace !== NS.TEMPLATE || title.dbKey.endsWith('/doc')) return null;
  const doc = tryParseTitle(`${title.prefixedText}/doc`);
  return doc.ok ? doc.title : null;
}

/** The template a `/doc` subpage documents (shown under it), null for any other page. */
export function documentedTemplateOf(title: ParsedTitle): ParsedTitle | null {
  if (title.namespace !== NS.TEMPLATE || !title.dbKey.endsWith('/doc') || title.dbKey === '/doc') return null;
  return makeParsedTitle(NS.TEMPLATE, title.dbKey.slice(0, -'/doc'.length));
}
