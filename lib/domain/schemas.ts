/**
 * One zod schema per kind of input, shared by the forms, the server actions and the REST API, so an
 * edit is accepted or refused for the same reasons, with the same words, wherever it comes from.
 * Form values arrive as strings (a checkbox is "on" or absent), API values as JSON: the schemas
 * accept both and output one typed shape.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { AppError } from '@/lib/domain/errors';
import {
  englishText,
  errorMessage,
  fieldTextsOf,
  issueText,
  optionalTextInput,
  textInput,
  zodIssue,
  zodRefinement,
  type ErrorMessage,
  type ErrorText,
} from '@/lib/domain/error-messages';
import { MAX_MOVE_REASON_CHARS, MAX_TOPIC_SUBJECT_CHARS } from '@/lib/domain/form-fields';
import { tryParseTitle } from '@/lib/domain/titles';

/** MediaWiki's $wgMaxArticleSize default (2048 KiB), measured in UTF-8 bytes as stored. */
export const MAX_CONTENT_BYTES = 2 * 1024 * 1024;
/** MediaWiki's CommentStore limit, in characters (code points). */
export const MAX_SUMMARY_CHARS = 500;

const utf8 = new TextEncoder();
const MIB = 1024 * 1024;

/** Size in UTF-8, the encoding the database stores. */
export function utf8ByteLength(text: string): number {
  return utf8.encode(text).length;
}

/** 2.3 (MiB) for a text over the limit; rounded up when rounding would make it read as the limit. */
function oversizeMiB(bytes: number): number {
  const tenths = (bytes / MIB) * 10;
  const shown = Math.round(tenths) * (MIB / 10) > MAX_CONTENT_BYTES ? Math.round(tenths) : Math.ceil(tenths);
  return shown / 10;
}

function codePointLength(text: string): number {
  return [...text].length;
}

const title = textInput(errorMessage('edit.titleRequired')).superRefine((value, ctx) => {
  const parsed = tryParseTitle(value);
  if (!parsed.ok) ctx.addIssue(zodIssue(parsed.message));
});

// Browsers submit a textarea's line breaks as CRLF (HTML spec), API clients usually send LF: store
// one form, as MediaWiki does, or every form edit would look like it changed every line.
const content = textInput(errorMessage('edit.contentRequired'))
  .transform((value) => (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value))
  .superRefine((value, ctx) => {
    // A UTF-16 unit is at most 3 UTF-8 bytes: most texts are settled without encoding them.
    if (value.length * 3 <= MAX_CONTENT_BYTES) return;
    const bytes = utf8ByteLength(value);
    if (bytes > MAX_CONTENT_BYTES) {
      ctx.addIssue(zodIssue(errorMessage('edit.contentTooLarge', { size: oversizeMiB(bytes), limit: MAX_CONTENT_BYTES / MIB })));
    }
  });

// A summary is one line in histories; a pasted line break would break the layout.
const summary = optionalTextInput(errorMessage('edit.summaryNotText'))
  .transform((value) => (value ?? '').replace(/[\r\n\t]+/g, ' ').trim())
  .superRefine((value, ctx) => {
    const length = codePointLength(value);
    if (length > MAX_SUMMARY_CHARS) {
      ctx.addIssue(zodIssue(errorMessage('edit.summaryTooLong', { max: MAX_SUMMARY_CHARS, length })));
    }
  });

const CHECKED = new Set(['on', 'true', '1', 'yes']);
const UNCHECKED = new Set(['', 'off', 'false', '0', 'no']);

/** A checkbox: "on" when ticked and absent when not (HTML forms), or a JSON boolean. */
const checkbox = (label: ErrorMessage) =>
  z
    .unknown()
    .transform((value, ctx): boolean => {
      if (value === true || value === false) return value;
      if (value === undefined || value === null) return false;
      if (typeof value === 'string') {
        const normalized = value.trim().toLowerCase();
        if (CHECKED.has(normalized)) return true;
        if (UNCHECKED.has(normalized)) return false;
      }
      ctx.addIssue(zodIssue(errorMessage('form.checkbox', { label })));
      return z.NEVER;
    })
    .default(false); // absent: the schema's default, as transforms make a field required

/** A revision id from a hidden form field ('' = none, when creating a page) or from JSON. */
const optionalRevisionId = z
  .unknown()
  .transform((value, ctx): number | null => {
    if (value === undefined || value === null || value === '') return null;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(number) && number > 0) return number;
    ctx.addIssue(zodIssue(errorMessage('edit.baseRevision')));
    return z.NEVER;
  })
  .default(null); // absent: creating the page

/**
 * The section an edit replaces (?action=edit&section=N, MediaWiki's numbering: lib/domain/sections.ts):
 * a whole number from 0, from a hidden form field or JSON; '' or absent means the whole page.
 */
export const sectionNumber = z
  .unknown()
  .transform((value, ctx): number | null => {
    if (value === undefined || value === null || value === '') return null;
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]{1,9}\s*$/.test(value) ? Number(value) : NaN;
    if (Number.isSafeInteger(number) && number >= 0) return number;
    ctx.addIssue(zodIssue(errorMessage('edit.section')));
    return z.NEVER;
  })
  .default(null);

