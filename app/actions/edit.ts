'use server';

import { headers } from 'next/headers';
import type { EditFormState, EditFormValues } from '@/lib/domain/edit-form';
import { formFlag, formValues } from '@/lib/domain/form-state';
import { editPageSchema, MAX_CONTENT_BYTES } from '@/lib/domain/schemas';
import { diffLinesForDisplay } from '@/lib/domain/text-diff';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { renderWithTimeLimit } from '@/lib/server/render';
import { resolveRedLinks } from '@/lib/server/links';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { editPage } from '@/lib/server/edit-page';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { runFormAction } from '@/app/actions/form-action';

/**
 * The edit form's one action (preview or save). Every path that does not save returns the
 * editor's own values, so nothing typed is ever lost.
 */
export async function submitEdit(_previous: EditFormState, formData: FormData): Promise<EditFormState> {
  const values: EditFormValues = {
    ...formValues(formData, ['title', 'content', 'summary', 'baseRevisionId'] as const),
    minor: formFlag(formData, 'minor'),
  };
  return runFormAction({
    values,
    schema: editPageSchema,
    refused: 'form.pageNotSaved',
    async run(edit, { errors }) {
      if (formData.get('intent') === 'preview') {
        return { values, previewHtml: await withFileEmbeds(await resolveRedLinks((await renderWithTimeLimit(edit.content)).html)) };
      }
      const title = parseTitle(edit.title);
      const outcome = await editPage(await getActor(), { ...edit, title }, clientIpFromHeaders(await headers()));
      if (outcome.status === 'conflict') {
        return {
          values: { ...values, content: outcome.currentText, baseRevisionId: outcome.currentRevisionId?.toString() ?? '' },
          conflict: { yourText: outcome.yourText, diff: diffLinesForDisplay(outcome.currentText, outcome.yourText) },
          formError: errors.t('edit.conflict'),
        };
      }
      return { redirectTo: outcome.status === 'merged' ? `${titleToUrlPath(title)}?postedit=merged` : titleToUrlPath(title) };
    },
  });
}

/** Live preview: exactly the renderer used for viewing. */
export async function previewMarkdown(content: string): Promise<string> {
  if (typeof content !== 'string' || new TextEncoder().encode(content).length > MAX_CONTENT_BYTES) return '';
  // Previews resolve red links and file embeds against the wiki as it is now, like a saved page's view.
  return withFileEmbeds(await resolveRedLinks((await renderWithTimeLimit(content)).html));
}
