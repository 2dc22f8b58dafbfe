/**
 * Sizes shown and checked by the edit form: the text's size in UTF-8 bytes (MediaWiki counts page
 * sizes in bytes, and so do history and recent changes here) and how much of it an edit changes,
 * for the reminder about an empty summary on a large change.
 *
 * Pure: no I/O.
 */

/** An empty summary on a change larger than this gets a reminder on the first Save (MediaWiki's "missing summary"). */
export const SUMMARY_REMINDER_BYTES = 500;

/** The hidden field that says the reminder was shown, so the next Save goes through (MediaWiki's name). */
export const IGNORE_BLANK_SUMMARY_FIELD = 'wpIgnoreBlankSummary';

/**
 * UTF-8 length of `text`, counted without encoding it (the counter runs on every keystroke of a
 * page that may be 500 KiB). A lone surrogate counts 3 bytes, as TextEncoder writes U+FFFD for it.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(index + 1))) {
      bytes += 4;
      index++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * How many bytes an edit changes: the common beginning and end are left out, and the larger of the
 * two differing middles counts. A rewrite of the same length counts, unlike the size difference.
 */
export function changedBytes(oldText: string, newText: string): number {
  const shorter = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  // Never split a surrogate pair: its two halves are one character.
  if (start > 0 && isHighSurrogate(oldText.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < shorter - start && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(oldText.charCodeAt(oldText.length - end))) end--;
  return Math.max(utf8Length(oldText.slice(start, oldText.length - end)), utf8Length(newText.slice(start, newText.length - end)));
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/**
 * Whether a summary says nothing: empty, or only the section's `/* Heading *\/` that section editing
 * fills in (MediaWiki counts an unchanged automatic summary as none, too).
 */
export function isBlankSummary(summary: string): boolean {
  return summary.replace(/^\s*\/\*.*?\*\/\s*$/, '').trim() === '';
}

export interface SummaryCheck {
  summary: string;
  oldText: string;
  newText: string;
  /** The reminder was shown already (IGNORE_BLANK_SUMMARY_FIELD came with the form). */
  reminded: boolean;
}

/** The first Save of a large change with no summary gets a reminder; the second goes through. */
export function needsSummaryReminder({ summary, oldText, newText, reminded }: SummaryCheck): boolean {
  return !reminded && isBlankSummary(summary) && changedBytes(oldText, newText) > SUMMARY_REMINDER_BYTES;
}
