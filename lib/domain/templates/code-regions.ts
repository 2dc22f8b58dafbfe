/**
 * Where Markdown code is, so that template syntax there stays as written: fenced code blocks
 * (``` or ~~~, CommonMark's rules for opening and closing fences; unclosed runs to the end) and
 * inline code spans (a run of n backticks closed by the next run of exactly n in the same
 * paragraph; a backslash-escaped backtick opens nothing). Indented code blocks are not detected:
 * four spaces also continue list items, which a line scanner cannot tell apart.
 *
 * An approximation of the Markdown parser, on purpose small: it only decides where `{{` is not
 * a call. Linear: one pass over the lines, and backtick runs are paired through one queue per run
 * length whose read position only moves forward.
 */

export interface Region {
  start: number;
  end: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/u;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/u;
const BACKTICKS = /`+/gu;

/** Sorted, non-overlapping regions of `text` that are code. */
export function codeRegions(text: string): Region[] {
  if (!text.includes('`') && !text.includes('~~~')) return [];
  const regions: Region[] = [];
  let fence: { char: string; length: number; start: number } | null = null;
  let prose = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    const next = lineEnd + 1;
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(line);
      if (close !== null && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        regions.push({ start: fence.start, end: lineEnd });
        fence = null;
        prose = next;
      }
    } else {
      const open = FENCE_OPEN.exec(line);
      // A backtick fence's info string may not contain a backtick (CommonMark 4.5).
      if (open !== null && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        spans(text, prose, lineStart, regions);
        fence = { char: open[1]![0]!, length: open[1]!.length, start: lineStart };
      } else if (line.trim() === '') {
        spans(text, prose, lineStart, regions);
        prose = next;
      }
    }
    if (newline < 0) break;
    lineStart = next;
  }
  if (fence !== null) regions.push({ start: fence.start, end: text.length });
  else spans(text, prose, text.length, regions);
  return regions;
}

/** Code spans of one paragraph, text[from, to). */
function spans(text: string, from: number, to: number, regions: Region[]): void {
  if (to <= from) return;
  const chunk = text.slice(from, to);
  if (!chunk.includes('`')) return;
  const runs: { start: number; length: number }[] = [];
  BACKTICKS.lastIndex = 0;
  for (let match = BACKTICKS.exec(chunk); match !== null; match = BACKTICKS.exec(chunk)) {
    let start = match.index;
    let length = match[0].length;
    if (chunk[start - 1] === '\\') {
      start += 1;
      length -= 1;
    }
    if (length > 0) runs.push({ start: from + start, length });
  }
  const byLength = new Map<number, { indices: number[]; read: number }>();
  runs.forEach((run, index) => {
    const queue = byLength.get(run.length) ?? { indices: [], read: 0 };
    queue.indices.push(index);
    byLength.set(run.length, queue);
  });
  let consumed = -1;
  runs.forEach((run, index) => {
    if (run.start < consumed) return;
    const queue = byLength.get(run.length)!;
    while (queue.read < queue.indices.length && queue.indices[queue.read]! <= index) queue.read += 1;
    const closer = queue.indices[queue.read];
    if (closer === undefined) return;
    queue.read += 1;
    consumed = runs[closer]!.start + run.length;
    regions.push({ start: run.start, end: consumed });
  });
}
