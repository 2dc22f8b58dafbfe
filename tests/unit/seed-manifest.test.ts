import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caught } from '../support/seed-document-error';
import { parseManifest } from '@/lib/domain/seed-manifest';

const CONTENT_DIR = path.join(import.meta.dirname, '../../content');
const MANIFEST = 'content/manifest.json';

const valid = {
  $comment: 'test',
  mainPage: { title: 'Main Page', file: 'main-page.md' },
  documents: [{ file: 'a.txt', title: 'ECPAT', format: 'fandom-text-export', captions: [{ caption: 'Logo', file: 'Logo.png' }], source: 'Fandom' }],
};
const image = (caption: unknown, file: unknown = 'Logo.png') => ({ caption, file });
const document0 = valid.documents[0]!;
/** The valid manifest with fields of its only document replaced (`undefined` removes a field). */
const withDocument = (change: Record<string, unknown>) => ({ ...valid, documents: [{ ...document0, ...change }] });
const withDocuments = (...titles: string[]) => ({
  ...valid,
  documents: titles.map((title, index) => ({ ...document0, file: `doc${index}.txt`, title })),
});

/** Parses `json` expecting failure; checks the parts every manifest error shares and returns its message. */
function rejection(json: unknown): string {
  const error = caught(() => parseManifest(json, MANIFEST));
  expect(error.fileName).toBe(MANIFEST);
  expect(error.line).toBeNull();
  expect(error.message.startsWith(`${MANIFEST}: invalid seed manifest: `)).toBe(true);
  expect(error.reason).toBe(error.message.slice(`${MANIFEST}: `.length));
  return error.message;
}

describe('the real content/manifest.json', () => {
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(CONTENT_DIR, 'manifest.json'), 'utf8')), MANIFEST);

  it('parses into the main page and the ECPAT document with its two captions and their images', () => {
    expect(manifest.mainPage).toEqual({ title: 'Main Page', file: 'main-page.md' });
    expect(manifest.documents).toEqual([
      {
        file: '000_ca0e551fe29e1945.txt',
        title: 'ECPAT',
        format: 'fandom-text-export',
        captions: [
          { caption: 'Logo della ECPAT', file: 'ECPAT logo.png' },
          { caption: 'States with organizations connected to ECPAT', file: 'ECPAT member states map.png' },
        ],
        source: 'Fandom export of the ECPAT article',
      },
    ]);
  });

  it('lists only files that exist in the content directory', () => {
    for (const file of [manifest.mainPage.file, ...manifest.documents.map((document) => document.file)]) {
      expect(existsSync(path.join(CONTENT_DIR, file)), file).toBe(true);
    }
  });

  it('lists captions that are whole lines of their document', () => {
    for (const document of manifest.documents) {
      const lines = readFileSync(path.join(CONTENT_DIR, document.file), 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim());
      for (const { caption } of document.captions) expect(lines, caption).toContain(caption);
    }
  });

  it('lists the starter templates, each followed later by its /doc page written in English and Italian', () => {
    const titles = manifest.pages.map((page) => page.title);
    const templates = ['Template:Infobox', 'Template:Main', 'Template:See also', 'Template:Citation needed', 'Template:Spoiler', 'Template:Documentation'];
    for (const template of templates) {
      expect(titles, template).toContain(template);
      expect(titles.indexOf(`${template}/doc`), `${template}/doc`).toBeGreaterThan(titles.indexOf(template));
      const doc = readFileSync(path.join(CONTENT_DIR, manifest.pages.find((page) => page.title === `${template}/doc`)!.file), 'utf8');
      expect(doc).toMatch(/^## English$/m);
      expect(doc).toMatch(/^## Italiano$/m);
    }
  });

  it('ends every starter template with the documentation convention, outside what pages transclude', () => {
    for (const page of manifest.pages.filter((entry) => !entry.title.endsWith('/doc') && entry.title !== 'Template:Documentation')) {
      const text = readFileSync(path.join(CONTENT_DIR, page.file), 'utf8');
      // No newline after the closing tag: an inline template ({{Citation needed}}) must not break its line.
      expect(text, page.title).toMatch(/<noinclude>\n\{\{Documentation\}\}\n<\/noinclude>$/);
    }
  });

  it('has a main page that links to the imported article', () => {
    expect(readFileSync(path.join(CONTENT_DIR, manifest.mainPage.file), 'utf8')).toContain('[ECPAT](/wiki/ECPAT)');
  });
});

