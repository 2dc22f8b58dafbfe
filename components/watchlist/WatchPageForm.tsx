'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { WatchStarState } from '@/lib/domain/watch-star';
import { WATCH_EXPIRY_CHOICES } from '@/lib/domain/watchlist';
import type { WatchAction } from '@/components/watchlist/WatchStar';

const EXPIRY_KEYS = { infinite: 'permanent', '1 week': 'week', '1 month': 'month', '3 months': 'threeMonths' } as const;

/**
 * ?action=watch and ?action=unwatch (MediaWiki's confirmation pages): the star's form without
 * JavaScript, with the choice of how long to watch. Success goes back to the page.
 */
export function WatchPageForm({ title, watch, initial, action }: { title: string; watch: boolean; initial: WatchStarState; action: WatchAction }) {
  const t = useTranslations('watchlist.star');
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="watch-page-form">
      <input type="hidden" name="title" value={title} />
      <input type="hidden" name="watch" value={watch ? '1' : '0'} />
      <input type="hidden" name="returnTo" value="page" />
      <p>{watch ? t('confirmWatch', { title }) : t('confirmUnwatch', { title })}</p>
      {watch && (
        <p>
          <label>
            {t('expiryLabel')}{' '}
            <select name="expiry" defaultValue={state.expiry ?? 'infinite'}>
              {WATCH_EXPIRY_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`expiry.${EXPIRY_KEYS[choice]}`)}
                </option>
              ))}
            </select>
          </label>
        </p>
      )}
      {state.error && (
        <p role="alert" className="notice notice-error">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending}>
        {watch ? t('watch') : t('unwatch')}
      </button>
    </form>
  );
}
