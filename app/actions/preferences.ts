'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { watchlistFeedHref } from '@/lib/domain/atom';
import { errorMessage, issueText, zodIssue } from '@/lib/domain/error-messages';
import { formValues } from '@/lib/domain/form-state';
import { siteOrigin } from '@/lib/domain/http-security';
import { notificationPreferencesFormSchema, watchlistPreferencesFormSchema } from '@/lib/domain/preferences';
import { saveNotificationPreferences, saveWatchlistPreferences } from '@/lib/server/preferences';
import { getActor } from '@/lib/server/session';
import { resetWatchlistFeedToken } from '@/lib/server/watchlist-feed';
import { runFormAction } from '@/app/actions/form-action';
import {
  NOTIFICATION_PREFERENCES_FORM_FIELDS,
  PREFERENCES_FORM_FIELDS,
  type FeedTokenState,
  type NotificationPreferencesFormState,
  type PreferencesFormState,
} from '@/components/watchlist/preferences-form-state';

/**
 * The watchlist section's schema, with the refusal worded for the form: first "Your preferences were
 * not saved: <problem>" (the form-wide message, with 'first-problem'), then each field's own problem
 * for the message beside it.
 */
const preferencesFormInput = z.unknown().transform((input, ctx) => {
  const parsed = watchlistPreferencesFormSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [first] = parsed.error.issues;
  ctx.addIssue(zodIssue(errorMessage('preferences.invalid', { problem: first ? issueText(first) : '' })));
  for (const issue of parsed.error.issues) ctx.addIssue(zodIssue(issueText(issue), [...issue.path]));
  return z.NEVER;
});

/** Special:Preferences' watchlist section: checked again here, saved, and shown with "Your preferences have been saved." */
export async function saveWatchlistPreferencesAction(_previous: PreferencesFormState, formData: FormData): Promise<PreferencesFormState> {
  return runFormAction({
    values: formValues(formData, PREFERENCES_FORM_FIELDS),
    schema: preferencesFormInput,
    refused: 'first-problem',
    async run(parsed, { values }) {
      await saveWatchlistPreferences(await getActor(), parsed);
      // What was submitted is what is now saved (the stored form leaves defaults out).
      return { values, saved: true };
    },
  });
}

/** "Create/Reset feed address": a new private watchlist feed token, its full address shown once. */
export async function resetFeedTokenAction(_previous: FeedTokenState, _formData: FormData): Promise<FeedTokenState> {
  return runFormAction({
    values: {},
    schema: z.object({}),
    async run(_input, { values }) {
      const token = await resetWatchlistFeedToken(await getActor());
      // An absolute address for feed readers; the path alone when the request names no usable host.
      const origin = siteOrigin(await headers(), process.env) ?? '';
      return { values, feedUrl: `${origin}${watchlistFeedHref(token)}` };
    },
  });
}

/** Special:Preferences' notifications section: which kinds to show on the web (only checkboxes, so only a crafted value is refused). */
export async function saveNotificationPreferencesAction(_previous: NotificationPreferencesFormState, formData: FormData): Promise<NotificationPreferencesFormState> {
  return runFormAction({
    values: formValues(formData, NOTIFICATION_PREFERENCES_FORM_FIELDS),
    schema: notificationPreferencesFormSchema,
    async run(parsed, { values }) {
      await saveNotificationPreferences(await getActor(), parsed);
      return { values, saved: true };
    },
  });
}
