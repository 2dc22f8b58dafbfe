'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { FormAction } from '@/lib/domain/form-state';
import { FormError } from '@/components/AdminFormParts';
import type { FeedTokenState } from '@/components/watchlist/preferences-form-state';

/**
 * The private watchlist feed's address (MediaWiki's watchlist token): one button that makes a new
 * address, replacing the old one. Only the token's hash is stored, so the address can be shown
 * just once, right after it is made.
 */
export function FeedTokenForm({ hasToken, action }: { hasToken: boolean; action: FormAction<FeedTokenState> }) {
  const t = useTranslations('watchlist.preferences');
  const [state, formAction, pending] = useActionState(action, { values: {} });
  const { feedUrl } = state;
  return (
    <form action={formAction} className="admin-form feed-token-form">
      <p>{t('feedIntro')}</p>
      <FormError message={state.formError} />
      {feedUrl ? (
        <div role="status">
          <p>
            <label htmlFor="feed-url">{t('feedAddress')}</label>
            <input id="feed-url" type="text" readOnly value={feedUrl} size={80} onFocus={(event) => event.currentTarget.select()} aria-describedby="feed-url-hint" />
            <span id="feed-url-hint" className="field-hint">
              {t('feedShownOnce')}
            </span>
          </p>
        </div>
      ) : (
        <p>{hasToken ? t('feedExists') : t('feedNone')}</p>
      )}
      <p className="notice">{t('feedWarning')}</p>
      <p>
        <button type="submit" disabled={pending}>
          {hasToken || feedUrl ? t('feedReset') : t('feedCreate')}
        </button>
      </p>
    </form>
  );
}
