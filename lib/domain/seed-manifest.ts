/**
 * content/manifest.json: which seed documents exist, which page title each becomes and which of
 * its lines are image captions, so the importer guesses nothing.
 */
import { z } from 'zod';
import { SeedDocumentError } from '@/lib/domain/fandom-import';

/** A file name inside the content directory: no folders, no `..`, no hidden files. */
const fileName = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'must be a plain file name inside the content directory (letters, digits, ".", "_", "-")');

/** A page title as written by people; the title rules proper are applied when the page is saved. */
const title = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001F\u007F-\u009F#<>[\]{}|]/.test(value), 'must not contain control characters or any of # < > [ ] { } |');

const caption = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .refine((value) => !value.includes('\n') && !value.includes('\r'), 'must be a single line');

const seedDocument = z.strictObject({
  file: fileName,
  title,
  format: z.literal('fandom-text-export'),
  captions: z.array(caption).refine((list) => new Set(list).size === list.length, 'must not list a caption twice'),
  source: z.string().trim().min(1, 'must say where the document comes from'),
});

export const seedManifestSchema = z
  .strictObject({
    $comment: z.string().optional(),
    mainPage: z.strictObject({ title, file: fileName }),
    documents: z.array(seedDocument),
  })
  .superRefine((manifest, ctx) => {
    // Titles that name the same page: `_` is a space and the first letter is case-insensitive.
    const key = (value: string) => value.replace(/_/g, ' ').replace(/^./u, (first) => first.toUpperCase());
    const files = new Set<string>([manifest.mainPage.file]);
    const titles = new Set<string>([key(manifest.mainPage.title)]);
    manifest.documents.forEach((document, index) => {
      if (files.has(document.file)) {
        ctx.addIssue({ code: 'custom', path: ['documents', index, 'file'], message: `${JSON.stringify(document.file)} is listed twice` });
      }
      if (titles.has(key(document.title))) {
        ctx.addIssue({ code: 'custom', path: ['documents', index, 'title'], message: `${JSON.stringify(document.title)} is used twice` });
      }
      files.add(document.file);
      titles.add(key(document.title));
    });
  });

export type SeedManifest = z.infer<typeof seedManifestSchema>;
export type SeedManifestDocument = SeedManifest['documents'][number];

/**
 * Validates an already JSON-parsed manifest. Throws SeedDocumentError (line null) listing every
 * problem as `path: message`.
 */
export function parseManifest(json: unknown, fileName: string): SeedManifest {
  const result = seedManifestSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return `${path === '' ? '(root)' : path.replace(/^\./, '')}: ${issue.message}`;
  });
  throw new SeedDocumentError(fileName, null, `invalid seed manifest: ${problems.join('; ')}`, { cause: result.error });
}
