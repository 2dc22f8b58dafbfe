import 'server-only';
import { getEditableSource } from '@/lib/server/pages';
import { resolveRedLinks } from '@/lib/server/links';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { describeTemplates } from '@/lib/server/template-lists';
import { renderPageText, type TemplateCache } from '@/lib/server/templates/render-page';
import type { TemplateUsage } from '@/lib/domain/template-usage';
import { tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

export type SandboxPreview =
  | { ok: true; page: ParsedTitle; html: string; templates: TemplateUsage[] }
  | { ok: false; problem: 'noPage' }
  | { ok: false; problem: 'badTitle'; reason: string }
  | { ok: false; problem: 'missing'; page: ParsedTitle };

/**
 * "Preview a page with this template" (MediaWiki's TemplateSandbox): the page's current text
 * rendered as a reader would see it, except that the template being edited is read as the text in
 * the edit form. The renderer's template cache is the hook: it starts with that one template
 * already "loaded", so nothing is written and every other template is read as it is now.
 */
export async function previewPageWithTemplate(template: ParsedTitle, templateText: string, pageTitle: string): Promise<SandboxPreview> {
  if (pageTitle.trim() === '') return { ok: false, problem: 'noPage' };
  const parsed = tryParseTitle(pageTitle);
  if (!parsed.ok) return { ok: false, problem: 'badTitle', reason: parsed.reason };
  const page = parsed.title;
  const source = await getEditableSource(page);
  if (!source) return { ok: false, problem: 'missing', page };
  const cache: TemplateCache = new Map([[`${template.namespace}:${template.dbKey}`, Promise.resolve({ text: templateText, redirectedTo: null })]]);
  const rendering = await renderPageText(page, source.text, { cache });
  const [html, templates] = await Promise.all([resolveRedLinks(rendering.html).then((linked) => withFileEmbeds(linked)), describeTemplates(rendering.templates)]);
  return { ok: true, page, html, templates };
}
