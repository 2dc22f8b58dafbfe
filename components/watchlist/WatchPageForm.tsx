'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { WatchStarState } from '@/lib/domain/watch-star';
import { ExpirySelect } from '@/components/watchlist/ExpirySelect';
import type { WatchAction } from '@/components/watchlist/WatchStar';

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
          <ExpirySelect defaultValue={state.expiry ?? 'infinite'} />
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
