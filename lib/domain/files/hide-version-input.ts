/**
 * Hiding parts of one file version (MediaWiki's Special:RevisionDelete with type=oldimage): the
 * form's fields, its one zod schema and its address. The server call is hideFileVersion
 * (lib/server/files/file-versions.ts), which logs delete/revision.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';
import { reasonField } from '@/lib/domain/admin-input';
import { errorMessage, textInput, zodIssue, zodRefinement } from '@/lib/domain/error-messages';
import type { FormState } from '@/lib/domain/form-state';
import { fileHiddenBits } from '@/lib/domain/files/types';
import { encodeTitleForUrl, NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

export const FILE_VERSION_HIDE_FIELDS = ['target', 'versionId', 'hideFile', 'hideComment', 'hideUploader', 'reason', 'seenHidden'] as const;
export type FileVersionHideValues = Record<(typeof FILE_VERSION_HIDE_FIELDS)[number], string>;
export type FileVersionHideState = FormState<FileVersionHideValues>;

/** The type= of Special:RevisionDelete for file versions (MediaWiki's name for old file versions). */
export const FILE_VERSION_REVDEL_TYPE = 'oldimage';

/** Special:RevisionDelete for one version of a file, as MediaWiki's address (ids= is our version id). */
export function fileVersionHideHref(fileDbKey: string, versionId: number): string {
  return `/wiki/Special:RevisionDelete?type=${FILE_VERSION_REVDEL_TYPE}&target=${encodeTitleForUrl(`File:${fileDbKey}`)}&ids=${versionId}`;
}

const CHECKED = new Set(['on', 'true', '1', 'yes']);
const checkbox = z
  .union([z.string(), z.boolean()])
  .optional()
  .transform((value) => (typeof value === 'boolean' ? value : value !== undefined && CHECKED.has(value.trim().toLowerCase())));

/**
 * Which parts of the version are hidden (each box ticked = hidden from non-administrators), why, and
 * the bits the administrator saw (the change is refused if another administrator changed them).
 */
export const fileVersionHideSchema = z
  .object({
    target: textInput(errorMessage('fileVersionHide.targetRequired')).transform((value, ctx): ParsedTitle => {
      const parsed = tryParseTitle(value.trim());
      if (parsed.ok && parsed.title.namespace === NS.FILE) return parsed.title;
      ctx.addIssue(zodIssue(errorMessage('fileVersionHide.targetRequired')));
      return z.NEVER;
    }),
    versionId: textInput(errorMessage('fileVersionHide.versionRequired'))
      .transform((value) => value.trim())
      .refine((value) => /^[1-9]\d{0,9}$/u.test(value), zodRefinement(errorMessage('fileVersionHide.versionRequired')))
      .transform(Number),
    hideFile: checkbox,
    hideComment: checkbox,
    hideUploader: checkbox,
    reason: reasonField,
    seenHidden: z
      .string()
      .refine((value) => /^[0-7]?$/u.test(value), zodRefinement(errorMessage('revisionDelete.formOutOfDate')))
      .optional()
      .transform((value) => (value === undefined || value === '' ? null : Number(value))),
  })
  .transform(({ hideFile, hideComment, hideUploader, ...rest }) => ({
    ...rest,
    hidden: fileHiddenBits({ file: hideFile, comment: hideComment, uploader: hideUploader }),
  }));
export type FileVersionHideInput = z.output<typeof fileVersionHideSchema>;
