'use server';

import type { MoveFormState, MoveFormValues } from '@/lib/domain/form-fields';
import { formFlag, formValues } from '@/lib/domain/form-state';
import { movePageFormSchema } from '@/lib/domain/schemas';
import { movePage } from '@/lib/server/move-page';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** Special:MovePage's action. Every error comes back to the form with the input kept. */
export async function submitMove(_previous: MoveFormState, formData: FormData): Promise<MoveFormState> {
  const values: MoveFormValues = {
    ...formValues(formData, ['from', 'to', 'reason', 'baseRevisionId'] as const),
    leaveRedirect: formFlag(formData, 'leaveRedirect'),
    moveTalk: formFlag(formData, 'moveTalk'),
  };
  return runFormAction({
    values,
    schema: movePageFormSchema,
    refused: 'first-problem',
    async run(move) {
      const result = await movePage(await getActor(), move);
      const params = new URLSearchParams({ from: result.page.from, to: result.page.to });
      if (result.talk) params.set('talk', '1');
      if (result.talkWarning) params.set('talkwarning', '1');
      return { redirectTo: `/wiki/Special:MovePage?${params.toString()}` };
    },
  });
}
