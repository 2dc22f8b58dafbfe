'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { formFailure } from '@/lib/domain/form-state';
import { issueText } from '@/lib/domain/error-messages';
import { watchFormSchema } from '@/lib/domain/watchlist';
import type { WatchStarState } from '@/lib/domain/watch-star';
import { titleToUrlPath } from '@/lib/domain/titles';
import { errorTexts } from '@/lib/i18n/error-text';
import { getActor } from '@/lib/server/session';
import { markAllSeen, unwatchPage, watchPage } from '@/lib/server/watchlist';
import { WATCHLIST_PATH } from '@/lib/server/screens/watchlist';

/**
 * The watch star and ?action=watch / ?action=unwatch. With JavaScript the star shows the new state
 * at once (and the answer confirms it); without, the form posts and the page comes back with it.
 * `returnTo: page` sends a no-JavaScript ?action=watch form back to the page, as MediaWiki does.
 */
export async function submitWatch(previous: WatchStarState, formData: FormData): Promise<WatchStarState> {
  const parsed = watchFormSchema.safeParse({ title: formData.get('title'), watch: formData.get('watch'), expiry: formData.get('expiry') });
  const errors = errorTexts(await getLocale());
  if (!parsed.success) return { ...previous, error: errors.text(issueText(parsed.error.issues[0]!)) };
  let next: WatchStarState;
  try {
    const actor = await getActor();
    const { title, watch, expiry } = parsed.data;
    const state = watch ? await watchPage(actor, title, expiry) : await unwatchPage(actor, title);
    next = { watched: state.watched, expiresAt: state.expiresAt?.toISOString() ?? null, error: null, changed: watch ? 'watched' : 'unwatched', expiry };
  } catch (error) {
    return { ...previous, error: formFailure(error, errors.text).formError };
  }
  if (formData.get('returnTo') === 'page') redirect(titleToUrlPath(parsed.data.title));
  return next;
}

/** Special:Watchlist's "Mark all pages as seen". */
export async function submitMarkAllSeen(): Promise<void> {
  await markAllSeen(await getActor());
  redirect(WATCHLIST_PATH);
}
