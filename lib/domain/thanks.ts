/**
 * Thanks, as MediaWiki's Thanks extension (docs/notifications.md, "Thanks"): a signed-in user
 * publicly thanks the author of one edit, once per edit. This file holds the input schema and the
 * rule that decides whether a "thank" link is offered, so the history, the diff header, the
 * confirmation page and the server call all decide alike.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import { errorMessage, zodIssue } from '@/lib/domain/error-messages';
import type { RevisionMarks } from '@/lib/domain/visibility';
import type { UserSummary } from '@/lib/domain/wiki';
import { isStorableId } from '@/lib/domain/database-integer';

/** Special:Thanks; a revision's confirmation page is Special:Thanks/<revision id>, as MediaWiki's. */
export const THANKS_PATH = '/wiki/Special:Thanks';

export function thanksHref(revisionId: number): string {
  return `${THANKS_PATH}/${revisionId}`;
}

/** A revision id as typed in a URL or a form field: digits only, no sign, no exponent. */
export const revisionIdInput = z.unknown().transform((value, ctx): number => {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
  const id = /^\d{1,10}$/u.test(text) ? Number(text) : 0;
  if (isStorableId(id)) return id;
  ctx.addIssue(zodIssue(errorMessage('thanks.invalidRevision')));
  return z.NEVER;
});

/** The one input of "Send thanks": which edit. */
export const thankSchema = z.object({ revisionId: revisionIdInput });
export type ThankInput = z.output<typeof thankSchema>;

/** Who is looking: their account, and whether the policy lets them thank at all (`can(actor, 'thank')`). */
export interface ThankViewer {
  userId: number | null;
  mayThank: boolean;
}

/** What is known of the edit: its author (as this viewer gets it) and that author's kind of account. */
export interface ThankTarget {
  author: UserSummary;
  /** A system account (the importer, maintenance scripts): nobody reads its notifications. */
  authorIsSystem: boolean;
  /** The revision's marks for this viewer (absent: nothing hidden, not archived). */
  visibility?: RevisionMarks;
}

/**
 * Why an edit cannot be thanked for, whoever asks:
 * - archived: its page was deleted (MediaWiki thanks only for live revisions);
 * - hidden: its author is hidden from this viewer (a thank link would reveal them);
 * - self: the viewer made it ("You cannot thank yourself.");
 * - recipient: no one to thank: a system account, or an edit without an account (an IP address),
 *   which has no notifications to receive it.
 */
export type ThankProblem = 'archived' | 'hidden' | 'self' | 'recipient';

export function thankProblem(viewerId: number | null, target: ThankTarget): ThankProblem | null {
  if (target.visibility?.archived) return 'archived';
  // Id 0 is the redacted author ("(username removed)").
  if (target.visibility?.withheld.author || target.author.id === 0) return 'hidden';
  if (viewerId !== null && target.author.id === viewerId) return 'self';
  if (target.authorIsSystem || looksLikeIpAddress(target.author.name)) return 'recipient';
  return null;
}

/** Whether a "thank" link is offered to this viewer beside this edit. */
export function mayThankFor(viewer: ThankViewer, target: ThankTarget): boolean {
  return viewer.mayThank && viewer.userId !== null && thankProblem(viewer.userId, target) === null;
}

/** The exactly-once key of a thanks notification: one per thanker and edit. */
export function thankEventKey(revisionId: number, thankerId: number): string {
  return `thank:${revisionId}:${thankerId}`;
}
