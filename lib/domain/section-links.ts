/**
 * MediaWiki's "[edit]" links beside headings, added at view time to the stored rendering. The
 * renderer marks each top-level heading with its section number (data-section, the numbering of
 * lib/domain/sections.ts); whether a reader gets the links depends on whether they may edit, which
 * the stored HTML (shared by all readers) cannot know, so the view decides and calls this.
 *
 * The heading is wrapped as MediaWiki 1.43 does (<div class="mw-heading mw-heading2">), with the
 * link beside it rather than inside it, so the heading's accessible name stays its title.
 *
 * Pure: no I/O. The HTML is the renderer's own (sanitized), so a fixed pattern reads it.
 */
import { escapeHtml } from '@/lib/domain/html.mjs';

export interface SectionLinkTexts {
  /** The link's visible text ("edit"). */
  text: string;
  /** Its accessible name ("Edit section: History"), which must contain the visible text. */
  label: (title: string) => string;
}

// The renderer writes data-section first and the id after it (lib/domain/markdown.ts).
const SECTION_HEADING = /<h([1-6]) data-section="(\d+)"([^>]*)>([\s\S]*?)<\/h\1>/gu;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z]+);/gu, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** The heading's text as the table of contents shows it: footnote markers (<sup>) left out. */
export function headingTextOf(innerHtml: string): string {
  return decodeEntities(innerHtml.replace(/<sup>[\s\S]*?<\/sup>/gu, '').replace(/<[^>]*>/gu, ''))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** `html` with an "edit" link beside every numbered heading, pointing at `${path}?action=edit&section=N`. */
export function addSectionEditLinks(html: string, path: string, texts: SectionLinkTexts): string {
  return html.replace(SECTION_HEADING, (heading, level: string, section: string, _attributes: string, inner: string) => {
    const title = headingTextOf(inner);
    const href = escapeHtml(`${path}?action=edit&section=${section}`);
    const label = escapeHtml(texts.label(title === '' ? section : title));
    const link =
      `<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>` +
      `<a href="${href}" aria-label="${label}">${escapeHtml(texts.text)}</a>` +
      `<span class="mw-editsection-bracket">]</span></span>`;
    return `<div class="mw-heading mw-heading${level}">${heading}${link}</div>`;
  });
}
