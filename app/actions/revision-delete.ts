'use server';

import { revisionVisibilitySchema } from '@/lib/domain/deletion';
import { REVISION_DELETE_FIELDS, type RevisionDeleteFormState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';
import { setRevisionVisibility } from '@/lib/server/revision-visibility';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** Special:RevisionDelete's Server Action: hides or shows a revision's text, summary and author. */
export async function submitRevisionVisibility(_previous: RevisionDeleteFormState, formData: FormData): Promise<RevisionDeleteFormState> {
  return runFormAction({
    values: formValues(formData, REVISION_DELETE_FIELDS),
    schema: revisionVisibilitySchema,
    async run(change, { values }) {
      await setRevisionVisibility(await getActor(), change);
      const target = tryParseTitle(values.target);
      return { redirectTo: target.ok ? `${titleToUrlPath(target.title)}?action=history` : '/wiki/Special:Log?type=delete' };
    },
  });
}
