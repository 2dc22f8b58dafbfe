/**
 * The renderer (lib/domain/markdown.ts) writes its notes heading and the notes' back links in
 * English into the stored HTML, which every language shares; readers get them in theirs. Only the
 * renderer writes these: a heading "References" written by an author gets another id, and raw
 * HTML never reaches the output.
 */
import { escapeHtml } from '@/lib/domain/html.mjs';

const FOOTNOTE_HEADING = '<h2 id="footnote-label">References</h2>';
const FOOTNOTE_BACK_LABEL = /aria-label="Back to reference (\d+(?:-\d+)?)"/gu;

export interface FootnoteLabels {
  heading: string;
  backTo: (reference: string) => string;
}

/** Rendered HTML with the notes heading and back links in the reader's language. */
export function localizeFootnotes(html: string, labels: FootnoteLabels): string {
  if (!html.includes(FOOTNOTE_HEADING)) return html;
  return html
    .replace(FOOTNOTE_HEADING, `<h2 id="footnote-label">${escapeHtml(labels.heading)}</h2>`)
    .replace(FOOTNOTE_BACK_LABEL, (_match, reference: string) => `aria-label="${escapeHtml(labels.backTo(reference))}"`);
}
