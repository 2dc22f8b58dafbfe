'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { tryParseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { errorTexts } from '@/lib/i18n/error-text';
import { addTopic } from '@/lib/server/add-topic';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { MAX_CONTENT_BYTES } from '@/lib/domain/schemas';

export interface NewTopicFormState {
  values: { title: string; subject: string; content: string };
  formError?: string;
}

/** A section heading is one line of a title's length. */
const MAX_SUBJECT_LENGTH = 255;

/** Add topic (?action=edit&section=new): appends the section under the save lock, never conflicts. */
export async function submitNewTopic(_previous: NewTopicFormState, formData: FormData): Promise<NewTopicFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values = { title: text('title'), subject: text('subject'), content: text('content') };
  const errors = errorTexts(await getLocale());
  const parsed = tryParseTitle(values.title);
  if (!parsed.ok) return { values, formError: errors.text(parsed.message) };
  if (values.subject.length > MAX_SUBJECT_LENGTH) return { values, formError: errors.t('talk.subjectTooLong', { max: MAX_SUBJECT_LENGTH }) };
  if (new TextEncoder().encode(values.content).length > MAX_CONTENT_BYTES) return { values, formError: errors.t('talk.messageTooLong') };
  try {
    await addTopic(await getActor(), { title: parsed.title, subject: values.subject.replace(/[\r\n]+/g, ' '), content: values.content }, clientIpFromHeaders(await headers()));
  } catch (error) {
    return { values, formError: errors.failure(error).formError };
  }
  redirect(titleToUrlPath(parsed.title));
}
