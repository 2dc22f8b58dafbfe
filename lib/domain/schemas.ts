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

/** "2.3 MiB" for a text over the limit; rounded up when rounding would make it read as the limit. */
function formatOversize(bytes: number): string {
  const tenths = (bytes / MIB) * 10;
  const shown = Math.round(tenths) * (MIB / 10) > MAX_CONTENT_BYTES ? Math.round(tenths) : Math.ceil(tenths);
  return `${(shown / 10).toFixed(1)} MiB`;
}

function codePointLength(text: string): number {
  return [...text].length;
}

const title = z.string({ error: 'Please enter a page title.' }).superRefine((value, ctx) => {
  const parsed = tryParseTitle(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
});

// Browsers submit a textarea's line breaks as CRLF (HTML spec), API clients usually send LF: store
// one form, as MediaWiki does, or every form edit would look like it changed every line.
const content = z
  .string({ error: 'Please enter the text of the page.' })
  .transform((value) => (value.includes('\r') ? value.replace(/\r\n?/g, '\n') : value))
  .superRefine((value, ctx) => {
    // A UTF-16 unit is at most 3 UTF-8 bytes: most texts are settled without encoding them.
    if (value.length * 3 <= MAX_CONTENT_BYTES) return;
    const bytes = utf8ByteLength(value);
    if (bytes > MAX_CONTENT_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `The text is ${formatOversize(bytes)}; the limit is ${MAX_CONTENT_BYTES / MIB} MiB.`,
      });
    }
  });

// A summary is one line in histories; a pasted line break would break the layout.
const summary = z
  .string({ error: 'The edit summary must be text.' })
  .nullish()
  .transform((value) => (value ?? '').replace(/[\r\n\t]+/g, ' ').trim())
  .superRefine((value, ctx) => {
    const length = codePointLength(value);
    if (length > MAX_SUMMARY_CHARS) {
      ctx.addIssue({
        code: 'custom',
        message: `Edit summaries can be at most ${MAX_SUMMARY_CHARS} characters long (this one has ${length}).`,
      });
    }
  });

const CHECKED = new Set(['on', 'true', '1', 'yes']);
const UNCHECKED = new Set(['', 'off', 'false', '0', 'no']);

/** A checkbox: "on" when ticked and absent when not (HTML forms), or a JSON boolean. */
const checkbox = (label: string) =>
  z.unknown().transform((value, ctx): boolean => {
    if (value === true || value === false) return value;
    if (value === undefined || value === null) return false;
    if (typeof value === 'string') {
      const normalized = value.trim().toLowerCase();
      if (CHECKED.has(normalized)) return true;
      if (UNCHECKED.has(normalized)) return false;
    }
    ctx.addIssue({ code: 'custom', message: `${label} must be ticked or not (true or false).` });
    return z.NEVER;
  }).default(false); // absent: the schema's default, as transforms make a field required

/** A revision id from a hidden form field ('' = none, when creating a page) or from JSON. */
const optionalRevisionId = z.unknown().transform((value, ctx): number | null => {
  if (value === undefined || value === null || value === '') return null;
  const number =
    typeof value === 'number' ? value : typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(number) && number > 0) return number;
  ctx.addIssue({ code: 'custom', message: 'The base revision must be a revision number (a positive whole number).' });
  return z.NEVER;
}).default(null); // absent: creating the page

/**
 * Saving a page. `title` is checked but returned as given (the caller parses it into a
 * ParsedTitle); `baseRevisionId` is the revision the editor started from, null when creating.
 */
export const editPageSchema = z.object({
  title,
  content,
  summary,
  minor: checkbox('Minor edit'),
  baseRevisionId: optionalRevisionId,
});

export type EditPageInput = z.output<typeof editPageSchema>;

/** First message per top-level field (key = input name), for showing next to the inputs. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path[0];
    // Issues about the input as a whole (not an object at all) belong to no field; see summaryOf.
    if (field === undefined) continue;
    const key = String(field);
    if (!(key in fieldErrors)) fieldErrors[key] = issue.message;
  }
  return fieldErrors;
}

/** The data, or an AppError('VALIDATION') whose message lists what to fix and whose fieldErrors mark the fields. */
export function parseOrThrow<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError('VALIDATION', summaryOf(result.error), { fieldErrors: fieldErrorsOf(result.error) });
}

/** One sentence per problem (the first per field), in the order of the issues. */
function summaryOf(error: z.ZodError): string {
  const seenFields = new Set<string>();
  const messages: string[] = [];
  for (const issue of error.issues) {
    const field = issue.path[0] === undefined ? null : String(issue.path[0]);
    if (field !== null) {
      if (seenFields.has(field)) continue;
      seenFields.add(field);
    }
    const sentence = /[.!?]$/.test(issue.message) ? issue.message : `${issue.message}.`;
    if (!messages.includes(sentence)) messages.push(sentence);
  }
  return messages.join(' ') || 'The input is not valid.';
}
