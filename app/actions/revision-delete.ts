'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { errorTexts } from '@/lib/i18n/error-text';
import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { getActor } from '@/lib/server/session';
import { failedAction, formValues, invalidInput, type AdminFormState } from '@/app/actions/admin-form';

const FIELDS = ['target', 'revisionId', 'hideText', 'hideSummary', 'hideAuthor', 'reason', 'seenHidden', 'latestRevisionId'] as const;
export type RevisionDeleteFormValues = Record<(typeof FIELDS)[number], string>;
export type RevisionDeleteFormState = AdminFormState<RevisionDeleteFormValues>;

/** Special:RevisionDelete's Server Action: hides or shows a revision's text, summary and author. */
export async function submitRevisionVisibility(_previous: RevisionDeleteFormState, formData: FormData): Promise<RevisionDeleteFormState> {
  const values = formValues(formData, FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = revisionVisibilitySchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  try {
    await setRevisionVisibility(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  const target = tryParseTitle(values.target);
  redirect(target.ok ? `${titleToUrlPath(target.title)}?action=history` : '/wiki/Special:Log?type=delete');
}
