/**
 * Section editing as MediaWiki does it (?action=edit&section=N): a page's sections are cut at its
 * headings exactly as the renderer sees them, read from the renderer's own syntax tree
 * (lib/domain/markdown.ts parseSectionHeadings, or a rendering's `sections`) rather than by matching "#" lines, so a "# comment"
 * in a code block, a heading inside a quote or an HTML comment never counts, and setext headings
 * ("Title\n=====") do.
 *
 * - Section 0 is the text before the first heading (possibly empty).
 * - Section N starts at the Nth top-level heading and runs to the next heading of the same or a
 *   higher level (smaller depth), so a section includes its subsections, as on MediaWiki.
 * - The numbers match the renderer's data-section attributes, which the "edit" links use.
 *
 * Pure: no I/O.
 */
import { parseSectionHeadings, type SectionHeading } from '@/lib/domain/markdown';

export interface Section {
  /** 0 for the text before the first heading, then 1, 2… in source order. */
  index: number;
  /** The heading's level (1–6); 0 for section 0. */
  depth: number;
  /** The heading as plain text, as the table of contents shows it ('' for section 0). */
  title: string;
  /** Offsets in the source: the section is text.slice(start, end). */
  start: number;
  end: number;
}

/** Offsets where each line starts (line 1 at index 0), with CRLF, LF and CR line endings as micromark reads them. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

/**
 * Every section of `text`, section 0 first (always present, maybe empty). `headings` are the text's
 * section headings when already known (a time-limited rendering's `sections`); else it is parsed here.
 */
export function splitSections(text: string, headings: readonly SectionHeading[] = parseSectionHeadings(text)): Section[] {
  const starts = lineStarts(text);
  const found = headings.map((heading) => ({ ...heading, start: starts[heading.line - 1] ?? text.length }));
  const sections: Section[] = [{ index: 0, depth: 0, title: '', start: 0, end: found[0]?.start ?? text.length }];
  found.forEach((heading, i) => {
    // Only six levels exist, so these scans stay short (no copy of the list per heading: 10 000 headings).
    let next = i + 1;
    while (next < found.length && found[next]!.depth > heading.depth) next += 1;
    sections.push({ index: i + 1, depth: heading.depth, title: heading.title, start: heading.start, end: found[next]?.start ?? text.length });
  });
  return sections;
}

/** Section `index` of `text`, or null when the page has no such section. */
export function findSection(text: string, index: number, headings?: readonly SectionHeading[]): Section | null {
  if (!Number.isSafeInteger(index) || index < 0) return null;
  return splitSections(text, headings)[index] ?? null;
}

/** Trailing blank space: it separates a section from the next and is kept out of the editor. */
function splitTrailingSpace(slice: string): { body: string; trailing: string } {
  const body = slice.replace(/\s+$/u, '');
  return { body, trailing: slice.slice(body.length) };
}

/** The text of section `index` as the editor shows it (without the blank lines that end it), or null. */
export function sectionText(text: string, index: number, headings?: readonly SectionHeading[]): string | null {
  const section = findSection(text, index, headings);
  return section === null ? null : splitTrailingSpace(text.slice(section.start, section.end)).body;
}

/**
 * `text` with section `index` replaced by `replacement`, or null when there is no such section.
 * The rest of the page is kept byte for byte. The replacement may add or remove headings; it is
 * followed by the blank line the old section had (at least one, as MediaWiki adds "\n\n", so that
 * its last line cannot run into the next heading — a paragraph line would turn a setext heading
 * into a longer one). An empty replacement removes the section.
 */
export function replaceSection(text: string, index: number, replacement: string, headings?: readonly SectionHeading[]): string | null {
  const section = findSection(text, index, headings);
  if (section === null) return null;
  const before = text.slice(0, section.start);
  const after = text.slice(section.end);
  const { body: oldBody, trailing: oldTrailing } = splitTrailingSpace(text.slice(section.start, section.end));
  const newBody = replacement.replace(/\s+$/u, '');
  if (newBody === oldBody) return text;
  if (newBody === '') return before + after;
  if (after === '') return before + newBody + (oldTrailing === '' ? '' : oldTrailing.includes('\r\n') ? '\r\n' : '\n');
  const blankLine = (oldTrailing.match(/\r\n|\r|\n/gu)?.length ?? 0) >= 2 ? oldTrailing : oldTrailing.includes('\r\n') ? '\r\n\r\n' : '\n\n';
  return before + newBody + blankLine + after;
}
