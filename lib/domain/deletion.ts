/**
 * The inputs of page deletion, undeletion and revision hiding (MediaWiki's action=delete,
 * Special:Undelete and Special:RevisionDelete): one zod schema each, shared by the forms, the
 * server actions and the maintenance CLI. Form values arrive as strings.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { reasonField } from '@/lib/domain/admin-input';
import { tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { hiddenBits } from '@/lib/domain/visibility';
import { errorMessage, textInput, zodIssue, zodRefinement } from '@/lib/domain/error-messages';
import { isStorableId } from '@/lib/domain/database-integer';

const title = textInput(errorMessage('deletion.titleRequired'))
  .transform((value) => value.trim())
  .refine((value) => value.length >= 1, zodRefinement(errorMessage('deletion.titleRequired')))
  .transform((value, ctx): ParsedTitle => {
    const parsed = tryParseTitle(value);
    if (parsed.ok) return parsed.title;
    ctx.addIssue(zodIssue(errorMessage('form.titleInvalid', { title: value, reason: parsed.message })));
    return z.NEVER;
  });

/** A revision id the form carries (the state the administrator saw); '' or absent = not given. */
const seenRevisionId = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx): number | null => {
    if (value === undefined || value === '') return null;
    const id = typeof value === 'number' ? value : /^\s*\d{1,10}\s*$/u.test(value) ? Number(value) : NaN;
    if (isStorableId(id)) return id;
    ctx.addIssue(zodIssue(errorMessage('deletion.staleForm')));
    return z.NEVER;
  });

const CHECKED = new Set(['on', 'true', '1', 'yes']);
/** A checkbox: "on" when ticked, absent (or "") when not; booleans from the CLI. */
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((value) => (typeof value === 'boolean' ? value : value !== undefined && CHECKED.has(value.trim().toLowerCase())));

/** action=delete: the page, why, whether its talk page goes too, and the latest revision the admin saw. */
export const deletePageSchema = z.object({
  title,
  reason: reasonField,
  deleteTalk: checkbox,
  latestRevisionId: seenRevisionId,
});
export type DeletePageInput = z.output<typeof deletePageSchema>;

/** Special:Undelete: the page, why, and the newest deleted revision the admin saw in the list. */
export const undeletePageSchema = z.object({
  title,
  reason: reasonField,
  newestArchivedId: seenRevisionId,
});
export type UndeletePageInput = z.output<typeof undeletePageSchema>;

/**
 * Special:RevisionDelete: which parts of one revision are hidden (each box ticked = hidden), why,
 * and what the admin saw: the revision's hidden bits and the page's latest revision.
 */
export const revisionVisibilitySchema = z
  .object({
    revisionId: textInput(errorMessage('revisionDelete.revisionRequired'))
      .transform((value) => value.trim())
      .refine((value) => /^\d{1,10}$/u.test(value), zodRefinement(errorMessage('revisionDelete.revisionNotNumber')))
      .transform(Number),
    hideText: checkbox,
    hideSummary: checkbox,
    hideAuthor: checkbox,
    reason: reasonField,
    seenHidden: z
      .string()
      .refine((value) => /^[0-7]?$/u.test(value), zodRefinement(errorMessage('revisionDelete.formOutOfDate')))
      .optional()
      .transform((value) => (value === undefined || value === '' ? null : Number(value))),
    latestRevisionId: seenRevisionId,
  })
  .transform(({ hideText, hideSummary, hideAuthor, ...rest }) => ({
    ...rest,
    hidden: hiddenBits({ text: hideText, summary: hideSummary, author: hideAuthor }),
  }));
export type RevisionVisibilityInput = z.output<typeof revisionVisibilitySchema>;

/** "This page has been deleted." and the admin's way back, as MediaWiki's deletion notice. */
export interface DeletionNotice {
  title: ParsedTitle;
  /** The latest deletion log entry of the title, if any. */
  lastDeletion: { by: string | null; at: Date; reason: string } | null;
  /** Archived revisions, counted only for viewers who may see deleted material (else null). */
  archivedRevisions: number | null;
}
