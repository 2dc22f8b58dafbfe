/**
 * Escaping of the plain text between wikitext markup, so that the markdown renderer shows exactly
 * the characters MediaWiki shows. The character rules are the Fandom importer's (one escaper for
 * the whole wiki, lib/domain/fandom-import.ts); what this adds is what wikitext differs in:
 * character references are markup in wikitext too (`&amp;` shows "&"), so they pass unescaped,
 * and inside a GFM table cell a `|` would end the cell.
 */
import { escapeText } from '@/lib/domain/fandom-import';

const ENTITY = /&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/gu;
const INTRAWORD_UNDERSCORE = /(?<=[\p{L}\p{N}])\\_(?=[\p{L}\p{N}])/gu;

/** Text in the middle of a line: inline syntax escaped, character references kept. */
export function escapeInline(text: string, inCell = false): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(ENTITY)) {
    out += escapeText(text.slice(last, match.index));
    out += match[0];
    last = match.index + match[0].length;
  }
  out += escapeText(text.slice(last));
  // An underscore between letters or digits never starts emphasis (CommonMark's flanking rules), and
  // file names and titles in template arguments ("image=Aria_Vel.png") are read without markdown.
  out = out.replace(INTRAWORD_UNDERSCORE, '_');
  return inCell ? out.replace(/\|/gu, '\\|') : out;
}

const LINE_START = /^([#\-+=|>])/u;
const ORDERED_MARKER = /^(\d{1,9})([.)])(?=[ \t]|$)/u;

/**
 * The start of a line of converted markdown: a character that would open a block (heading, list,
 * quote, setext underline, table row) is escaped. Markup the converter writes itself never starts
 * with one of them, so this only ever touches text.
 */
export function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/u, '');
  if (LINE_START.test(trimmed)) return `\\${trimmed}`;
  return trimmed.replace(ORDERED_MARKER, '$1\\$2');
}

/** A code span around `text`: the backtick run is longer than any run inside it (CommonMark). */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n/gu, ' ');
  if (flat.trim() === '') return escapeInline(flat);
  const longest = Math.max(0, ...Array.from(flat.matchAll(/`+/gu), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block: the fence is longer than any backtick run at a line start inside. */
export function codeBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...Array.from(text.matchAll(/^[ \t]*(`{3,})/gmu), (m) => (m[1] ?? '').length));
  const fence = '`'.repeat(longest + 1);
  const body = text.replace(/^\n+|\n+$/gu, '');
  return `${fence}${language.replace(/[^\w+#.-]/gu, '')}\n${body}\n${fence}`;
}
