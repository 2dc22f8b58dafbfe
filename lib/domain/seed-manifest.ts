/**
 * content/manifest.json: which seed documents exist, which page title each becomes and which of
 * its lines are image captions (with the File: name of each image), so the importer guesses nothing.
 */
import { z } from 'zod';
import { SeedDocumentError } from '@/lib/domain/fandom-import';
import { NS, tryParseTitle } from '@/lib/domain/titles';
import { destinationExtension } from '@/lib/domain/files/upload-input';

/** A file name inside the content directory: no folders, no `..`, no hidden files. */
const fileName = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/, 'must be a plain file name inside the content directory (letters, digits, ".", "_", "-")');

/** A page title as written by people; the wiki's title rules proper (titles.ts) are applied in superRefine below. */
const title = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .refine((value) => !/[\p{Cc}#<>[\]{}|]/u.test(value), 'must not contain control characters or any of # < > [ ] { } |');

const caption = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .refine((value) => !value.includes('\n') && !value.includes('\r'), 'must be a single line');

/** The File: page an image will be uploaded to, written without "File:" ("ECPAT logo.png"). */
const imageName = z
  .string()
  .min(1, 'must not be empty')
  .refine((value) => value.trim() === value, 'must not start or end with whitespace')
  .superRefine((value, ctx) => {
    const parsed = tryParseTitle(`File:${value}`);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
    else if (destinationExtension(parsed.title) === null) ctx.addIssue({ code: 'custom', message: 'must end with the image type\'s extension (".png", ".jpg"…)' });
  });

const seedDocument = z.strictObject({
  file: fileName,
  title,
  format: z.literal('fandom-text-export'),
  captions: z
    .array(z.strictObject({ caption, file: imageName }))
    .refine((list) => new Set(list.map((entry) => entry.caption)).size === list.length, 'must not list a caption twice'),
  source: z.string().trim().min(1, 'must say where the document comes from'),
});

/**
 * A page written in the wiki's own markup (starter templates and their /doc pages), saved as it is.
 * Listed in the order they are saved: a template before the pages that show it.
 */
const seedPage = z.strictObject({
  file: fileName,
  title,
  summary: z.string().trim().min(1, 'must say what the page is'),
});

export const seedManifestSchema = z
  .strictObject({
    $comment: z.string().optional(),
    mainPage: z.strictObject({ title, file: fileName }),
    documents: z.array(seedDocument),
    pages: z.array(seedPage).default([]),
  })
  .superRefine((manifest, ctx) => {
    // Every title must be one the wiki accepts, checked here with the wiki's own title rules so that
    // a bad title stops the import before any page is saved (seedWiki parses them only when saving).
    // Titles are compared as the pages they name: "Foo  bar", "foo_bar" and "Foo bar" are one page,
    // which would otherwise be imported once and silently skipped the second time.
    const pages = new Map<string, string>();
    const checkTitle = (value: string, path: (string | number)[]) => {
      const parsed = tryParseTitle(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', path, message: parsed.reason });
        return;
      }
      if (parsed.title.namespace === NS.SPECIAL) {
        ctx.addIssue({ code: 'custom', path, message: 'must not be a Special: page (those are generated, not stored)' });
        return;
      }
      const key = `${parsed.title.namespace}:${parsed.title.dbKey}`;
      const first = pages.get(key);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path, message: `${JSON.stringify(value)} names the same page as ${JSON.stringify(first)}` });
        return;
      }
      pages.set(key, value);
    };
    checkTitle(manifest.mainPage.title, ['mainPage', 'title']);

    const files = new Set<string>([manifest.mainPage.file]);
    manifest.documents.forEach((document, index) => {
      if (files.has(document.file)) {
        ctx.addIssue({ code: 'custom', path: ['documents', index, 'file'], message: `${JSON.stringify(document.file)} is listed twice` });
      }
      files.add(document.file);
      checkTitle(document.title, ['documents', index, 'title']);
    });
    manifest.pages.forEach((page, index) => {
      if (files.has(page.file)) ctx.addIssue({ code: 'custom', path: ['pages', index, 'file'], message: `${JSON.stringify(page.file)} is listed twice` });
      files.add(page.file);
      checkTitle(page.title, ['pages', index, 'title']);
    });
  });

export type SeedManifest = z.infer<typeof seedManifestSchema>;
export type SeedManifestDocument = SeedManifest['documents'][number];
export type SeedManifestPage = SeedManifest['pages'][number];

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
