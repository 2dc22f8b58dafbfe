/**
 * Wikitext (MediaWiki, Fandom) to the wiki's markdown dialect, for the XML-dump importer
 * (scripts/import.ts). Parsed with wikiparser-node, whose complete token tree keeps every
 * construct and its position, so each one is either converted or listed in `issues`; nothing is
 * dropped silently (docs/wikitext-import.md). Pure: no framework, no database, no file system.
 */
import Parser from 'wikiparser-node';
import type { AstNodes, Token } from 'wikiparser-node/dist/internal';
import { escapeText } from '@/lib/domain/fandom-import';
import { wikitextParserConfig } from '@/lib/domain/wikitext/parser-config';
import { convertNodes } from '@/lib/domain/wikitext/lines';
import { Footnotes } from '@/lib/domain/wikitext/refs';
import { plainTextOf } from '@/lib/domain/wikitext/plain-text';
import type { Context, ConversionIssue } from '@/lib/domain/wikitext/context';

export type { ConversionIssue } from '@/lib/domain/wikitext/context';

export interface WikitextConversion {
  markdown: string;
  issues: ConversionIssue[];
}

function parse(wikitext: string, title: string): Token {
  // A template page is parsed as it is transcluded, so that its <includeonly> part is converted.
  const include = /^\s*template\s*:/iu.test(title);
  return Parser.parse(wikitext, include, undefined, wikitextParserConfig());
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function wikitextToMarkdown(wikitext: string, context: { title: string }): WikitextConversion {
  const text = wikitext.replace(/\r\n?/gu, '\n');
  const issues: ConversionIssue[] = [];
  try {
    const root = parse(text, context.title);
    const notes = new Footnotes();
    const shared: Context = { issues, notes, lineStarts: lineStarts(text), inCell: false, singleLine: false };
    const body = convertNodes(root.childNodes as readonly AstNodes[], shared, { firstLineMayBePre: true });
    for (const name of notes.undefinedNames())
      issues.push({ construct: 'reference: no text', line: 1, detail: `reference "${name}" is used but its text is nowhere: its footnote is empty` });
    const definitions = notes.definitions();
    const markdown = [body, definitions].filter((part) => part !== '').join('\n\n');
    issues.sort((a, b) => a.line - b.line);
    return { markdown: markdown === '' ? '' : `${markdown}\n`, issues };
  } catch (error) {
    return {
      markdown: plainFallback(text),
      issues: [{ construct: 'conversion failed', line: 1, detail: `kept as plain text (${error instanceof Error ? error.name : 'error'})` }],
    };
  }
}

/**
 * The worst case: every line as escaped text, paragraphs where the blank lines were. Also the
 * import's answer to a revision that takes too long to convert (lib/server/backup/convert-ahead.ts).
 * Expects the line ends normalized to "\n".
 */
export function plainFallback(text: string): string {
  const paragraphs = text
    .split(/\n[ \t]*\n/u)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => escapeText(line.trim(), true))
        .filter((line) => line !== '')
        .join('\n'),
    )
    .filter((paragraph) => paragraph !== '');
  return paragraphs.length === 0 ? '' : `${paragraphs.join('\n\n')}\n`;
}

/** The words a reader sees, as the parser extracts them from wikitext (for tests and the report). */
export function wikitextPlainText(wikitext: string): string {
  try {
    return plainTextOf(Parser.parse(wikitext.replace(/\r\n?/gu, '\n'), false, undefined, wikitextParserConfig()));
  } catch {
    return wikitext;
  }
}
