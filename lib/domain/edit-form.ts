import type { DiffResult } from '@/lib/domain/diff';
import type { DiffLine } from '@/lib/domain/text-diff';
import { formFlag, formValues } from '@/lib/domain/form-state';
import type { TemplateUsage } from '@/lib/domain/template-usage';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/** What the edit form holds: strings as typed, so they can always be handed back unchanged. */
export interface EditFormValues {
  title: string;
  content: string;
  summary: string;
  minor: boolean;
  /** The revision the editor started from ('' when creating the page). */
  baseRevisionId: string;
  /** The section being edited (?action=edit&section=N): `content` is then that section only. Absent or '': the whole page. */
  section?: string;
  /** An undo being saved (?undo=N&undoafter=M): the undone revisions' authors are told. Absent: not an undo. */
  undo?: string;
  undoAfter?: string;
}

/** The edit form's fields as submitted, exactly as typed (the action validates them afterwards). */
export function editFormValuesOf(formData: FormData): EditFormValues {
  return {
    ...formValues(formData, ['title', 'content', 'summary', 'baseRevisionId', 'section'] as const),
    minor: formFlag(formData, 'minor'),
    // Only an undo's form has these fields; an ordinary edit's values stay as they were.
    ...(formData.has('undo') ? formValues(formData, ['undo', 'undoAfter'] as const) : {}),
  };
}

/**
 * The undo the form's values name, or null: `undo` a revision id, `undoAfter` one or '' (that
 * revision alone). Anything else is no undo; it only decides who is told, never what is saved.
 */
export function undoOfValues(values: EditFormValues): { undoId: number; undoAfterId: number | null } | null {
  // Revision ids are PostgreSQL integers: a larger number names no revision.
  const id = (value: string | undefined) => (value !== undefined && /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_DATABASE_INTEGER ? Number(value) : null);
  const undoId = id(values.undo);
  if (undoId === null) return null;
  const undoAfterId = id(values.undoAfter);
  if (undoAfterId === null && values.undoAfter !== undefined && values.undoAfter !== '') return null;
  return { undoId, undoAfterId };
}

export interface EditFormState {
  values: EditFormValues;
  fieldErrors?: Record<string, string>;
  formError?: string;
  previewHtml?: string;
  /** "Templates used in this preview": what the previewed text transcluded. */
  previewTemplates?: TemplateUsage[];
  /**
   * Editing a template: "Preview a page with this template" (MediaWiki's TemplateSandbox), the
   * page's current text rendered with the template's edited text. `page` is the title as typed.
   */
  sandbox?: { page: string; html?: string; templates?: TemplateUsage[] };
  /** Set when the save overlapped another edit: `values.content` is then the current text. */
  conflict?: { yourText: string; diff: DiffLine[] };
  /** "Show changes": the base revision's text (or section's) against the text being edited. */
  changes?: DiffResult;
  /** The Save was held back once: the summary is empty on a large change (lib/domain/edit-size.ts). */
  summaryReminder?: boolean;
}

/** The edit form's field naming the page to preview with the edited template. */
export const TEMPLATE_SANDBOX_FIELD = 'templateSandboxPage';
