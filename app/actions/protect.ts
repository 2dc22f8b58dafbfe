'use server';

import { PROTECT_FIELDS } from '@/lib/domain/form-fields';
import { formFailure, formValues } from '@/lib/domain/form-state';
import { protectFormSchema, type ProtectFormState } from '@/lib/domain/protection';
import { titleToUrlPath } from '@/lib/domain/titles';
import { protectionSettingLines } from '@/lib/i18n/protection-settings';
import { protectionFormState, protectPage } from '@/lib/server/protection';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** action=protect's Server Action. Every error comes back to the form with the input kept. */
export async function submitProtection(_previous: ProtectFormState, formData: FormData): Promise<ProtectFormState> {
  return runFormAction({
    values: formValues(formData, PROTECT_FIELDS),
    schema: protectFormSchema,
    refused: 'form.protectionNotChanged',
    async run(protection, { values, errors }) {
      try {
        await protectPage(await getActor(), protection);
      } catch (error) {
        const { code, formError } = formFailure(error, errors.text);
        if (code !== 'EDIT_CONFLICT') throw error;
        // Show what the settings are now and accept the next submission on top of them.
        const now = await protectionFormState(protection.title);
        return {
          values: { ...values, baseToken: now?.token ?? values.baseToken },
          formError,
          currentSettings: now ? await protectionSettingLines(now.protection) : undefined,
        };
      }
      return { redirectTo: `${titleToUrlPath(protection.title)}?postedit=protected` };
    },
  });
}
