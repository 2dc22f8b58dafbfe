import { Tag, tags } from '@lezer/highlight';
import type { InlineContext, MarkdownConfig } from '@lezer/markdown';

/**
 * The wiki's additions to Markdown, for highlighting only (the renderer in lib/domain/markdown.ts
 * decides what they mean): `[[Page]]` and `[[File:…]]` links, footnote references `[^n]` and
 * signatures `~~~~`. Each is a Lezer Markdown inline parser, so code spans and escapes keep
 * precedence exactly as in the Markdown parser itself.
 */
export const wikiTags = {
  wikiLink: Tag.define(tags.link),
  fileLink: Tag.define(tags.link),
  footnote: Tag.define(tags.labelName),
  signature: Tag.define(tags.atom),
};

const OPEN_BRACKET = 91; // [
const CARET = 94; // ^
const TILDE = 126; // ~

/** `[[…]]` on one line: a file link when its target is in the File (or Image) namespace. */
function parseWikiLink(cx: InlineContext, next: number, pos: number): number {
  if (next !== OPEN_BRACKET || cx.char(pos + 1) !== OPEN_BRACKET) return -1;
  const rest = cx.slice(pos, cx.end);
  const match = /^\[\[([^[\]\n]+)\]\]/.exec(rest);
  if (!match) return -1;
  const type = /^\s*:?\s*(file|image|immagine)\s*:/i.test(match[1]!) ? 'WikiFileLink' : 'WikiLink';
  return cx.addElement(cx.elt(type, pos, pos + match[0].length));
}

/** `[^label]`, the footnote reference of GitHub-flavoured Markdown (and the start of its definition). */
function parseFootnote(cx: InlineContext, next: number, pos: number): number {
  if (next !== OPEN_BRACKET || cx.char(pos + 1) !== CARET) return -1;
  const match = /^\[\^[^\]\s]+\]/.exec(cx.slice(pos, cx.end));
  return match ? cx.addElement(cx.elt('WikiFootnote', pos, pos + match[0].length)) : -1;
}

/** Three to five tildes: name, name and date, or date (MediaWiki's ~~~, ~~~~ and ~~~~~). */
function parseSignature(cx: InlineContext, next: number, pos: number): number {
  if (next !== TILDE) return -1;
  const match = /^~{3,5}(?!~)/.exec(cx.slice(pos, cx.end));
  return match ? cx.addElement(cx.elt('WikiSignature', pos, pos + match[0].length)) : -1;
}

export const WikiSyntax: MarkdownConfig = {
  defineNodes: [
    { name: 'WikiLink', style: wikiTags.wikiLink },
    { name: 'WikiFileLink', style: wikiTags.fileLink },
    { name: 'WikiFootnote', style: wikiTags.footnote },
    { name: 'WikiSignature', style: wikiTags.signature },
  ],
  parseInline: [
    // Before Markdown's own link, which would otherwise take `[[x]]` as a bracket and a link.
    { name: 'WikiFootnote', parse: parseFootnote, before: 'Link' },
    { name: 'WikiLink', parse: parseWikiLink, before: 'Link' },
    // Before emphasis and GFM's strikethrough (`~~`), which would take the tildes as delimiters.
    { name: 'WikiSignature', parse: parseSignature, before: 'Emphasis' },
  ],
};
