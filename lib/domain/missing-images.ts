/**
 * Images without a usable address (the seed's Fandom export lacks the files). The renderer
 * (lib/domain/markdown.ts) stores each as an empty marker carrying the image's alt text as data;
 * "Image not available" is interface, not content, so it is put in here, at view time, in the
 * reader's language, and never reaches the stored text or the search index.
 */
import { escapeHtml } from '@/lib/domain/html.mjs';

export const MISSING_IMAGE_CLASS = { figure: 'wiki-figure-placeholder', inline: 'wiki-image-missing' } as const;

// Only the renderer writes these (raw HTML never reaches its output), so they can be matched exactly.
const MARKER = /<(div|span) class="(wiki-figure-placeholder|wiki-image-missing)" data-image-alt="([^"]*)"><\/\1>/gu;
// Renderings stored before RENDERER_VERSION 6 hold the English notice itself.
const STORED_ENGLISH = /<(div|span) class="(wiki-figure-placeholder|wiki-image-missing)" role="img" aria-label="([^"]*)">Image not available<\/\1>/gu;

/** Rendered HTML with each missing image shown as `notice` (its alt text, when it has one, names it). */
export function localizeMissingImages(html: string, notice: string): string {
  if (!html.includes(MISSING_IMAGE_CLASS.figure) && !html.includes(MISSING_IMAGE_CLASS.inline)) return html;
  const text = escapeHtml(notice);
  const shown = (tag: string, className: string, alt: string) =>
    `<${tag} class="${className}" role="img" aria-label="${alt.trim() === '' ? text : alt}" data-image-alt="${alt}">${text}</${tag}>`;
  return html
    .replace(MARKER, (_match, tag: string, className: string, alt: string) => shown(tag, className, alt))
    .replace(STORED_ENGLISH, (match, tag: string, className: string, label: string) =>
      label === 'Image not available' ? shown(tag, className, '') : shown(tag, className, label),
    );
}
