'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { protectionSettingLines } from '@/lib/i18n/protection-settings';
import { errorTexts } from '@/lib/i18n/error-text';
import {
  protectFormSchema,
  type ProtectFormState,
  type ProtectFormValues,
} from '@/lib/domain/protection';
import { titleToUrlPath } from '@/lib/domain/titles';
import { protectionFormState, protectPage } from '@/lib/server/protection';
import { getActor } from '@/lib/server/session';

const FIELDS = ['title', 'editLevel', 'moveLevel', 'editExpiry', 'editExpiryOther', 'moveExpiry', 'moveExpiryOther', 'reason', 'baseToken'] as const;

/** action=protect's Server Action. Every error comes back to the form with the input kept. */
export async function submitProtection(_previous: ProtectFormState, formData: FormData): Promise<ProtectFormState> {
  const values = Object.fromEntries(
    FIELDS.map((name) => {
      const value = formData.get(name);
      return [name, typeof value === 'string' ? value : ''];
    }),
  ) as unknown as ProtectFormValues;

  const errors = errorTexts(await getLocale());
  const parsed = protectFormSchema.safeParse(values);
  if (!parsed.success) {
    return { values, fieldErrors: errors.fieldErrors(parsed.error), formError: errors.t('form.protectionNotChanged') };
  }
  try {
    await protectPage(await getActor(), parsed.data);
  } catch (error) {
    const { code, formError, fieldErrors } = errors.failure(error);
    if (code !== 'EDIT_CONFLICT') return { values, formError, fieldErrors };
    // Show what the settings are now and accept the next submission on top of them.
    const now = await protectionFormState(parsed.data.title);
    return {
      values: { ...values, baseToken: now?.token ?? values.baseToken },
      formError,
      currentSettings: now ? await protectionSettingLines(now.protection) : undefined,
    };
  }
  redirect(`${titleToUrlPath(parsed.data.title)}?postedit=protected`);
}
