'use server';

import { headers } from 'next/headers';
import { NEW_TOPIC_FIELDS, type NewTopicFormState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { newTopicFormSchema } from '@/lib/domain/schemas';
import { titleToUrlPath } from '@/lib/domain/titles';
import { addTopic } from '@/lib/server/add-topic';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { runFormAction } from '@/app/actions/form-action';

/** Add topic (?action=edit&section=new): appends the section under the save lock, never conflicts. */
export async function submitNewTopic(_previous: NewTopicFormState, formData: FormData): Promise<NewTopicFormState> {
  return runFormAction({
    values: formValues(formData, NEW_TOPIC_FIELDS),
    schema: newTopicFormSchema,
    refused: 'first-problem',
    async run(topic) {
      await addTopic(await getActor(), topic, clientIpFromHeaders(await headers()));
      return { redirectTo: titleToUrlPath(topic.title) };
    },
  });
}
