'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { tryParseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { toPublicError } from '@/lib/domain/errors';
import { addTopic } from '@/lib/server/add-topic';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { MAX_CONTENT_BYTES } from '@/lib/domain/schemas';

export interface NewTopicFormState {
  values: { title: string; subject: string; content: string };
  formError?: string;
}

/** Add topic (?action=edit&section=new): appends the section under the save lock, never conflicts. */
export async function submitNewTopic(_previous: NewTopicFormState, formData: FormData): Promise<NewTopicFormState> {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values = { title: text('title'), subject: text('subject'), content: text('content') };
  const parsed = tryParseTitle(values.title);
  if (!parsed.ok) return { values, formError: parsed.reason };
  if (values.subject.length > 255) return { values, formError: 'The subject is too long (at most 255 characters).' };
  if (new TextEncoder().encode(values.content).length > MAX_CONTENT_BYTES) return { values, formError: 'The message is too long.' };
  try {
    await addTopic(await getActor(), { title: parsed.title, subject: values.subject.replace(/[\r\n]+/g, ' '), content: values.content }, clientIpFromHeaders(await headers()));
  } catch (error) {
    const publicError = toPublicError(error);
    if (publicError.code === 'INTERNAL') console.error(error);
    return { values, formError: publicError.message };
  }
  redirect(titleToUrlPath(parsed.title));
}
