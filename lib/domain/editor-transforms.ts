/**
 * The edit toolbar's text transforms (issue 17), pure so they can be tested without an editor: each
 * takes the text and the selection and returns the new text and selection, as MediaWiki's WikiEditor
 * does: inline markup wraps the selection or, when it is already wrapped, unwraps it; an empty
 * selection gets a placeholder, selected so typing replaces it; line markup (headings, lists,
 * quotes) applies to every line the selection touches.
 */

export interface TextSelection {
  from: number;
  to: number;
}

export interface TextEdit {
  text: string;
  selection: TextSelection;
}

/** Placeholders in the reader's language (the caller passes the catalog's strings). */
export interface Placeholders {
  bold: string;
  italic: string;
  heading: string;
  linkText: string;
  linkTarget: string;
  wikiLink: string;
  listItem: string;
  quote: string;
  code: string;
  tableHeader: string;
  tableCell: string;
  footnote: string;
}

export type ToolbarAction = 'bold' | 'italic' | 'heading' | 'link' | 'wikiLink' | 'bulletList' | 'numberedList' | 'quote' | 'code' | 'table' | 'footnote' | 'signature';

/** Applies one toolbar action; `heading` cycles through levels 2, 3, 4 and back to plain text. */
export function applyToolbarAction(action: ToolbarAction, text: string, selection: TextSelection, placeholders: Placeholders): TextEdit {
  const sel = normalized(selection, text.length);
  switch (action) {
    case 'bold':
      return toggleInline(text, sel, '**', '**', placeholders.bold);
    case 'italic':
      return toggleInline(text, sel, '*', '*', placeholders.italic);
    case 'code':
      return text.slice(sel.from, sel.to).includes('\n') ? toggleFence(text, sel) : toggleInline(text, sel, '`', '`', placeholders.code);
    case 'wikiLink':
      return toggleInline(text, sel, '[[', ']]', placeholders.wikiLink);
    case 'link':
      return toggleLink(text, sel, placeholders);
    case 'heading':
      return cycleHeading(text, sel, placeholders.heading);
    case 'bulletList':
      return toggleLinePrefix(text, sel, () => '- ', /^[-*+] /, placeholders.listItem, LIST_MARKER);
    case 'numberedList':
      return toggleLinePrefix(text, sel, (index) => `${index + 1}. `, /^\d+[.)] /, placeholders.listItem, LIST_MARKER);
    case 'quote':
      return toggleLinePrefix(text, sel, () => '> ', /^> ?/, placeholders.quote, /^> ?/);
    case 'table':
      return insertTable(text, sel, placeholders);
    case 'footnote':
      return insertFootnote(text, sel, placeholders.footnote);
    case 'signature':
      return insertSignature(text, sel);
  }
}

function normalized({ from, to }: TextSelection, length: number): TextSelection {
  const [a, b] = from <= to ? [from, to] : [to, from];
  return { from: Math.max(0, Math.min(a, length)), to: Math.max(0, Math.min(b, length)) };
}

function replace(text: string, from: number, to: number, insert: string): string {
  return text.slice(0, from) + insert + text.slice(to);
}

/** How many times `char` repeats just before `end` (backwards) or from `start` (forwards). */
function runBefore(text: string, end: number, char: string): number {
  let count = 0;
  while (end - count - 1 >= 0 && text[end - count - 1] === char) count += 1;
  return count;
}
function runAfter(text: string, start: number, char: string): number {
  let count = 0;
  while (text[start + count] === char) count += 1;
  return count;
}

/**
 * Whether `before`/`after` surround the range. Markers made of one repeated character need care:
 * `*` inside `**bold**` is not italic (an odd run is), and `**` matches both `**` and `***`.
 */
function surrounds(text: string, from: number, to: number, before: string, after: string): boolean {
  const single = before.length > 0 && [...before].every((c) => c === before[0]) && before === after;
  if (!single) return text.slice(from - before.length, from) === before && text.slice(to, to + after.length) === after;
  const char = before[0]!;
  const [left, right] = [runBefore(text, from, char), runAfter(text, to, char)];
  if (before.length === 1) return left % 2 === 1 && right % 2 === 1;
  return left >= before.length && right >= before.length && left !== 1;
}

