'use server';

import { redirect } from 'next/navigation';
import { toPublicError } from '@/lib/domain/errors';
import {
  describeSettings,
  protectFormSchema,
  type ProtectFormState,
  type ProtectFormValues,
} from '@/lib/domain/protection';
import { titleToUrlPath } from '@/lib/domain/titles';
import { fieldErrorsOf } from '@/lib/domain/schemas';
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

  const parsed = protectFormSchema.safeParse(values);
  if (!parsed.success) {
    return { values, fieldErrors: fieldErrorsOf(parsed.error), formError: 'The protection was not changed: please correct the fields marked below.' };
  }
  try {
    await protectPage(await getActor(), parsed.data);
  } catch (error) {
    const publicError = toPublicError(error);
    if (publicError.code === 'INTERNAL') console.error(error);
    if (publicError.code !== 'EDIT_CONFLICT') return { values, formError: publicError.message, fieldErrors: publicError.fieldErrors };
    // Show what the settings are now and accept the next submission on top of them.
    const now = await protectionFormState(parsed.data.title);
    return {
      values: { ...values, baseToken: now?.token ?? values.baseToken },
      formError: publicError.message,
      currentSettings: now ? describeSettings(now.protection) : undefined,
    };
  }
  redirect(`${titleToUrlPath(parsed.data.title)}?postedit=protected`);
}
