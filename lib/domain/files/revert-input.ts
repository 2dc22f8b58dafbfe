/**
 * Reverting a file to an earlier version (MediaWiki's action=revert&oldimage=…): the confirm
 * form's fields. The revert is an upload of that version's bytes as the new latest version.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { errorMessage, textInput, zodIssue } from '@/lib/domain/error-messages';
import { MAX_SUMMARY_CHARS } from '@/lib/domain/schemas';
import type { FormState } from '@/lib/domain/form-state';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

const positiveId = (message: ReturnType<typeof errorMessage>) =>
  z.unknown().transform((value, ctx): number => {
    const id = typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : value;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return id;
    ctx.addIssue(zodIssue(message));
    return z.NEVER;
  });

export const fileRevertSchema = z.object({
  title: textInput(errorMessage('upload.destinationRequired')).transform((value, ctx): ParsedTitle => {
    const parsed = tryParseTitle(value);
    if (parsed.ok && parsed.title.namespace === NS.FILE) return parsed.title;
    ctx.addIssue(zodIssue(parsed.ok ? errorMessage('upload.destinationRequired') : errorMessage('upload.destinationInvalid', { name: value, reason: parsed.message })));
    return z.NEVER;
  }),
  versionId: positiveId(errorMessage('upload.versionRequired')),
  /** The latest version the reverter saw: the revert is refused if another upload came first. */
  expect: positiveId(errorMessage('upload.expectNotValid')),
  comment: textInput(errorMessage('upload.commentNotText'))
    .transform((value) => value.replace(/[\r\n\t]+/g, ' ').trim())
    .superRefine((value, ctx) => {
      const length = [...value].length;
      if (length > MAX_SUMMARY_CHARS) ctx.addIssue(zodIssue(errorMessage('upload.commentTooLong', { max: MAX_SUMMARY_CHARS, length })));
    }),
});

export type FileRevertInput = z.output<typeof fileRevertSchema>;

export interface FileRevertValues {
  title: string;
  versionId: string;
  expect: string;
  comment: string;
}

export type FileRevertState = FormState<FileRevertValues>;