function toggleInline(text: string, sel: TextSelection, before: string, after: string, placeholder: string): TextEdit {
  let { from, to } = sel;
  // A double-clicked word often brings its trailing space: the markup goes around the word only.
  while (to > from && /\s/.test(text[to - 1]!)) to -= 1;
  while (from < to && /\s/.test(text[from]!)) from += 1;
  if (surrounds(text, from, to, before, after)) {
    const unwrapped = replace(replace(text, to, to + after.length, ''), from - before.length, from, '');
    return { text: unwrapped, selection: { from: from - before.length, to: to - before.length } };
  }
  const selected = text.slice(from, to);
  if (selected.length >= before.length + after.length && selected.startsWith(before) && selected.endsWith(after)) {
    const inner = selected.slice(before.length, selected.length - after.length);
    return { text: replace(text, from, to, inner), selection: { from, to: from + inner.length } };
  }
  const inner = selected === '' ? placeholder : selected;
  const start = from + before.length;
  return { text: replace(text, from, to, before + inner + after), selection: { from: start, to: start + inner.length } };
}

function toggleFence(text: string, sel: TextSelection): TextEdit {
  const { from, to } = lineRange(text, sel);
  const block = text.slice(from, to);
  const fenced = /^```[^\n]*\n([\s\S]*)\n```$/.exec(block);
  if (fenced) return { text: replace(text, from, to, fenced[1]!), selection: { from, to: from + fenced[1]!.length } };
  const wrapped = `\`\`\`\n${block}\n\`\`\``;
  return { text: replace(text, from, to, wrapped), selection: { from: from + 4, to: from + 4 + block.length } };
}

const MARKDOWN_LINK = /^\[([^\]\n]*)\]\(([^)\s]*)\)$/;

function toggleLink(text: string, sel: TextSelection, placeholders: Placeholders): TextEdit {
  const selected = text.slice(sel.from, sel.to);
  const existing = MARKDOWN_LINK.exec(selected);
  if (existing) {
    const label = existing[1]!;
    return { text: replace(text, sel.from, sel.to, label), selection: { from: sel.from, to: sel.from + label.length } };
  }
  // A selected address becomes the target and the label is asked for; otherwise the reverse.
  if (/^(https?:\/\/|mailto:)\S+$/.test(selected)) {
    const inserted = `[${placeholders.linkText}](${selected})`;
    return { text: replace(text, sel.from, sel.to, inserted), selection: { from: sel.from + 1, to: sel.from + 1 + placeholders.linkText.length } };
  }
  const label = selected === '' ? placeholders.linkText : selected;
  const inserted = `[${label}](${placeholders.linkTarget})`;
  const targetStart = sel.from + label.length + 3;
  return { text: replace(text, sel.from, sel.to, inserted), selection: { from: targetStart, to: targetStart + placeholders.linkTarget.length } };
}

/** The whole lines the selection touches (a selection ending at a line's start leaves that line out). */
function lineRange(text: string, sel: TextSelection): TextSelection {
  const from = text.lastIndexOf('\n', sel.from - 1) + 1;
  const end = sel.to > sel.from && text[sel.to - 1] === '\n' ? sel.to - 1 : sel.to;
  const next = text.indexOf('\n', end);
  return { from, to: next === -1 ? text.length : next };
}

