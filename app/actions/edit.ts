'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { editPageSchema } from '@/lib/domain/schemas';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { renderWithTimeLimit } from '@/lib/server/render';
import { resolveRedLinks } from '@/lib/server/links';
import { diffLinesForDisplay } from '@/lib/domain/text-diff';
import { errorTexts } from '@/lib/i18n/error-text';
import type { EditFormState, EditFormValues } from '@/lib/domain/edit-form';
import { editPage } from '@/lib/server/edit-page';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { MAX_CONTENT_BYTES } from '@/lib/domain/schemas';

function valuesFrom(formData: FormData): EditFormValues {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    title: text('title'),
    content: text('content'),
    summary: text('summary'),
    minor: formData.get('minor') !== null,
    baseRevisionId: text('baseRevisionId'),
  };
}

/**
 * The edit form's one action (preview or save). Every path that does not save returns the
 * editor's own values, so nothing typed is ever lost.
 */
export async function submitEdit(_previous: EditFormState, formData: FormData): Promise<EditFormState> {
  const values = valuesFrom(formData);
  const errors = errorTexts(await getLocale());
  const parsed = editPageSchema.safeParse(values);
  if (!parsed.success) {
    return { values, fieldErrors: errors.fieldErrors(parsed.error), formError: errors.t('form.pageNotSaved') };
  }
  if (formData.get('intent') === 'preview') {
    return { values, previewHtml: await resolveRedLinks((await renderWithTimeLimit(parsed.data.content)).html) };
  }

  const title = parseTitle(parsed.data.title);
  let outcome;
  try {
    outcome = await editPage(await getActor(), { ...parsed.data, title }, clientIpFromHeaders(await headers()));
  } catch (error) {
    const { formError, fieldErrors } = errors.failure(error);
    return { values, formError, fieldErrors };
  }
  if (outcome.status === 'conflict') {
    return {
      values: { ...values, content: outcome.currentText, baseRevisionId: outcome.currentRevisionId?.toString() ?? '' },
      conflict: { yourText: outcome.yourText, diff: diffLinesForDisplay(outcome.currentText, outcome.yourText) },
      formError: errors.t('edit.conflict'),
    };
  }
  redirect(outcome.status === 'merged' ? `${titleToUrlPath(title)}?postedit=merged` : titleToUrlPath(title));
}

/** Live preview: exactly the renderer used for viewing. */
export async function previewMarkdown(content: string): Promise<string> {
  if (typeof content !== 'string' || new TextEncoder().encode(content).length > MAX_CONTENT_BYTES) return '';
  // Previews resolve red links against the wiki as it is now, like a saved page's view.
  return resolveRedLinks((await renderWithTimeLimit(content)).html);
}
