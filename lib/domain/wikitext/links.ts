/**
 * Links and calls, written back in the wiki's dialect: `[[…]]` links, file embeds and template
 * calls stay MediaWiki syntax (the renderer and the template expander read them), with the
 * wikitext inside labels, captions and arguments converted. Template names, parameter names and
 * the `{{`, `|`, `=`, `}}` structure are written exactly as they were: the expander reads them
 * before markdown is parsed, so a backslash there would be part of a name.
 */
import type { AstNodes, Token } from 'wikiparser-node/dist/internal';
import { escapeInline } from '@/lib/domain/wikitext/escape';
import { report, type Context } from '@/lib/domain/wikitext/context';
import { convertNodes } from '@/lib/domain/wikitext/lines';
import { interlanguagePrefix } from '@/lib/domain/wikitext/languages';
import { collectListDefinedRefs } from '@/lib/domain/wikitext/extensions';
import { visibleText } from '@/lib/domain/wikitext/plain-text';

/** English MediaWiki's $linkTrail: lowercase ASCII letters after "]]" join the label. */
export const LINK_TRAIL = /^[a-z]+/u;

/** Parser functions and magic words the template expander evaluates (lib/domain/templates/functions.ts). */
const SUPPORTED_FUNCTIONS = new Set(['#if', '#ifeq', '#switch']);
const SUPPORTED_MAGIC_WORDS = new Set(['PAGENAME', 'FULLPAGENAME', 'NAMESPACE', 'SITENAME']);
const REFERENCE_LIST_TEMPLATES = new Set(['reflist', 'references', 'refs', 'notelist']);

/** A template argument or parser-function branch: its surrounding whitespace is significant. */
function convertKeepingSpace(token: AstNodes, context: Context): string {
  const raw = String(token);
  const lead = /^\s*/u.exec(raw)?.[0] ?? '';
  const trail = raw.trim() === '' ? '' : (/\s*$/u.exec(raw)?.[0] ?? '');
  const converted = convertNodes(token.childNodes, context).trim();
  return converted === '' ? raw : `${lead}${converted}${trail}`;
}

function single(context: Context): Context {
  return { ...context, singleLine: true };
}

/** The visible words of a label, for places where markdown emphasis would break the `[[…]]`. */
const EMPHASIS: Readonly<Record<number, string>> = { 2: '*', 3: '**', 5: '***' };

/**
 * A label as plain text: markdown emphasis inside `[[…]]` would split the text the renderer reads
 * links from. A label wholly in bold or italic ("[[a|'''b''']]") moves the emphasis around the link.
 */
function label(nodes: readonly AstNodes[], context: Context, node: AstNodes): { text: string; emphasis: string } {
  let inner = nodes;
  let emphasis = '';
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  if (nodes.length >= 3 && first?.type === 'quote' && last?.type === 'quote' && String(first) === String(last)) {
    inner = nodes.slice(1, -1);
    emphasis = EMPHASIS[String(first).length] ?? '';
  }
  if (inner.some((child) => child.type !== 'text')) report(context, node, 'link: formatted label', 'kept the label text, dropped its formatting');
  return { text: escapeInline(visibleText(inner), context.inCell).replace(/\n/gu, ' '), emphasis };
}

export function linkMarkdown(node: Token, trail: string, context: Context): string {
  const [targetToken, labelToken] = node.childNodes as AstNodes[];
  const target = String(targetToken);
  const pipe = context.inCell ? '\\|' : '|';
  if (node.type === 'category') {
    return `[[${target}${labelToken === undefined ? '' : `${pipe}${String(labelToken)}`}]]`;
  }
  if (interlanguagePrefix(target) !== null) {
    report(context, node, 'interlanguage link', 'dropped (the original is kept)');
    return escapeInline(trail);
  }
  let written = target;
  if (/^\s*:?\s*media\s*:/iu.test(target)) {
    report(context, node, 'media link', 'links to the file page instead of the file itself');
    written = target.replace(/^\s*:?\s*media\s*:/iu, ':File:');
  }
  const labelled = labelToken === undefined ? null : label(labelToken.childNodes, context, node);
  let text = labelled?.text ?? null;
  if (trail !== '') text = (text ?? escapeInline(target.trim().replace(/^:/u, ''), context.inCell)) + trail;
  const emphasis = labelled?.emphasis ?? '';
  return `${emphasis}[[${escapeInline(written, context.inCell)}${text === null ? '' : `${pipe}${text}`}]]${emphasis}`;
}