function cycleHeading(text: string, sel: TextSelection, placeholder: string): TextEdit {
  const { from, to } = lineRange(text, { from: sel.from, to: sel.from });
  const line = text.slice(from, to);
  const match = /^(#{1,6})\s+/.exec(line);
  const level = match ? match[1]!.length : 0;
  const body = match ? line.slice(match[0].length) : line;
  const next = level >= 2 && level < 4 ? level + 1 : level === 0 || level === 1 ? 2 : 0;
  const prefix = next === 0 ? '' : `${'#'.repeat(next)} `;
  const content = body === '' && next !== 0 ? placeholder : body;
  const newLine = prefix + content;
  const shift = prefix.length - (match ? match[0].length : 0);
  const selection =
    body === '' && next !== 0
      ? { from: from + prefix.length, to: from + prefix.length + content.length }
      : { from: Math.max(from + prefix.length, sel.from + shift), to: Math.max(from + prefix.length, sel.to + shift) };
  return { text: replace(text, from, to, newLine), selection };
}

/** Any list item's marker: turning a bulleted list into a numbered one replaces it. */
const LIST_MARKER = /^([-*+]|\d+[.)]) /;

function toggleLinePrefix(text: string, sel: TextSelection, prefix: (index: number) => string, existing: RegExp, placeholder: string, replaced: RegExp): TextEdit {
  const { from, to } = lineRange(text, sel);
  const lines = text.slice(from, to).split('\n');
  const filled = lines.filter((line) => line.trim() !== '');
  if (filled.length === 0) {
    const inserted = prefix(0) + placeholder;
    return { text: replace(text, from, to, inserted), selection: { from: from + prefix(0).length, to: from + inserted.length } };
  }
  const remove = filled.every((line) => existing.test(line));
  let index = 0;
  const changed = lines.map((line) => {
    if (line.trim() === '') return line;
    return remove ? line.replace(existing, '') : prefix(index++) + line.replace(replaced, '');
  });
  const block = changed.join('\n');
  return { text: replace(text, from, to, block), selection: { from, to: from + block.length } };
}

/** Text inserted as block(s) of its own: blank lines around it, as Markdown needs. */
function insertBlock(text: string, at: number, end: number, block: string): { text: string; start: number } {
  const before = text.slice(0, at);
  const after = text.slice(end);
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
  return { text: before + lead + block + trail + after, start: before.length + lead.length };
}

function insertTable(text: string, sel: TextSelection, placeholders: Placeholders): TextEdit {
  const header = `${placeholders.tableHeader} 1`;
  const table = [`| ${header} | ${placeholders.tableHeader} 2 |`, '| --- | --- |', `| ${placeholders.tableCell} | ${placeholders.tableCell} |`].join('\n');
  const { text: result, start } = insertBlock(text, sel.from, sel.to, table);
  return { text: result, selection: { from: start + 2, to: start + 2 + header.length } };
}

/** The next footnote number: one more than the highest numbered `[^n]` in the text. */
export function nextFootnoteNumber(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(/\[\^(\d+)\]/g)) highest = Math.max(highest, Number(match[1]));
  return highest + 1;
}

/**
 * A footnote reference after the selection (the selected words are what it annotates) and its
 * definition at the end of the text, after the other definitions, with the placeholder selected.
 */
function insertFootnote(text: string, sel: TextSelection, placeholder: string): TextEdit {
  const n = nextFootnoteNumber(text);
  const marker = `[^${n}]`;
  const withMarker = replace(text, sel.to, sel.to, marker);
  const trimmed = withMarker.replace(/\s+$/, '');
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  const separator = trimmed === '' ? '' : /^\[\^[^\]]+\]:/.test(lastLine) ? '\n' : '\n\n';
  const definition = `[^${n}]: `;
  const result = `${trimmed}${separator}${definition}${placeholder}\n`;
  const start = trimmed.length + separator.length + definition.length;
  return { text: result, selection: { from: start, to: start + placeholder.length } };
}

/** MediaWiki's signature: `~~~~` after the selection, with a space before it unless one is there. */
function insertSignature(text: string, sel: TextSelection): TextEdit {
  const space = sel.to === 0 || /\s/.test(text[sel.to - 1]!) ? '' : ' ';
  const inserted = `${space}~~~~`;
  const end = sel.to + inserted.length;
  return { text: replace(text, sel.to, sel.to, inserted), selection: { from: end, to: end } };
}
