'use server';

import { USER_RIGHTS_FIELDS, type UserRightsFormState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { userRightsSchema } from '@/lib/domain/user-rights';
import { changeUserRole } from '@/lib/server/user-rights';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** Special:UserRights' action: change the group and bot flag (checked again on the server), then show the result. */
export async function submitUserRights(_previous: UserRightsFormState, formData: FormData): Promise<UserRightsFormState> {
  return runFormAction({
    values: formValues(formData, USER_RIGHTS_FIELDS),
    schema: userRightsSchema,
    async run(request) {
      const change = await changeUserRole(await getActor(), request);
      return { redirectTo: `/wiki/${encodeTitleForUrl(`Special:UserRights/${change.userName.replaceAll(' ', '_')}`)}?saved=1` };
    },
  });
}
