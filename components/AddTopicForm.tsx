'use client';

import { useActionState, useLayoutEffect, useRef } from 'react';
import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import { MAX_TOPIC_SUBJECT_CHARS, type NewTopicFormState } from '@/lib/domain/form-fields';
import { takeEarlyTyping } from '@/components/early-typing';

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
  const t = useTranslations('edit.addTopic');
  const [state, formAction, pending] = useActionState(action, { values: { title, subject: '', content: '' } });
  const message = useRef<HTMLTextAreaElement>(null);
  // A message typed before the scripts ran would be reset by hydration (components/early-typing.ts).
  useLayoutEffect(() => {
    const typedEarly = message.current ? takeEarlyTyping(message.current.id) : undefined;
    if (typedEarly !== undefined) message.current!.value = typedEarly;
  }, []);
  return (
    <form action={formAction} className="edit-form add-topic-form">
      <input type="hidden" name="title" value={state.values.title} />
      {state.formError && (
        <p className="notice notice-error" role="alert">
          {state.formError}
        </p>
      )}
      <p>
        <label htmlFor="topic-subject">{t('subject')}</label>
        <input id="topic-subject" name="subject" type="text" maxLength={MAX_TOPIC_SUBJECT_CHARS} defaultValue={state.values.subject} required />
      </p>
      <p>
        <label htmlFor="topic-content">{t('content')}</label>
        <textarea id="topic-content" ref={message} name="content" rows={12} defaultValue={state.values.content} />
      </p>
      <p className="hint">{t('signatureHint')}</p>
      <p className="edit-form-buttons">
        <button type="submit" disabled={pending}>
          {t('save')}
        </button>{' '}
        <Link href={cancelHref}>{t('cancel')}</Link>
      </p>
    </form>
  );
}
