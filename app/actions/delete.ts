'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { errorTexts } from '@/lib/i18n/error-text';
import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { titleToUrlPath } from '@/lib/domain/titles';
import { deletePage, undeletePage } from '@/lib/server/deletion';
import { getActor } from '@/lib/server/session';
import { failedAction, formValues, invalidInput, type AdminFormState } from '@/app/actions/admin-form';

const DELETE_FIELDS = ['title', 'reason', 'deleteTalk', 'latestRevisionId'] as const;
export type DeleteFormValues = Record<(typeof DELETE_FIELDS)[number], string>;
export type DeleteFormState = AdminFormState<DeleteFormValues>;

/** action=delete's Server Action. Every error comes back to the form with the input kept. */
export async function submitDelete(_previous: DeleteFormState, formData: FormData): Promise<DeleteFormState> {
  const values = formValues(formData, DELETE_FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = deletePageSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  try {
    await deletePage(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  // MediaWiki's "Action complete": the deletion log of the page, with the entry just written.
  redirect(`/wiki/Special:Log?type=delete&page=${encodeURIComponent(parsed.data.title.prefixedDbKey)}`);
}

const UNDELETE_FIELDS = ['title', 'reason', 'newestArchivedId'] as const;
export type UndeleteFormValues = Record<(typeof UNDELETE_FIELDS)[number], string>;
export type UndeleteFormState = AdminFormState<UndeleteFormValues>;

/** Special:Undelete's Server Action. */
export async function submitUndelete(_previous: UndeleteFormState, formData: FormData): Promise<UndeleteFormState> {
  const values = formValues(formData, UNDELETE_FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = undeletePageSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  try {
    await undeletePage(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  redirect(`${titleToUrlPath(parsed.data.title)}?action=history`);
}
