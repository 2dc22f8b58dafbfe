'use server';

import type { RevertState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { thankSchema, thanksHref } from '@/lib/domain/thanks';
import { thankForRevision } from '@/lib/server/thanks';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/**
 * Special:Thanks' one button. Redirects back to the page, which then says the thanks were sent:
 * reloading it sends nothing twice. A refusal (already thanked, throttled, blocked) is the form's message.
 */
export async function submitThanks(_previous: RevertState, formData: FormData): Promise<RevertState> {
  return runFormAction({
    values: {},
    input: formValues(formData, ['revisionId'] as const),
    schema: thankSchema,
    refused: 'first-problem',
    async run({ revisionId }) {
      await thankForRevision(await getActor(), revisionId);
      return { redirectTo: thanksHref(revisionId) };
    },
  });
}
