'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { errorTexts } from '@/lib/i18n/error-text';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { changeUserRole } from '@/lib/server/user-rights';
import { getActor } from '@/lib/server/session';
import { failedAction, formValues, invalidInput, type AdminFormState } from '@/app/actions/admin-form';

const FIELDS = ['target', 'role', 'reason'] as const;

export type UserRightsFormValues = Record<(typeof FIELDS)[number], string>;
export type UserRightsFormState = AdminFormState<UserRightsFormValues>;

/** Special:UserRights' action: change the group (checked again on the server), then show the result. */
export async function submitUserRights(_previous: UserRightsFormState, formData: FormData): Promise<UserRightsFormState> {
  const values = formValues(formData, FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = userRightsSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  let change;
  try {
    change = await changeUserRole(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  redirect(`/wiki/${encodeTitleForUrl(`Special:UserRights/${change.userName.replaceAll(' ', '_')}`)}?saved=1`);
}
