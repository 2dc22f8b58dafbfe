'use server';

import { redirect } from 'next/navigation';
import { tryParseTitle } from '@/lib/domain/titles';
import { toPublicError } from '@/lib/domain/errors';
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
  const from = tryParseTitle(values.from);
  if (!from.ok) return { values, formError: `Invalid current title: ${from.reason}.` };
  if (values.to.trim() === '') return { values, formError: 'Please enter the new title.' };
  const to = tryParseTitle(values.to);
  if (!to.ok) return { values, formError: `Invalid new title: ${to.reason}.` };
  if (values.reason.length > 400) return { values, formError: 'The reason is too long (at most 400 characters).' };
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
    const publicError = toPublicError(error);
    if (publicError.code === 'INTERNAL') console.error(error);
    return { values, formError: publicError.message };
  }
  const params = new URLSearchParams({ from: result.page.from, to: result.page.to });
  if (result.talk) params.set('talk', '1');
  if (result.talkWarning) params.set('talkwarning', '1');
  redirect(`/wiki/Special:MovePage?${params.toString()}`);
}
