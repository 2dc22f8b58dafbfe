'use client';

import { useActionState, useState } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { WatchStarState } from '@/lib/domain/watch-star';
import { watchDaysLeft } from '@/lib/domain/watchlist';
import { ExpirySelect } from '@/components/watchlist/ExpirySelect';

export type WatchAction = (state: WatchStarState, formData: FormData) => Promise<WatchStarState>;

/**
 * The watch star of the tab bar (MediaWiki's ☆ Watch / ★ Unwatch). A form with one button: it works
 * without JavaScript (the page comes back with the new state); with it, the star changes at once and
 * the answer confirms it. Right after watching, a menu offers how long to watch, as MediaWiki's
 * watchlist-expiry popup does.
 */
export function WatchStar({ title, initial, action }: { title: string; initial: WatchStarState; action: WatchAction }) {
  const t = useTranslations('watchlist.star');
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(action, initial);
  // Which form is being sent: the star's submission flips it, the length menu's does not.
  const [sending, setSending] = useState<'star' | 'expiry'>('star');
  // While the star's answer is on its way it already shows what was asked for; the answer then
  // confirms it, or brings the old state back with the reason.
  const shown: WatchStarState = pending && sending === 'star' ? { ...state, watched: !state.watched, expiresAt: null, error: null } : state;
  const daysLeft = shown.watched ? watchDaysLeft(shown.expiresAt === null ? null : new Date(shown.expiresAt)) : null;
  const label = shown.watched ? t('unwatch') : t('watch');
  const hint = shown.watched
    ? daysLeft === null
      ? t('unwatchHint')
      : t('temporaryHint', { days: daysLeft, until: format.dateTime(new Date(shown.expiresAt!), 'date') })
    : t('watchHint');

  return (
    <li className="watch-star">
      <form action={formAction} onSubmit={() => setSending('star')} className="inline-form">
        <input type="hidden" name="title" value={title} />
        <input type="hidden" name="watch" value={state.watched ? '0' : '1'} />
        <input type="hidden" name="expiry" value="infinite" />
        <button type="submit" className={`watch-star-button${daysLeft === null ? '' : ' temporary'}`} aria-pressed={shown.watched} title={hint} disabled={pending}>
          <span aria-hidden="true">{shown.watched ? (daysLeft === null ? '★' : '⯪') : '☆'}</span> {label}
        </button>
      </form>
      {state.changed === 'watched' && state.watched && !(pending && sending === 'star') && (
        <form action={formAction} onSubmit={() => setSending('expiry')} className="watch-expiry">
          <input type="hidden" name="title" value={title} />
          <input type="hidden" name="watch" value="1" />
          <ExpirySelect key={state.expiresAt ?? 'infinite'} defaultValue={state.expiry ?? 'infinite'} onChange={(event) => event.currentTarget.form?.requestSubmit()} />
        </form>
      )}
      <span role="status" className="watch-star-status">
        {state.error ?? (state.changed === 'watched' ? t('added', { title }) : state.changed === 'unwatched' ? t('removed', { title }) : '')}
      </span>
    </li>
  );
}