export function fileMarkdown(node: Token, context: Context): string {
  const [targetToken, ...parameters] = node.childNodes as AstNodes[];
  let target = String(targetToken).trim();
  // Gallery lines may leave out the namespace.
  if (node.type === 'gallery-image' && !/^(?:file|image)\s*:/iu.test(target)) target = `File:${target}`;
  const pipe = context.inCell ? '\\|' : '|';
  const parts = parameters.map((parameter) =>
    parameter.type === 'image-parameter' && (parameter as unknown as { name: string }).name === 'caption'
      ? convertNodes(parameter.childNodes, single(context)).replace(/\n/gu, ' ')
      : String(parameter),
  );
  if (node.type === 'gallery-image' && !parts.some((part) => /^(?:thumb|thumbnail)$/u.test(part))) parts.unshift('thumb');
  return `[[${target}${parts.map((part) => `${pipe}${part}`).join('')}]]`;
}

export function extLinkMarkdown(node: Token, context: Context): string {
  const [urlToken, labelToken] = node.childNodes as AstNodes[];
  const url = String(urlToken).trim();
  const destination = /[\s()<>]/u.test(url) ? `<${url.replace(/[<>]/gu, encodeURIComponent)}>` : url;
  const label = labelToken === undefined ? '' : convertNodes(labelToken.childNodes, single(context)).trim();
  // Without a label MediaWiki shows a number ("[1]"); the address itself is more useful here.
  return `[${label === '' ? escapeInline(url, context.inCell) : label}](${destination})`;
}

/**
 * One argument. A template's parameter name must match its `{{{name}}}`, so it stays raw; a
 * `#switch` case is compared with text converted like any other, so it is converted too.
 */
function parameterMarkdown(parameter: AstNodes, context: Context, convertKey: boolean): string {
  if (parameter.type !== 'parameter') return String(parameter);
  const [key, value] = parameter.childNodes as AstNodes[];
  const anonymous = (parameter as unknown as { anon: boolean }).anon;
  const converted = value === undefined ? '' : convertKeepingSpace(value, context);
  if (anonymous) return converted;
  return `${key !== undefined && convertKey ? caseKey(key, context) : String(key)}=${converted}`;
}

/** A `#switch` case: escaped as text but never at a line start ("#default" is a keyword). */
function caseKey(key: AstNodes, context: Context): string {
  if (key.childNodes.every((child) => child.type === 'text')) return escapeInline(String(key), context.inCell);
  return convertKeepingSpace(key, context);
}

/** `{{reflist}}` and its kin: a list of the page's references, which GFM's footnotes replace. */
export function isReferenceList(node: AstNodes): boolean {
  return node.type === 'template' && REFERENCE_LIST_TEMPLATES.has(String(node.firstChild).trim().toLowerCase().replace(/_/gu, ' '));
}

export function templateMarkdown(node: Token, context: Context): string {
  const [name, ...parameters] = node.childNodes as AstNodes[];
  if (isReferenceList(node)) {
    // GFM lists footnotes at the end; references defined in its refs= are collected first.
    for (const parameter of parameters) collectListDefinedRefs(parameter.childNodes, context);
    return '';
  }
  return `{{${String(name)}${parameters.map((parameter) => `|${parameterMarkdown(parameter, context, false)}`).join('')}}}`;
}

export function magicWordMarkdown(node: Token, context: Context): string {
  const [nameToken, ...parameters] = node.childNodes as AstNodes[];
  const name = String(nameToken).trim();
  const source = String(node);
  if (SUPPORTED_FUNCTIONS.has(name.toLowerCase())) {
    const head = `{{${String(nameToken)}:`;
    if (source.startsWith(head)) return `${head}${parameters.map((parameter) => parameterMarkdown(parameter, context, true)).join('|')}}}`;
  }
  if (SUPPORTED_MAGIC_WORDS.has(name) && parameters.length === 0) return source;
  const kind = name.startsWith('#') ? 'parser function' : 'magic word';
  report(context, node, `${kind}: ${name}`, 'kept as written; the template engine does not evaluate it');
  return source;
}

export function argMarkdown(node: Token, context: Context): string {
  const [name, fallback, ...rest] = node.childNodes as AstNodes[];
  const parts = [String(name)];
  if (fallback !== undefined) parts.push(convertKeepingSpace(fallback, context));
  for (const extra of rest) parts.push(String(extra));
  return `{{{${parts.join('|')}}}}`;
}
