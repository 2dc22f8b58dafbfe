'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import Link from '@/components/Link';
import { TitleListNotice } from '@/components/watchlist/EditWatchlistForm';
import type { FormAction, FormState } from '@/lib/domain/form-state';

/** The text as typed (or, once saved, the list as stored), and what the save added and removed. */
export interface RawWatchlistState extends FormState<{ titles: string }> {
  saved?: { added: string[]; removed: string[] };
}

/**
 * Special:EditWatchlist/raw: the whole watchlist as text, one title per line. A refused list keeps
 * the text as typed, with the message (which lines are wrong) under the text area.
 */
export function RawWatchlistForm({ text, action, normalHref }: { text: string; action: FormAction<RawWatchlistState>; normalHref: string }) {
  const t = useTranslations('watchlist.edit.raw');
  const [state, formAction, pending] = useActionState(action, { values: { titles: text } });
  const fieldError = state.fieldErrors?.titles;
  // The field's message already says what is wrong; the form-wide one is shown only when it adds something.
  const formError = state.formError !== fieldError ? state.formError : undefined;
  const { saved } = state;

  return (
    <>
      {saved && (
        <div role="status" className="notice">
          <p>{t('done')}</p>
          {saved.added.length === 0 && saved.removed.length === 0 && <p>{t('unchanged')}</p>}
        </div>
      )}
      {saved && saved.added.length > 0 && <TitleListNotice titles={saved.added} heading={t('added', { count: saved.added.length })} />}
      {saved && saved.removed.length > 0 && <TitleListNotice titles={saved.removed} heading={t('removed', { count: saved.removed.length })} />}
      <p>{t.rich('explain', { normal: (chunks) => <Link href={normalHref}>{chunks}</Link> })}</p>
      {/* key: a returned state remounts the text area, so that it shows the text handed back. */}
      <form action={formAction} className="edit-form raw-watchlist" key={JSON.stringify(state.values)}>
        {formError && (
          <p className="notice notice-error" role="alert">
            {formError}
          </p>
        )}
        <fieldset>
          <legend>{t('legend')}</legend>
          <p>
            <label htmlFor="wpTitles">{t('titles')}</label>
          </p>
          <textarea
            id="wpTitles"
            name="titles"
            rows={25}
            defaultValue={state.values.titles}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'wpTitles-error' : undefined}
          />
          {fieldError && (
            <p id="wpTitles-error" className="field-error" role="alert">
              {fieldError}
            </p>
          )}
        </fieldset>
        <p>
          <button type="submit" className="button-primary" disabled={pending}>
            {t('submit')}
          </button>
        </p>
      </form>
    </>
  );
}
