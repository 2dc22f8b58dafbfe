/**
 * One line of inline markdown being built, with the formatting that is open in it. Wikitext's
 * bold and italic may overlap (`'''a ''b''' c''`) where markdown's emphasis must nest, so a close
 * that is not the innermost one closes the inner ones too and opens them again after it, as
 * MediaWiki's own doQuotes does with its HTML. Whitespace is moved outside the delimiters, since
 * `** x**` is no emphasis in CommonMark.
 */
export type FormatKind = 'italic' | 'bold' | 'strike';

const MARKERS: Readonly<Record<FormatKind, string>> = { italic: '*', bold: '**', strike: '~~' };

interface Frame {
  kind: FormatKind | 'root';
  text: string;
}

export class InlineLine {
  private readonly frames: Frame[] = [{ kind: 'root', text: '' }];

  /** Appends markdown; a "!" followed by "[" would make the link after it an image. */
  add(markdown: string): void {
    if (markdown === '') return;
    const top = this.frames[this.frames.length - 1] as Frame;
    top.text = top.text.endsWith('!') && markdown.startsWith('[') && !top.text.endsWith('\\!') ? `${top.text.slice(0, -1)}\\!${markdown}` : top.text + markdown;
  }

  isOpen(kind: FormatKind): boolean {
    return this.frames.some((frame) => frame.kind === kind);
  }

  open(kind: FormatKind): void {
    this.frames.push({ kind, text: '' });
  }

  /** Closes `kind` (and what was opened inside it, which is opened again); nothing if it is not open. */
  close(kind: FormatKind): void {
    if (!this.isOpen(kind)) return;
    const reopen: FormatKind[] = [];
    for (;;) {
      const frame = this.frames.pop() as Frame;
      if (frame.kind === 'root') throw new Error('unreachable: root frame closed');
      this.add(wrap(frame.text, MARKERS[frame.kind]));
      if (frame.kind === kind) break;
      reopen.unshift(frame.kind);
    }
    for (const again of reopen) this.open(again);
  }

  toggle(kind: FormatKind): void {
    if (this.isOpen(kind)) this.close(kind);
    else this.open(kind);
  }

  /** `''`, `'''` or `'''''` (wikiparser-node has already split other runs as MediaWiki does). */
  apostrophes(count: number): void {
    if (count === 2) this.toggle('italic');
    else if (count === 3) this.toggle('bold');
    else if (this.isOpen('italic') && this.isOpen('bold')) {
      this.close('italic');
      this.close('bold');
    } else {
      const wasItalic = this.isOpen('italic');
      const wasBold = this.isOpen('bold');
      if (wasItalic) this.close('italic');
      if (wasBold) this.close('bold');
      if (!wasBold) this.open('bold');
      if (!wasItalic) this.open('italic');
    }
  }

  /** Whether nothing but whitespace was added yet. */
  isBlank(): boolean {
    return this.frames.every((frame) => frame.text.trim() === '');
  }

  endsWith(suffix: string): boolean {
    return (this.frames[this.frames.length - 1] as Frame).text.endsWith(suffix);
  }

  /** The line with every open format closed, as MediaWiki closes them at the end of a line. */
  finish(): string {
    while (this.frames.length > 1) {
      const frame = this.frames[this.frames.length - 1] as Frame;
      this.close(frame.kind as FormatKind);
    }
    return (this.frames[0] as Frame).text;
  }
}

function wrap(text: string, marker: string): string {
  const core = text.trim();
  if (core === '') return text;
  const lead = text.slice(0, text.length - text.trimStart().length);
  const trail = text.slice(text.trimEnd().length);
  return `${lead}${marker}${core}${marker}${trail}`;
}
