'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { tryParseTitle } from '@/lib/domain/titles';
import { errorTexts } from '@/lib/i18n/error-text';
import { movePage } from '@/lib/server/move-page';
import { getActor } from '@/lib/server/session';

export interface MoveFormValues {
  from: string;
  to: string;
  reason: string;
  leaveRedirect: boolean;
  moveTalk: boolean;
  /** The latest revision when the form was shown: the move is refused if the page changed meanwhile. */
  baseRevisionId: string;
}

export interface MoveFormState {
  values: MoveFormValues;
  formError?: string;
}

/** The move form's reason field allows as much (MovePageForm's maxLength). */
const MAX_REASON_LENGTH = 400;

/** Special:MovePage's action. Every error comes back to the form with the input kept. */
export async function submitMove(_previous: MoveFormState, formData: FormData): Promise<MoveFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values: MoveFormValues = {
    from: text('from'),
    to: text('to'),
    reason: text('reason'),
    leaveRedirect: formData.get('leaveRedirect') !== null,
    moveTalk: formData.get('moveTalk') !== null,
    baseRevisionId: text('baseRevisionId'),
  };
  const errors = errorTexts(await getLocale());
  const from = tryParseTitle(values.from);
  if (!from.ok) return { values, formError: errors.t('move.invalidCurrent', { reason: from.message }) };
  if (values.to.trim() === '') return { values, formError: errors.t('move.newTitleRequired') };
  const to = tryParseTitle(values.to);
  if (!to.ok) return { values, formError: errors.t('move.invalidNew', { reason: to.message }) };
  if (values.reason.length > MAX_REASON_LENGTH) return { values, formError: errors.t('move.reasonTooLong', { max: MAX_REASON_LENGTH }) };
  const base = Number(values.baseRevisionId);
  let result;
  try {
    result = await movePage(await getActor(), {
      from: from.title,
      to: to.title,
      reason: values.reason,
      leaveRedirect: values.leaveRedirect,
      moveTalk: values.moveTalk,
      expectedLatestRevisionId: Number.isSafeInteger(base) && base > 0 ? base : null,
    });
  } catch (error) {
    return { values, formError: errors.failure(error).formError };
  }
  const params = new URLSearchParams({ from: result.page.from, to: result.page.to });
  if (result.talk) params.set('talk', '1');
  if (result.talkWarning) params.set('talkwarning', '1');
  redirect(`/wiki/Special:MovePage?${params.toString()}`);
}
