'use server';

import { deletePageSchema, undeletePageSchema } from '@/lib/domain/deletion';
import { DELETE_FIELDS, UNDELETE_FIELDS, type DeleteFormState, type UndeleteFormState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { titleToUrlPath } from '@/lib/domain/titles';
import { deletePage, undeletePage } from '@/lib/server/deletion';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** action=delete's Server Action. Every error comes back to the form with the input kept. */
export async function submitDelete(_previous: DeleteFormState, formData: FormData): Promise<DeleteFormState> {
  return runFormAction({
    values: formValues(formData, DELETE_FIELDS),
    schema: deletePageSchema,
    async run(deletion) {
      await deletePage(await getActor(), deletion);
      // MediaWiki's "Action complete": the deletion log of the page, with the entry just written.
      return { redirectTo: `/wiki/Special:Log?type=delete&page=${encodeURIComponent(deletion.title.prefixedDbKey)}` };
    },
  });
}

/** Special:Undelete's Server Action. */
export async function submitUndelete(_previous: UndeleteFormState, formData: FormData): Promise<UndeleteFormState> {
  return runFormAction({
    values: formValues(formData, UNDELETE_FIELDS),
    schema: undeletePageSchema,
    async run(undeletion) {
      await undeletePage(await getActor(), undeletion);
      return { redirectTo: `${titleToUrlPath(undeletion.title)}?action=history` };
    },
  });
}
