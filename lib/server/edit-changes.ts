import 'server-only';
import { getDb } from '@/lib/server/db';
import { diffRevisions, type DiffResult } from '@/lib/domain/diff';
import { isBlankSummary, needsSummaryReminder } from '@/lib/domain/edit-size';
import { can, type Actor } from '@/lib/domain/policy';
import { sectionText } from '@/lib/domain/sections';
import type { ParsedTitle } from '@/lib/domain/titles';
import { mayViewDeleted, mergeableBaseText } from '@/lib/domain/visibility';
import { pageContextForTitle } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';

/**
 * The edit form's "Show changes" and its reminder about an empty summary: both compare the text
 * being edited with the text of the revision the editor started from (the form's base revision).
 */

export interface EditedText {
  title: ParsedTitle;
  /** The form's base revision (null when creating the page). */
  baseRevisionId: number | null;
  content: string;
  /** The section being edited (lib/domain/sections.ts): `content` is then that section only. */
  section?: number | null;
}

/**
 * The base revision's text as `actor` may see it. '' when creating, and also when the base is not
 * this page's or its text is hidden from `actor`: the diff then shows all the text as added rather
 * than revealing hidden text (the same rule as the save's merge, lib/server/edit-page.ts).
 */
export async function editBaseText(actor: Actor, title: ParsedTitle, baseRevisionId: number | null): Promise<string> {
  if (baseRevisionId === null) return '';
  const base = await getDb().revision.findUnique({
    where: { id: baseRevisionId },
    select: { hidden: true, archived: true, page: { select: { namespace: true, title: true } }, content: { select: { text: true } } },
  });
  if (!base || base.page.namespace !== title.namespace || base.page.title !== title.dbKey) return '';
  return mergeableBaseText({ hidden: base.hidden, archived: base.archived, text: base.content.text }, mayViewDeleted(actor)) ?? '';
}

/**
 * What the edited text is compared with: the base revision's text, or for a section edit that
 * section of it (a section the base no longer has compares with nothing: all of it is new).
 */
async function originalText(actor: Actor, edit: EditedText): Promise<string> {
  const base = await editBaseText(actor, edit.title, edit.baseRevisionId);
  return edit.section === undefined || edit.section === null ? base : (sectionText(base, edit.section) ?? '');
}

/** MediaWiki's "Show changes": the history pages' word-level diff from the base revision (or section) to the edited text. */
export async function editChanges(actor: Actor, edit: EditedText): Promise<DiffResult> {
  return diffRevisions(await originalText(actor, edit), edit.content);
}

/**
 * Whether this Save gets the "no summary" reminder instead of saving (the form's second Save says
 * the reminder was seen). Only a blank summary on an existing page costs the read of the base text.
 */
export async function summaryReminderDue(actor: Actor, edit: EditedText & { summary: string }, reminded: boolean): Promise<boolean> {
  // A new page is exempt: its whole text is the change, and its history starts with it anyway.
  if (reminded || edit.baseRevisionId === null || !isBlankSummary(edit.summary)) return false;
  // A Save that will be refused (protection, a block) gets its refusal first, as on MediaWiki:
  // a reminder about the summary would only delay the reason the edit cannot be saved.
  if (!can(actor, 'edit', await pageContextForTitle(edit.title), policySettings()).allowed) return false;
  const oldText = await originalText(actor, edit);
  return needsSummaryReminder({ summary: edit.summary, oldText, newText: edit.content, reminded });
}
