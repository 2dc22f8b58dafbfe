'use server';

import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { editFormValuesOf, TEMPLATE_SANDBOX_FIELD, undoOfValues, type EditFormState, type EditFormValues } from '@/lib/domain/edit-form';
import { editPageSchema, MAX_CONTENT_BYTES } from '@/lib/domain/schemas';
import { diffLinesForDisplay } from '@/lib/domain/text-diff';
import { makeParsedTitle, NS, parseTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { renderPageText } from '@/lib/server/templates/render-page';
import { resolveRedLinks } from '@/lib/server/links';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { editPage } from '@/lib/server/edit-page';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { runFormAction } from '@/app/actions/form-action';
import { splitSections } from '@/lib/domain/sections';
import { headingAnchor } from '@/lib/domain/heading-anchor';
import { editChanges, summaryReminderDue } from '@/lib/server/edit-changes';
import { IGNORE_BLANK_SUMMARY_FIELD } from '@/lib/domain/edit-size';
import { describeTemplates } from '@/lib/server/template-lists';
import { previewPageWithTemplate } from '@/lib/server/template-sandbox';

/**
 * The edit form's one action (preview, show changes or save). Every path that does not save returns the
 * editor's own values, so nothing typed is ever lost.
 */
export async function submitEdit(_previous: EditFormState, formData: FormData): Promise<EditFormState> {
  const values = editFormValuesOf(formData);
  return runFormAction({
    values,
    schema: editPageSchema,
    refused: 'form.pageNotSaved',
    async run(edit, { errors }) {
      if (formData.get('intent') === 'preview') {
        const rendering = await renderPageText(parseTitle(edit.title), edit.content);
        const [previewHtml, previewTemplates] = await Promise.all([
          resolveRedLinks(rendering.html).then((linked) => withFileEmbeds(linked)),
          describeTemplates(rendering.templates),
        ]);
        return { values, previewHtml, previewTemplates };
      }
      if (formData.get('intent') === 'preview-with-template') {
        return templateSandboxState(values, parseTitle(edit.title), edit.content, String(formData.get(TEMPLATE_SANDBOX_FIELD) ?? ''));
      }
      // "Show changes", and the reminder that holds back the first Save of a large change with no summary.
      const edited = { ...edit, title: parseTitle(edit.title) };
      if (formData.get('intent') === 'diff') return { values, changes: await editChanges(await getActor(), edited) };
      if (await summaryReminderDue(await getActor(), edited, formData.has(IGNORE_BLANK_SUMMARY_FIELD))) return { values, summaryReminder: true };
      const title = parseTitle(edit.title);
      const outcome = await editPage(await getActor(), { ...edit, title, undo: undoOfValues(values), bot: true }, clientIpFromHeaders(await headers()));
      if (outcome.status === 'conflict') {
        return {
          // A section edit in conflict goes on as an edit of the whole page (as on MediaWiki): the
          // section may have moved or changed, and the conflict texts are whole pages.
          values: { ...values, content: outcome.currentText, baseRevisionId: outcome.currentRevisionId?.toString() ?? '', section: '' },
          conflict: { yourText: outcome.yourText, diff: diffLinesForDisplay(outcome.currentText, outcome.yourText) },
          formError: errors.t('edit.conflict'),
        };
      }
      const path = outcome.status === 'merged' ? `${titleToUrlPath(title)}?postedit=merged` : titleToUrlPath(title);
      return { redirectTo: `${path}${sectionFragment(edit.content, edit.section)}` };
    },
  });
}

/** "Preview a page with this template": the named page rendered with the template's text as edited. */
async function templateSandboxState(values: EditFormValues, template: ParsedTitle, text: string, page: string): Promise<EditFormState> {
  const [result, t] = await Promise.all([previewPageWithTemplate(template, text, page), getTranslations('edit.sandbox')]);
  if (result.ok) return { values, sandbox: { page: result.page.prefixedText, html: result.html, templates: result.templates } };
  const message =
    result.problem === 'noPage'
      ? t('noPage')
      : result.problem === 'badTitle'
        ? t('badTitle', { title: page, reason: result.reason })
        : t('missing', { title: result.page.prefixedText });
  return { values, sandbox: { page }, fieldErrors: { [TEMPLATE_SANDBOX_FIELD]: message } };
}

/**
 * After a section edit, MediaWiki shows the page at the section: "#id" of the heading the section
 * (still) starts with. Only its first two lines are parsed (an ATX or a setext heading), so a long
 * section costs nothing more here: its rendering was time-limited by the save.
 */
function sectionFragment(content: string, section: number | null): string {
  if (section === null || section === 0) return '';
  const start = content.split(/\r\n?|\n/u, 2).join('\n');
  const title = start.length > 2000 ? '' : (splitSections(start)[1]?.title ?? '');
  return title === '' ? '' : `#${headingAnchor(title)}`;
}

/** Live preview: exactly the renderer used for viewing, templates expanded as on the page `title`. */
export async function previewMarkdown(content: string, title?: string): Promise<string> {
  if (typeof content !== 'string' || new TextEncoder().encode(content).length > MAX_CONTENT_BYTES) return '';
  // Previews resolve red links and file embeds against the wiki as it is now, like a saved page's view.
  return withFileEmbeds(await resolveRedLinks((await renderPageText(previewTitle(title), content)).html));
}

/** The page a live preview stands for ({{PAGENAME}}); a neutral one when the form sent none or a bad one. */
function previewTitle(title: unknown): ParsedTitle {
  try {
    if (typeof title === 'string' && title !== '') return parseTitle(title);
  } catch {
    // A title the form could not have sent: previewed as the neutral page.
  }
  return makeParsedTitle(NS.MAIN, 'Preview');
}
