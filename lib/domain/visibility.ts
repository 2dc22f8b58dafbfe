/**
 * What a viewer may see of a revision, as MediaWiki's rev_deleted and page deletion decide it.
 *
 * A revision can be ARCHIVED (its page was deleted) and can have parts HIDDEN by an administrator
 * (a bit set: 1 text, 2 summary, 4 author). Viewers who may see deleted material (administrators,
 * `can(actor, 'viewdeleted')`) see everything, with the hidden parts marked; everybody else is
 * told an archived revision does not exist and gets the hidden parts replaced by MediaWiki's
 * "(edit summary removed)" / "(username removed)", or refused for the text.
 *
 * Pure: no I/O.
 */
import { can, type Actor } from '@/lib/domain/policy';
import type { UserSummary } from '@/lib/domain/wiki';
import { englishText, errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';

/** The bits of `revisions.hidden`. */
export const HIDDEN_BITS = { text: 1, summary: 2, author: 4 } as const;
export type HideablePart = keyof typeof HIDDEN_BITS;
export const HIDEABLE_PARTS: readonly HideablePart[] = ['text', 'summary', 'author'];

export const REMOVED_SUMMARY = '(edit summary removed)';
export const REMOVED_USER = '(username removed)';
/** Why a viewer does not get a revision's text. */
export const HIDDEN_TEXT = errorMessage('revisionDelete.textHidden');
export const HIDDEN_TEXT_MESSAGE = englishText(HIDDEN_TEXT);

export type HiddenParts = Readonly<Record<HideablePart, boolean>>;

/** What a viewer is told about a revision's deleted parts (attached to read models as `visibility`). */
export interface RevisionMarks {
  /** The parts an administrator hid: marked as hidden to the viewers who still see them. */
  hidden: HiddenParts;
  /** The parts this viewer does not get (replaced by the removed markers, or the text refused). */
  withheld: HiddenParts;
  /** The revision belongs to a deleted page (only viewers of deleted material see it at all). */
  archived: boolean;
}

export interface RevisionFlags {
  hidden: number;
  archived: boolean;
}

const NOTHING: HiddenParts = Object.freeze({ text: false, summary: false, author: false });

export function mayViewDeleted(actor: Actor): boolean {
  return can(actor, 'viewdeleted').allowed;
}

export function hiddenParts(bits: number): HiddenParts {
  return { text: (bits & HIDDEN_BITS.text) !== 0, summary: (bits & HIDDEN_BITS.summary) !== 0, author: (bits & HIDDEN_BITS.author) !== 0 };
}

export function hiddenBits(parts: Partial<HiddenParts>): number {
  return HIDEABLE_PARTS.reduce((bits, part) => (parts[part] ? bits | HIDDEN_BITS[part] : bits), 0);
}

/**
 * The marks for one viewer, or null when the viewer must not learn the revision exists (it is
 * archived and the viewer may not see deleted material): callers answer as for a missing revision.
 */
export function revisionMarks(flags: RevisionFlags, viewDeleted: boolean): RevisionMarks | null {
  if (flags.archived && !viewDeleted) return null;
  const hidden = flags.hidden === 0 ? NOTHING : hiddenParts(flags.hidden);
  return { hidden, withheld: viewDeleted ? NOTHING : hidden, archived: flags.archived };
}

/** The summary and author a viewer gets: the stored ones, or the removed markers in their place. */
export function redactSummaryAndAuthor<T extends { summary: string; author: UserSummary }>(row: T, marks: RevisionMarks): T {
  if (!marks.withheld.summary && !marks.withheld.author) return row;
  return {
    ...row,
    summary: marks.withheld.summary ? REMOVED_SUMMARY : row.summary,
    // Id 0 is no account: nothing links to or reveals the real author.
    author: marks.withheld.author ? { id: 0, name: REMOVED_USER } : row.author,
  };
}

/** The text a viewer gets, or null when it is withheld (callers refuse with HIDDEN_TEXT_MESSAGE). */
export function visibleText(text: string, marks: RevisionMarks): string | null {
  return marks.withheld.text ? null : text;
}

/**
 * The text of an edit's base revision that the save may merge against, or null when it must not
 * (the save is then an edit conflict with the current text, as for a base that does not exist).
 * A merge against text the editor may not see would confirm guesses of it: a right guess merges
 * cleanly, a wrong one conflicts. Archived bases are refused like hidden ones (the editor must
 * not even learn they exist); viewers of deleted material merge as before.
 */
export function mergeableBaseText(base: RevisionFlags & { text: string }, viewDeleted: boolean): string | null {
  const marks = revisionMarks(base, viewDeleted);
  return marks === null ? null : visibleText(base.text, marks);
}

/**
 * Whether an administrator may set these bits on a revision: the current revision's text stays
 * visible (MediaWiki: "edit the page first"), since hiding it would hide the page itself.
 */
export function hidingRefusal(bits: number, isCurrentRevision: boolean): ErrorMessage | null {
  if (isCurrentRevision && (bits & HIDDEN_BITS.text) !== 0) return errorMessage('revisionDelete.currentText');
  return null;
}
