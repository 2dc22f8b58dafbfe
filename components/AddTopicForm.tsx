'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import type { NewTopicFormState } from '@/app/actions/talk';

/** The Add topic form: Subject and message; the signature (~~~~) is added when it is missing. */
export function AddTopicForm({
  title,
  cancelHref,
  action,
}: {
  title: string;
  cancelHref: string;
  action: (state: NewTopicFormState, formData: FormData) => Promise<NewTopicFormState>;
}) {
  const [state, formAction, pending] = useActionState(action, { values: { title, subject: '', content: '' } });
  return (
    <form action={formAction} className="edit-form add-topic-form">
      <input type="hidden" name="title" value={state.values.title} />
      {state.formError && (
        <p className="notice notice-error" role="alert">
          {state.formError}
        </p>
      )}
      <p>
        <label htmlFor="topic-subject">Subject</label>
        <input id="topic-subject" name="subject" type="text" maxLength={255} defaultValue={state.values.subject} required />
      </p>
      <p>
        <label htmlFor="topic-content">Content</label>
        <textarea id="topic-content" name="content" rows={12} defaultValue={state.values.content} />
      </p>
      <p className="hint">Your signature (~~~~) is added at the end unless you sign yourself.</p>
      <p className="edit-form-buttons">
        <button type="submit" disabled={pending}>
          Save
        </button>{' '}
        <Link href={cancelHref}>Cancel</Link>
      </p>
    </form>
  );
}
