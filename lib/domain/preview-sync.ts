/**
 * The side-by-side preview follows the text being edited: the cursor's place in the source is
 * mapped to a place in the rendered preview. The renderer marks each top-level heading with its
 * section number (data-section, lib/domain/sections.ts), so the map goes through sections: the
 * cursor is in section N, a fraction f of the way from its heading to the next; the preview is
 * scrolled to the same fraction between heading N and heading N+1.
 *
 * The browser cannot run the renderer (remark would add its whole parser to the edit page's
 * scripts), so the top-level headings are found here by a line scanner that follows CommonMark's
 * block rules as far as headings need: fenced and indented code, HTML comments, block quotes and
 * list items hide "#" lines; setext headings ("Title" over "===") count from their first line, as
 * the renderer's positions do. Where it still disagrees with the renderer (exotic HTML blocks), the
 * preview only scrolls to a neighbouring section. Pure: no I/O.
 */

/** Where in the preview the cursor's text is: section 0 is the text before the first heading. */
export interface PreviewAnchor {
  section: number;
  /** How far through the section (0 at its first line, approaching 1 at its last). */
  fraction: number;
}

const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/u;
const FENCE_OPEN = /^( {0,3})(`{3,}(?!.*`)|~{3,})/u;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/u;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/u;
const BLOCK_QUOTE = /^ {0,3}>/u;
const LIST_ITEM = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)/u;
const COMMENT_OPEN = /^ {0,3}<!--/u;

/** Columns of leading white space (a tab reaches the next multiple of 4). */
function indentOf(line: string): number {
  let column = 0;
  for (const char of line) {
    if (char === ' ') column += 1;
    else if (char === '\t') column += 4 - (column % 4);
    else break;
  }
  return column;
}

/** The lines of `text` as micromark splits them (CRLF, LF or CR). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

/**
 * The line numbers (from 1) of the top-level headings of `text`, in source order: the Nth is the
 * heading the renderer marks data-section="N".
 */
export function sectionHeadingLines(text: string): number[] {
  const lines = splitLines(text);
  const found: number[] = [];
  let fence: { char: string; length: number } | null = null;
  let inComment = false;
  let paragraphStart = 0; // the line a top-level paragraph began on, 0 when none is open
  let listIndent = -1; // the content column of the open list item, -1 outside lists
  let afterBlank = true;

  lines.forEach((line, index) => {
    const number = index + 1;
    const blank = line.trim() === '';
    if (fence) {
      const close = line.match(/^ {0,3}(`+|~+)[ \t]*$/u);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
      return;
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      return;
    }
    if (blank) {
      paragraphStart = 0;
      afterBlank = true;
      return;
    }
    const indent = indentOf(line);
    // Inside a list item: indented to its content, or a paragraph's lazy continuation line.
    if (listIndent >= 0) {
      const interrupts = ATX_HEADING.test(line) || FENCE_OPEN.test(line) || BLOCK_QUOTE.test(line) || THEMATIC_BREAK.test(line);
      if (indent >= listIndent || (!afterBlank && !interrupts && !LIST_ITEM.test(line))) {
        afterBlank = false;
        return;
      }
      listIndent = -1;
    }
    const wasAfterBlank = afterBlank;
    afterBlank = false;
    if (indent >= 4 && paragraphStart === 0) return; // indented code
    const opened = line.match(FENCE_OPEN);
    if (opened) {
      fence = { char: opened[2]![0]!, length: opened[2]!.length };
      paragraphStart = 0;
      return;
    }
    if (COMMENT_OPEN.test(line)) {
      inComment = !line.slice(line.indexOf('<!--') + 4).includes('-->');
      paragraphStart = 0;
      return;
    }
    if (ATX_HEADING.test(line)) {
      found.push(number);
      paragraphStart = 0;
      return;
    }
    if (paragraphStart !== 0 && SETEXT_UNDERLINE.test(line)) {
      found.push(paragraphStart);
      paragraphStart = 0;
      return;
    }
    if (THEMATIC_BREAK.test(line) || BLOCK_QUOTE.test(line)) {
      paragraphStart = 0;
      return;
    }
    const item = line.match(LIST_ITEM);
    // An ordered item other than 1. does not interrupt a paragraph (CommonMark), nor does an empty one.
    if (item && (paragraphStart === 0 || wasAfterBlank || (/^[-+*1]/u.test(item[2]!) && item[3] !== ''))) {
      listIndent = item[1]!.length + item[2]!.length + Math.max(1, Math.min(item[3]!.length, 4));
      paragraphStart = 0;
      return;
    }
    if (paragraphStart === 0) paragraphStart = number;
  });
  return found;
}

/** The line number (from 1) of the character at `offset`. */
export function lineAt(text: string, offset: number): number {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  for (let i = 0; i < end; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) line += 1;
  }
  return line;
}

/**
 * The section holding `line` and how far through it the line is. `headingLines` are
 * sectionHeadingLines(text); `lineCount` the text's number of lines.
 */
export function anchorForLine(headingLines: readonly number[], lineCount: number, line: number): PreviewAnchor {
  let section = 0;
  while (section < headingLines.length && headingLines[section]! <= line) section += 1;
  const start = section === 0 ? 1 : headingLines[section - 1]!;
  const end = headingLines[section] ?? lineCount + 1;
  const fraction = end > start ? Math.min(Math.max((line - start) / (end - start), 0), 1) : 0;
  return { section, fraction };
}

/**
 * Where to scroll the preview pane for `anchor`: `sectionTops[n]` is the top of section n's
 * heading in the pane's content (sectionTops[0] the content's top), missing when the preview
 * has no such heading (then the last one it has is used); `contentEnd` the content's bottom.
 */
export function previewScrollTop(anchor: PreviewAnchor, sectionTops: readonly (number | undefined)[], contentEnd: number): number {
  let section = Math.min(anchor.section, sectionTops.length - 1);
  while (section > 0 && sectionTops[section] === undefined) section -= 1;
  const top = sectionTops[section] ?? 0;
  const next = section === anchor.section ? (sectionTops.slice(section + 1).find((value) => value !== undefined) ?? contentEnd) : top;
  return Math.max(0, top + anchor.fraction * Math.max(0, next - top));
}
