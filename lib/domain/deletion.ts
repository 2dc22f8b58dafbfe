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

const title = z
  .string({ error: 'Give the title of the page.' })
  .trim()
  .min(1, 'Give the title of the page.')
  .transform((value, ctx): ParsedTitle => {
    const parsed = tryParseTitle(value);
    if (parsed.ok) return parsed.title;
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid title: ${parsed.reason}.` });
    return z.NEVER;
  });

/** A revision id the form carries (the state the administrator saw); '' or absent = not given. */
const seenRevisionId = z
  .union([z.string(), z.number()])
  .optional()
  .transform((value, ctx): number | null => {
    if (value === undefined || value === '') return null;
    const id = typeof value === 'number' ? value : /^\s*\d{1,10}\s*$/u.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(id) && id > 0) return id;
    ctx.addIssue({ code: 'custom', message: 'The revision the form was based on is not a revision number; reload the page.' });
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
    revisionId: z
      .string({ error: 'Give the revision to change.' })
      .trim()
      .regex(/^\d{1,10}$/u, 'The revision must be a revision number.')
      .transform(Number),
    hideText: checkbox,
    hideSummary: checkbox,
    hideAuthor: checkbox,
    reason: reasonField,
    seenHidden: z
      .string()
      .regex(/^[0-7]?$/u, 'The form is out of date; reload the page.')
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
