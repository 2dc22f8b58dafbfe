'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import { MAX_MOVE_REASON_CHARS, type MoveFormState, type MoveFormValues } from '@/lib/domain/form-fields';

/** Special:MovePage's form: new title, reason, "Leave a redirect behind", "Move associated talk page". */
export function MovePageForm({
  initial,
  hasTalkPage,
  action,
}: {
  initial: MoveFormValues;
  hasTalkPage: boolean;
  action: (state: MoveFormState, formData: FormData) => Promise<MoveFormState>;
}) {
  const t = useTranslations('admin');
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const values = state.values;
  // key: a returned state remounts the inputs so they show the values handed back.
  return (
    <form action={formAction} className="move-form" key={JSON.stringify(values)}>
      <input type="hidden" name="from" value={values.from} />
      <input type="hidden" name="baseRevisionId" value={values.baseRevisionId} />
      {state.formError && (
        <p className="notice notice-error" role="alert">
          {state.formError}
        </p>
      )}
      <p>
        <label htmlFor="move-to">{t('move.newTitle')}</label>
        <input id="move-to" name="to" type="text" defaultValue={values.to} required />
      </p>
      <p>
        <label htmlFor="move-reason">{t('form.reason')}</label>
        <input id="move-reason" name="reason" type="text" maxLength={MAX_MOVE_REASON_CHARS} defaultValue={values.reason} />
      </p>
      <p>
        <label>
          <input type="checkbox" name="leaveRedirect" defaultChecked={values.leaveRedirect} /> {t('move.leaveRedirect')}
        </label>
      </p>
      {hasTalkPage && (
        <p>
          <label>
            <input type="checkbox" name="moveTalk" defaultChecked={values.moveTalk} /> {t('move.moveTalk')}
          </label>
        </p>
      )}
      <p>
        <button type="submit" disabled={pending}>
          {t('move.submit')}
        </button>
      </p>
    </form>
  );
}
