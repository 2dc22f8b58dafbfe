/**
 * The editor's link autocompletion (docs/editing.md, "Autocomplete"): what the text before the
 * cursor asks for. `[[Tel` asks for page titles starting with "Tel", `[[File:Ph` for files,
 * `[[Category:Hu` for categories; the suggestion replaces the target written so far and closes
 * the link with "]]" unless it is already closed.
 *
 * Pure: no I/O. The editor (components/editor/link-autocomplete.ts) asks the title-suggestion
 * endpoint (GET /w/rest.php/v1/search/title), which reads a namespace prefix itself.
 *
 * Decisions (tests/unit/link-completion.test.ts):
 * - Only the cursor's line is read, and at most MAX_TARGET characters back: a title is at most
 *   255 bytes, so a longer run cannot be one, and typing on a huge line stays cheap.
 * - The target ends at a character no title may hold ("[", "]", "|", "#", "<", ">", "{", "}"):
 *   after "|" comes a label or image options, after "#" a section, neither of them a title.
 * - `[[:Category:X` (a link to the category page rather than a membership) completes the title
 *   after the colon; the leading colon stays.
 * - "Image:" is the File namespace's old name: it is searched as "File:".
 * - A link is closed when the rest of its target after the cursor is followed by "]]", "|" or "#":
 *   the suggestion then replaces that rest too (editing the middle of `[[ECP|the charity]]`)
 *   and adds no "]]". Otherwise it replaces up to the cursor only, so the text after an unclosed
 *   `[[EC` in a sentence is never eaten.
 */

// NS.FILE and NS.CATEGORY of lib/domain/titles.ts (the unit test checks they agree): not imported,
// because the editor's chunk carries this module and titles.ts would bring the error catalog along.
const FILE = 6;
const CATEGORY = 14;

/** The canonical prefix of the namespaces a completion can be limited to. */
export const NAMESPACE_PREFIX: Readonly<Record<number, string>> = { [FILE]: 'File:', [CATEGORY]: 'Category:' };

export const MAX_TARGET = 255;

export interface LinkCompletionContext {
  /** Where the replaced target starts: just after "[[" (or "[[:"). */
  from: number;
  /** Where it ends: the cursor, or the end of the target already written after it when the link is closed. */
  to: number;
  /** What was typed between `from` and the cursor. */
  typed: string;
  /** The query for the title-suggestion endpoint ("File:Ph" for "Image:Ph"); empty when nothing to ask yet. */
  query: string;
  /** The namespace the prefix names: 6 (File) for "File:"/"Image:", 14 (Category) for "Category:", else null (any title). */
  namespace: number | null;
  /** Whether the link already has its "]]" (or a "|"/"#" part) after the target: then no "]]" is added. */
  closed: boolean;
}

/** Characters that end a title: MediaWiki's forbidden title characters, plus line breaks. */
const NOT_TITLE = /[[\]|#<>{}\n\r]/u;
const REST_OF_TARGET = /^[^[\]|#<>{}\n\r]*/u;
const PREFIX = /^[ \t]*(file|image|category)[ \t]*:[ \t]*/iu;

/**
 * The completion asked for by the text before `cursor`, or null when the cursor is not in the
 * target of a `[[` link (plain text, a label, a section, a closed link's outside).
 */
export function linkCompletionContext(text: string, cursor: number): LinkCompletionContext | null {
  if (cursor < 2 || cursor > text.length) return null;
  const windowStart = Math.max(0, cursor - MAX_TARGET - 3);
  const before = text.slice(windowStart, cursor);
  const open = before.lastIndexOf('[[');
  if (open < 0) return null;
  let from = windowStart + open + 2;
  // "[[[" is not a link opener followed by "[": the last "[[" already found is the inner one.
  const typedWithColon = text.slice(from, cursor);
  if (NOT_TITLE.test(typedWithColon)) return null;
  if (typedWithColon.startsWith(':')) from += 1;
  const typed = text.slice(from, cursor);
  if (typed.startsWith(':') || typed.length > MAX_TARGET) return null;

  const prefix = PREFIX.exec(typed);
  const name = prefix?.[1]?.toLowerCase();
  const namespace = name === undefined ? null : name === 'category' ? CATEGORY : FILE;
  const query = prefix && name === 'image' ? `File:${typed.slice(prefix[0].length)}` : typed.trimStart();

  const rest = REST_OF_TARGET.exec(text.slice(cursor, cursor + MAX_TARGET))?.[0] ?? '';
  const after = text.slice(cursor + rest.length, cursor + rest.length + 2);
  const closed = after === ']]' || after.startsWith('|') || after.startsWith('#');
  return { from, to: closed ? cursor + rest.length : cursor, typed, query: query.trim() === '' ? '' : query, namespace, closed };
}

/** What a chosen title inserts over `from`–`to`: the title, and "]]" unless the link is already closed. */
export function completionInsert(title: string, context: Pick<LinkCompletionContext, 'closed'>): string {
  return context.closed ? title : `${title}]]`;
}
