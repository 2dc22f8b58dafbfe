/**
 * The query of GET /w/rest.php/v1/file (the editor's Insert image picker, docs/editing.md):
 * `q`, a part of the file name to look for (any case, spaces or underscores; empty lists every
 * file), and `limit`, how many to return. The messages name the parameter, as MediaWiki's
 * parameter validator does.
 *
 * Pure: no I/O.
 */
import { z } from 'zod';

export const FILE_SEARCH_DEFAULT_LIMIT = 30;
export const FILE_SEARCH_MAX_LIMIT = 100;
/** A file name is a title: at most 255 bytes, so a longer part cannot match one. */
export const FILE_SEARCH_MAX_QUERY = 255;

const LIMIT_MESSAGE = `The "limit" parameter must be an integer between 1 and ${FILE_SEARCH_MAX_LIMIT}.`;

export const fileSearchQuerySchema = z.object({
  q: z
    .string()
    .max(FILE_SEARCH_MAX_QUERY, `The "q" parameter must be at most ${FILE_SEARCH_MAX_QUERY} characters long.`)
    .default('')
    .transform((value) => value.replace(/[\s_]+/gu, ' ').trim()),
  limit: z
    .string()
    .regex(/^\s*\d{1,4}\s*$/u, LIMIT_MESSAGE)
    .transform(Number)
    .pipe(z.number().min(1, LIMIT_MESSAGE).max(FILE_SEARCH_MAX_LIMIT, LIMIT_MESSAGE))
    .default(FILE_SEARCH_DEFAULT_LIMIT),
});

export type FileSearchQuery = z.output<typeof fileSearchQuerySchema>;

/**
 * A LIKE pattern (with `\` as its escape character) matching names that contain `q`, in the
 * stored form (underscores for spaces): "%", "_" and "\" in the query are literal characters.
 */
export function fileNamePattern(q: string): string {
  return `%${q.replaceAll(' ', '_').replace(/[\\%_]/gu, (character) => `\\${character}`)}%`;
}