describe('parseManifest', () => {
  it('accepts a valid manifest and returns it typed', () => {
    const manifest = parseManifest(valid, MANIFEST);
    expect(manifest.documents[0]?.captions).toEqual([{ caption: 'Logo', file: 'Logo.png' }]);
    expect(parseManifest({ ...valid, $comment: undefined }, MANIFEST).mainPage.title).toBe('Main Page');
    expect(parseManifest(valid, MANIFEST).pages).toEqual([]);
  });

  it.each([
    ['a missing title', withDocument({ title: undefined }), 'documents[0].title: '],
    ['a missing main page title', { ...valid, mainPage: { file: 'main-page.md' } }, 'mainPage.title: '],
    ['an unknown format', withDocument({ format: 'html' }), 'documents[0].format: '],
    ['a caption that is not a string', withDocument({ captions: [image('Logo'), image(42)] }), 'documents[0].captions[1].caption: '],
    ['a caption without its image (the old shape)', withDocument({ captions: ['Logo'] }), 'documents[0].captions[0]: '],
    ['captions that are not a list', withDocument({ captions: 'Logo' }), 'documents[0].captions: '],
    ['missing captions', withDocument({ captions: undefined }), 'documents[0].captions: '],
    ['an empty caption', withDocument({ captions: [image('')] }), 'documents[0].captions[0].caption: '],
    ['a caption with surrounding whitespace', withDocument({ captions: [image(' Logo')] }), 'documents[0].captions[0].caption: '],
    ['a caption of two lines', withDocument({ captions: [image('Lo\ngo')] }), 'documents[0].captions[0].caption: '],
    ['a caption listed twice', withDocument({ captions: [image('x'), image('x', 'Other.png')] }), 'documents[0].captions: '],
    ['an image without a name', withDocument({ captions: [{ caption: 'Logo' }] }), 'documents[0].captions[0].file: '],
    ['an image name that is no title', withDocument({ captions: [image('Logo', 'A<b>.png')] }), 'documents[0].captions[0].file: '],
    ['an image name without an extension', withDocument({ captions: [image('Logo', 'Logo')] }), 'documents[0].captions[0].file: '],
    ['an unknown key in a caption', withDocument({ captions: [{ ...image('Logo'), width: 200 }] }), 'documents[0].captions[0]: '],
    ['a missing source', withDocument({ source: undefined }), 'documents[0].source: '],
    ['a blank source', withDocument({ source: '  ' }), 'documents[0].source: '],
    ['not an object', 'manifest', '(root): '],
    ['no mainPage', { documents: [] }, 'mainPage: '],
    ['documents that are not a list', { ...valid, documents: {} }, 'documents: '],
    ['a path outside the content directory', withDocument({ file: '../secret.txt' }), 'documents[0].file: '],
    ['a folder in the file name', withDocument({ file: 'sub/a.txt' }), 'documents[0].file: '],
    ['a hidden file', withDocument({ file: '.env' }), 'documents[0].file: '],
    ['an empty title', withDocument({ title: '' }), 'documents[0].title: '],
    ['a title with brackets', withDocument({ title: 'A [b]' }), 'documents[0].title: '],
    ['a title with surrounding whitespace', withDocument({ title: ' ECPAT' }), 'documents[0].title: '],
    ['the main page file listed as a document', withDocument({ file: 'main-page.md' }), 'documents[0].file: '],
    ['an unknown key in a document', withDocument({ extra: 1 }), 'documents[0]: '],
    ['an unknown top-level key', { ...valid, extra: true }, '(root): '],
    ['a page without a summary', { ...valid, pages: [{ file: 't.md', title: 'Template:T' }] }, 'pages[0].summary: '],
    ['a page file listed twice', { ...valid, pages: [{ file: 'a.txt', title: 'Template:T', summary: 's' }] }, 'pages[0].file: '],
    ["a page with a document's title", { ...valid, pages: [{ file: 't.md', title: 'ECPAT', summary: 's' }] }, 'pages[0].title: '],
  ])('rejects %s, naming the field', (_, json, where) => {
    expect(rejection(json)).toContain(where);
  });

  it('names the unknown key', () => {
    expect(rejection({ ...valid, extra: true })).toMatch(/"extra"/);
  });

  it('reports every problem at once', () => {
    const message = rejection({ ...valid, documents: [{ ...document0, title: undefined, format: 'html', captions: [7] }] });
    expect(message).toContain('documents[0].title: ');
    expect(message).toContain('documents[0].format: ');
    expect(message).toContain('documents[0].captions[0]: ');
    expect(message.split('; ')).toHaveLength(3);
  });

  it('reports a file listed twice', () => {
    const json = { ...valid, documents: [document0, { ...document0, title: 'Other' }] };
    expect(rejection(json)).toContain('documents[1].file: "a.txt" is listed twice');
  });

  // The wiki's own title rules (titles.ts) are applied here, so a title the wiki would reject stops
  // the import before any page is saved, instead of failing in the middle of it.
  it.each([
    ['a percent-encoded sequence', 'A%41'],
    ['a character reference', 'Q&amp;A'],
    ['a relative path', '../Up'],
    ['three tildes', 'Sign ~~~'],
    ['a namespace without page name', 'Talk:'],
    ['a Special: page', 'Special:Recent changes'],
  ])('rejects a title the wiki cannot save: %s', (_, title) => {
    expect(rejection(withDocument({ title }))).toContain('documents[0].title: ');
  });

  it.each([
    ['case of the first letter', 'ECPAT', 'eCPAT'],
    ['underscores for spaces', 'Foo bar', 'Foo_bar'],
    ['runs of spaces', 'Foo bar', 'Foo  bar'],
    ['namespace spelling', 'Talk:Foo', 'talk: foo'],
  ])('rejects two titles naming the same page (%s)', (_, first, second) => {
    expect(rejection(withDocuments(first, second))).toContain(`documents[1].title: ${JSON.stringify(second)} names the same page as ${JSON.stringify(first)}`);
  });

  it('rejects a document with the main page title', () => {
    expect(rejection(withDocument({ title: 'main_Page' }))).toContain('documents[0].title: "main_Page" names the same page as "Main Page"');
  });

  it('accepts titles that only differ after the first letter, and talk pages of articles', () => {
    expect(parseManifest(withDocuments('ECPAT', 'Ecpat', 'Talk:ECPAT'), MANIFEST).documents).toHaveLength(3);
  });
});
