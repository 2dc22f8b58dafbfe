/**
 * MediaWiki's autocomments: an edit summary that starts with "/* Section title *\/" (what a section
 * edit's summary is prefilled with, lib/domain/sections.ts) is shown in histories, diffs and change
 * lists as a link "→Section title" to the section, then the rest of the summary.
 *
 * Pure: no I/O, and light (no Markdown pipeline), as every list of changes uses it.
 */
import { headingAnchor } from '@/lib/domain/heading-anchor';

const AUTOCOMMENT = /^\/\*\s*(.*?)\s*\*\/\s?(.*)$/su;

/** The summary a section edit starts with: MediaWiki's autocomment "/* Title *\/ " ('' for an untitled section). */
export function sectionSummary(title: string): string {
  return title === '' ? '' : `/* ${title.replaceAll('*/', '* /')} */ `;
}

export interface Autocomment {
  /** The section's title, as written between "/*" and "*\/". */
  section: string;
  /** The heading id the section's link points at (the renderer's slug of the title). */
  anchor: string;
  /** The rest of the summary, after the autocomment. */
  rest: string;
}

/** A summary that starts with "/* Section *\/", split as MediaWiki shows it ("→Section: rest"); null for any other. */
export function parseAutocomment(summary: string): Autocomment | null {
  const match = AUTOCOMMENT.exec(summary);
  if (!match) return null;
  const section = match[1]!;
  if (section === '') return null;
  return { section, anchor: headingAnchor(section), rest: match[2]!.trim() };
}