/**
 * Saving a page. `title` is checked but returned as given (the caller parses it into a
 * ParsedTitle); `baseRevisionId` is the revision the editor started from, null when creating.
 */
export const editPageSchema = z.object({
  title,
  content,
  summary,
  minor: checkbox(errorMessage('edit.minorEditLabel')),
  baseRevisionId: optionalRevisionId,
  /** Only this section of the base revision's text is replaced (null: `content` is the whole page). */
  section: sectionNumber,
});

export type EditPageInput = z.output<typeof editPageSchema>;

// --- the web forms' own inputs (their values are always strings or booleans, never absent) ---

const formText = textInput(errorMessage('generic.inputNotValid'));

/**
 * A title typed into a form, parsed; a refused one says `refusal` around the rule it breaks, a blank
 * one `blank` when given.
 */
function parsedTitle(refusal: (reason: ErrorText) => ErrorText = (reason) => reason, blank?: ErrorMessage) {
  return formText.transform((value, ctx) => {
    if (blank && value.trim() === '') {
      ctx.addIssue(zodIssue(blank));
      return z.NEVER;
    }
    const parsed = tryParseTitle(value);
    if (parsed.ok) return parsed.title;
    ctx.addIssue(zodIssue(refusal(parsed.message)));
    return z.NEVER;
  });
}

/** A revision id from a hidden field that must name one (restore, rollback): `missing` when it does not. */
const requiredRevisionId = (missing: ErrorMessage) =>
  z.unknown().transform((value, ctx): number => {
    const id = Number(value);
    if (Number.isSafeInteger(id) && id > 0) return id;
    ctx.addIssue(zodIssue(missing));
    return z.NEVER;
  });

/**
 * Special:MovePage's form. The first problem is the form's message (the form marks no fields), so
 * the fields are in the order they are checked. The base revision is advisory: an unusable one
 * means "not known" (null), not an error.
 */
export const movePageFormSchema = z
  .object({
    from: parsedTitle((reason) => errorMessage('move.invalidCurrent', { reason })),
    to: parsedTitle((reason) => errorMessage('move.invalidNew', { reason }), errorMessage('move.newTitleRequired')),
    // Counted as the input's maxLength counts (UTF-16 units), so what the form allows is accepted.
    reason: formText.refine((value) => value.length <= MAX_MOVE_REASON_CHARS, zodRefinement(errorMessage('move.reasonTooLong', { max: MAX_MOVE_REASON_CHARS }))),
    leaveRedirect: z.boolean(),
    moveTalk: z.boolean(),
    baseRevisionId: z.unknown().transform((value) => {
      const id = Number(value);
      return Number.isSafeInteger(id) && id > 0 ? id : null;
    }),
  })
  .transform(({ baseRevisionId, ...move }) => ({ ...move, expectedLatestRevisionId: baseRevisionId }));

/** Add topic (?action=edit&section=new). Emptiness and line breaks the server checks (lib/server/add-topic.ts). */
export const newTopicFormSchema = z.object({
  title: parsedTitle(),
  subject: formText
    .refine((value) => value.length <= MAX_TOPIC_SUBJECT_CHARS, zodRefinement(errorMessage('talk.subjectTooLong', { max: MAX_TOPIC_SUBJECT_CHARS })))
    // A heading is one line: a pasted line break becomes a space.
    .transform((value) => value.replace(/[\r\n]+/g, ' ')),
  content: formText.refine((value) => utf8ByteLength(value) <= MAX_CONTENT_BYTES, zodRefinement(errorMessage('talk.messageTooLong'))),
});

/** "Restore this version" on a permalink. */
export const restoreRevisionSchema = z.object({ revisionId: requiredRevisionId(errorMessage('revert.noRevisionToRestore')) });

/** One-click rollback: the latest revision the administrator saw. */
export const rollbackSchema = z.object({ latestRevisionId: requiredRevisionId(errorMessage('revert.noRevisionToRollBack')) });

/** First message per top-level field (key = input name), in English. See lib/i18n/error-text.ts for the reader's language. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldTextsOf(error)).map(([field, text]) => [field, englishText(text)]));
}

/** The data, or an AppError('VALIDATION') whose message lists what to fix and whose fieldErrors mark the fields. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION', summaryOf(result.error), { fieldErrors: fieldTextsOf(result.error) });
}

/** One sentence per problem (the first per field), in the order of the issues. */
function summaryOf(error: z.ZodError): ErrorText {
  const seenFields = new Set<string>();
  const seenSentences = new Set<string>();
  const sentences: ErrorText[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0] === undefined ? null : String(issue.path[0]);
    if (field !== null) {
      if (seenFields.has(field)) continue;
      seenFields.add(field);
    }
    const text = issueText(issue);
    // Title rules read as phrases ("Title is empty"): a full stop makes them sentences.
    const sentence = /[.!?]$/.test(englishText(text)) ? text : errorMessage('generic.sentence', { text });
    const english = englishText(sentence);
    if (seenSentences.has(english)) continue;
    seenSentences.add(english);
    sentences.push(sentence);
  }
  if (sentences.length === 0) return errorMessage('generic.inputNotValid');
  return sentences.reduceRight((rest, first) => errorMessage('generic.join', { first, rest }));
}
