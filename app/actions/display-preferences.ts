'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { errorMessage, issueText, zodIssue } from '@/lib/domain/error-messages';
import { formValues } from '@/lib/domain/form-state';
import { displayPreferencesFormSchema } from '@/lib/domain/display-preferences';
import { saveDisplayPreferences } from '@/lib/server/display-preferences';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';
import { DISPLAY_PREFERENCES_FORM_FIELDS, type DisplayPreferencesFormState } from '@/components/preferences/display-form-state';

/** As the watchlist section's: "Your preferences were not saved: <problem>" for the form, then each field's own problem. */
const displayFormInput = z.unknown().transform((input, ctx) => {
  const parsed = displayPreferencesFormSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  ctx.addIssue(zodIssue(errorMessage('preferences.invalid', { problem: first ? issueText(first) : '' })));
  for (const issue of parsed.error.issues) ctx.addIssue(zodIssue(issueText(issue), [...issue.path]));
  return z.NEVER;
});

/**
 * Special:Preferences' "Appearance and language" / "Date and time" sections: checked again here and
 * saved. The page is rendered again at once (revalidatePath), since the language, theme, zone and
 * date format of the whole frame change with them.
 */
export async function saveDisplayPreferencesAction(_previous: DisplayPreferencesFormState, formData: FormData): Promise<DisplayPreferencesFormState> {
  return runFormAction({
    values: formValues(formData, DISPLAY_PREFERENCES_FORM_FIELDS),
    schema: displayFormInput,
    refused: 'first-problem',
    async run(parsed, { values }) {
      await saveDisplayPreferences(await getActor(), parsed);
      revalidatePath('/', 'layout');
      return { values: { ...values, timeZone: parsed.timeZone }, saved: true };
    },
  });
}
