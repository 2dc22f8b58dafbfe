/**
 * `<ref>` to GFM footnotes. A named reference used again (`<ref name="a"/>`) is the same footnote,
 * with one definition; a name becomes the footnote's label when it is a safe GFM label (letters,
 * digits, "-" and "_", compared without case as GFM does), else a number is used. Definitions are
 * written at the end of the text, where GFM lists them anyway.
 */
interface Note {
  label: string;
  content: string | null;
}

const SAFE_LABEL = /^[\p{L}\p{N}_-]{1,64}$/u;

export class Footnotes {
  private readonly named = new Map<string, Note>();
  private readonly notes: Note[] = [];
  private readonly labels = new Set<string>();
  private counter = 0;

  private newNote(name: string | null): Note {
    let label = name !== null && SAFE_LABEL.test(name) ? name.toLowerCase() : '';
    if (label === '' || this.labels.has(label)) {
      do {
        this.counter += 1;
        label = String(this.counter);
      } while (this.labels.has(label));
    }
    this.labels.add(label);
    const note = { label, content: null };
    this.notes.push(note);
    if (name !== null) this.named.set(name, note);
    return note;
  }

  /** A reference in the text: its footnote call. */
  call(name: string | null, content: string | null): string {
    const note = (name === null ? undefined : this.named.get(name)) ?? this.newNote(name);
    if (content !== null && content.trim() !== '' && note.content === null) note.content = content.trim();
    return `[^${note.label}]`;
  }

  /** A list-defined reference (inside `<references>`): gives a named note its text. */
  define(name: string, content: string): void {
    const note = this.named.get(name);
    if (note !== undefined && note.content === null && content.trim() !== '') note.content = content.trim();
  }

  /** Names of notes that are used but have no text anywhere. */
  undefinedNames(): string[] {
    return [...this.named].filter(([, note]) => note.content === null).map(([name]) => name);
  }

  /** The footnote definitions, continuation lines indented as GFM requires. */
  definitions(): string {
    return this.notes.map((note) => `[^${note.label}]: ${(note.content ?? '').replace(/\n/gu, '\n    ').replace(/\n {4}$/gmu, '\n')}`.trimEnd()).join('\n');
  }
}
