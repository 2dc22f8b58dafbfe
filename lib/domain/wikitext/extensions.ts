/**
 * Extension tags (`<ref>`, `<pre>`, `<gallery>`…). Their content is either wikitext (ref, poem,
 * gallery captions), converted, or text that MediaWiki shows as it is (nowiki, pre, code), made
 * literal. Tags the wiki has no counterpart for keep their content as text and are reported.
 */
import type { AstNodes, Token } from 'wikiparser-node/dist/internal';
import { codeBlock, escapeInline, inlineCode } from '@/lib/domain/wikitext/escape';
import { report, type Context } from '@/lib/domain/wikitext/context';
import { convertNodes } from '@/lib/domain/wikitext/lines';
import { fileMarkdown } from '@/lib/domain/wikitext/links';

export interface ExtensionResult {
  block: boolean;
  markdown: string;
}

/** Kept exactly as written: read by the template engine (lib/domain/templates/infobox.ts). */
const PASSED_THROUGH = new Set(['infobox']);

function attribute(node: Token, name: string): string | null {
  const value = (node as unknown as { getAttr(name: string): string | true | undefined }).getAttr(name);
  return typeof value === 'string' ? value : value === true ? '' : null;
}

function innerToken(node: Token): Token | undefined {
  return node.childNodes[1] as Token | undefined;
}

function innerSource(node: Token): string {
  const inner = innerToken(node);
  return inner === undefined ? '' : String(inner);
}

/** A `<ref>`: its footnote call (the definition is written at the end). */
function reference(node: Token, context: Context): string {
  const name = attribute(node, 'name');
  const group = attribute(node, 'group');
  if (group !== null && group.trim() !== '') report(context, node, 'reference: group', `group "${group}" became ordinary footnotes`);
  if (attribute(node, 'follow') !== null) report(context, node, 'reference: follow', 'became a footnote of its own');
  const inner = innerToken(node);
  const content = inner === undefined || String(inner).trim() === '' ? null : convertNodes(inner.childNodes, { ...context, inCell: false, singleLine: false });
  const call = context.notes.call(name === null || name.trim() === '' ? null : name.trim(), content);
  return call;
}

/** `<ref name="a">text</ref>` inside `<references>` or `{{reflist|refs=…}}`: texts for calls made earlier. */
export function collectListDefinedRefs(nodes: readonly AstNodes[], context: Context): void {
  for (const node of nodes) {
    if (node.type === 'ext' && node.name === 'ref') {
      const name = attribute(node, 'name');
      const inner = innerToken(node);
      if (name !== null && inner !== undefined) context.notes.define(name.trim(), convertNodes(inner.childNodes, { ...context, inCell: false, singleLine: false }));
    } else if (node.childNodes.length > 0) collectListDefinedRefs(node.childNodes, context);
  }
}

function gallery(node: Token, context: Context): string {
  report(context, node, 'gallery: shown as thumbnails', 'each image became a thumbnail of its own');
  const images: string[] = [];
  const visit = (nodes: readonly AstNodes[]): void => {
    for (const child of nodes) {
      if (child.type === 'gallery-image') images.push(fileMarkdown(child, { ...context, inCell: false }));
      else if (child.type !== 'text') visit(child.childNodes);
    }
  };
  visit(node.childNodes);
  return images.join('\n\n');
}

export function extensionMarkdown(node: Token, context: Context): ExtensionResult {
  const name = node.name ?? '';
  const inline = (markdown: string): ExtensionResult => ({ block: false, markdown });
  const block = (markdown: string): ExtensionResult => (context.singleLine ? { block: false, markdown: markdown.replace(/\s*\n\s*/gu, ' ') } : { block: true, markdown });
  switch (name) {
    case 'ref':
      return inline(reference(node, context));
    case 'references': {
      const group = attribute(node, 'group');
      if (group !== null && group.trim() !== '') report(context, node, 'reference: group', `the list of group "${group}" became part of the footnotes`);
      const inner = innerToken(node);
      if (inner !== undefined) collectListDefinedRefs(inner.childNodes, context);
      return inline('');
    }
    case 'nowiki':
      return inline(escapeInline(innerSource(node), context.inCell).replace(/\n/gu, ' '));
    case 'pre':
      if (context.singleLine) report(context, node, 'table: code block in cell', 'became inline code');
      return context.singleLine ? inline(inlineCode(innerSource(node))) : block(codeBlock(innerSource(node)));
    case 'syntaxhighlight':
    case 'source': {
      const source = innerSource(node);
      if (attribute(node, 'inline') !== null || context.singleLine) return inline(inlineCode(source));
      return block(codeBlock(source, attribute(node, 'lang') ?? ''));
    }
    case 'poem': {
      const inner = innerToken(node);
      return block(inner === undefined ? '' : convertNodes(inner.childNodes, context, { poem: true, firstLineMayBePre: false }));
    }
    case 'gallery':
      return block(gallery(node, context));
    case 'math':
    case 'chem':
    case 'ce':
      report(context, node, `extension: <${name}>`, 'shown as its source in inline code');
      return inline(inlineCode(innerSource(node)));
    default: {
      if (PASSED_THROUGH.has(name)) return block(String(node));
      report(context, node, `extension: <${name}>`, 'the tag was dropped, its content kept as text');
      return inline(escapeInline(innerSource(node), context.inCell).replace(/\n/gu, ' '));
    }
  }
}
