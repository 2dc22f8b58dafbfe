/**
 * The ids the renderer gives headings (lib/domain/markdown.ts), in a module of its own so that
 * what only needs an id (an edit summary's section link, lib/domain/autocomment.ts) does not load
 * the whole Markdown pipeline.
 *
 * Ids come from github-slugger, but an id must never start with "_" or a symbol: an element's id
 * becomes a global variable in browsers (named access on window), and a heading "__next_f" would
 * replace the array Next.js streams the page through, breaking the page for every reader.
 * Such slugs get an "h-" prefix.
 */
import { slug } from 'github-slugger';

const STARTS_WITH_LETTER_OR_DIGIT = /^[\p{L}\p{N}]/u;

export function safeSlug(text: string): string {
  const base = slug(text);
  return STARTS_WITH_LETTER_OR_DIGIT.test(base) ? base : `h-${base}`;
}

/** The id of the first heading whose text is `text`, as the renderer assigns it. */
export function headingAnchor(text: string): string {
  return safeSlug(text.replace(/\s+/gu, ' ').trim());
}
