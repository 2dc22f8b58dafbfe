/**
 * MediaWiki's internal link syntax inside Markdown: [[Title]], [[Title|label]], [[Title#Section]],
 * [[Title#Section|label]], [[#Section]], [[Category:Name]] / [[Category:Name|sort key]] (a category
 * membership, rendered as nothing) and [[:Category:Name]] (a plain link to the category page).
 * File embeds ([[File:…]], [[Image:…]]) are taken out of the tree before this runs
 * (lib/domain/files/embed-markup.ts); [[:File:Name.png]] is an ordinary link to the File page.
 *
 * Works on the Markdown syntax tree (mdast) between parsing and HTML conversion, splitting text
 * nodes, so code spans, code blocks and the text of Markdown links are never touched.
 *
 * Decisions (tested in tests/unit/wikilinks.test.ts):
 * - The target ends at the first "|"; everything after it is the label, further pipes included
 *   ("[[a|b|c]]" links to A with label "b|c"), as MediaWiki does. An empty label ("[[a|]]") shows
 *   the target as written (the pipe trick is not expanded).
 * - Neither target nor label may contain "[" or "]": "[[a[[b]]" is the text "[[a" and a link to B,
 *   as in MediaWiki. Matching is one left-to-right regular-expression scan, linear in the text.
 * - A target that is not a valid title ("[[]]", "[[a<b]]", "[[Foo%41]]") stays literal text.
 * - Fragments point at the heading ids this renderer assigns (slugs: "#Early life" → "#early-life").
 */
import type { Link, Nodes, Paragraph, Parents, PhrasingContent, Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { NS, splitFragment, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

export interface WikiLinkTarget {
  namespace: number;
  dbKey: string;
}

export interface CategoryMembership {
  /** Category title in database-key form, without "Category:". */
  name: string;
  /** The sort key written after "|", or null for the page's own title. */
  sortKey: string | null;
}

export type ParsedWikiLink =
  { kind: 'link'; href: string; label: string; target: WikiLinkTarget | null; prefixedDbKey: string | null } | { kind: 'category'; category: CategoryMembership };

/** "[[" then anything without brackets then "]]": linear, since the body cannot overlap another "[[" . */
const WIKILINK = /\[\[([^[\]]*)\]\]/gu;

/**
 * Interprets the inside of one "[[…]]", or returns null when it is not a link (stays literal text).
 * `fragmentId` turns a section name into the id its heading gets.
 */
export function parseWikiLink(inner: string, fragmentId: (section: string) => string): ParsedWikiLink | null {
  const pipe = inner.indexOf('|');
  const rawTarget = pipe < 0 ? inner : inner.slice(0, pipe);
  const rawLabel = pipe < 0 ? null : inner.slice(pipe + 1);
  const { title: titlePart, fragment } = splitFragment(rawTarget);
  const section = fragment?.trim() ?? '';
  const written = rawTarget.trim().replace(/^:\s*/u, '');
  const label = rawLabel !== null && rawLabel.trim() !== '' ? rawLabel : written;

  if (titlePart.trim() === '') {
    // [[#Section]]: a section of the same page.
    if (section === '') return null;
    return { kind: 'link', href: `#${fragmentId(section)}`, label, target: null, prefixedDbKey: null };
  }
  const parsed = tryParseTitle(titlePart);
  if (!parsed.ok) return null;
  const title = parsed.title;
  if (title.namespace === NS.CATEGORY && !titlePart.trimStart().startsWith(':')) {
    const sortKey = rawLabel !== null && rawLabel.trim() !== '' ? rawLabel.trim() : null;
    return { kind: 'category', category: { name: title.dbKey, sortKey } };
  }
  const href = titleToUrlPath(title) + (section === '' ? '' : `#${fragmentId(section)}`);
  // Special pages are generated, never stored: no link-table row and never a red link.
  const target = title.namespace === NS.SPECIAL ? null : { namespace: title.namespace, dbKey: title.dbKey };
  return { kind: 'link', href, label, target, prefixedDbKey: target === null ? null : title.prefixedDbKey };
}

/**
 * Replaces every [[…]] in the text nodes of `tree` by a link node (or by nothing, for a category)
 * and returns the link targets and categories found. Paragraphs left empty by removed categories
 * are removed.
 */
export function extractWikiLinks(tree: Root, fragmentId: (section: string) => string): { links: WikiLinkTarget[]; categories: CategoryMembership[] } {
  const links = new Map<string, WikiLinkTarget>();
  const categories = new Map<string, CategoryMembership>();
  const emptied = new Set<Paragraph>();

  visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
    if (node.type === 'link' || node.type === 'linkReference' || node.type === 'definition') return SKIP;
    if (node.type !== 'text' || parent === undefined || index === undefined) return undefined;
    const replacement = splitText(node, fragmentId, links, categories);
    if (replacement === null) return undefined;
    (parent.children as PhrasingContent[]).splice(index, 1, ...replacement);
    if (parent.type === 'paragraph' && parent.children.every((child) => child.type === 'text' && child.value.trim() === '')) {
      emptied.add(parent);
    }
    return index + replacement.length;
  });

  if (emptied.size > 0) {
    visit(tree, 'paragraph', (paragraph, index, parent) => {
      if (!emptied.has(paragraph) || parent === undefined || index === undefined) return undefined;
      parent.children.splice(index, 1);
      return index;
    });
  }
  return { links: [...links.values()], categories: [...categories.values()] };
}

function splitText(
  node: Text,
  fragmentId: (section: string) => string,
  links: Map<string, WikiLinkTarget>,
  categories: Map<string, CategoryMembership>,
): PhrasingContent[] | null {
  const value = node.value;
  if (!value.includes('[[')) return null;
  const parts: PhrasingContent[] = [];
  let textStart = 0;
  let changed = false;
  WIKILINK.lastIndex = 0;
  for (let match = WIKILINK.exec(value); match !== null; match = WIKILINK.exec(value)) {
    const parsed = parseWikiLink(match[1] ?? '', fragmentId);
    if (parsed === null) continue;
    changed = true;
    if (match.index > textStart) parts.push({ type: 'text', value: value.slice(textStart, match.index) });
    textStart = match.index + match[0].length;
    if (parsed.kind === 'category') {
      // Last one wins, as MediaWiki's ParserOutput::addCategory.
      categories.delete(parsed.category.name);
      categories.set(parsed.category.name, parsed.category);
      continue;
    }
    if (parsed.target !== null) links.set(`${parsed.target.namespace}:${parsed.target.dbKey}`, parsed.target);
    const properties: Record<string, string | string[]> = { className: ['wikilink'] };
    if (parsed.prefixedDbKey !== null) properties.dataWikiTarget = parsed.prefixedDbKey;
    const link: Link = {
      type: 'link',
      url: parsed.href,
      title: null,
      children: [{ type: 'text', value: parsed.label }],
      data: { hProperties: properties },
    };
    parts.push(link);
  }
  if (!changed) return null;
  if (textStart < value.length) parts.push({ type: 'text', value: value.slice(textStart) });
  return parts;
}
