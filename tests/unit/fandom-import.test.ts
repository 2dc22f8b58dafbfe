import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertFandomExport, decodeSeedFile, type FandomConversion, type SeedCaption } from '@/lib/domain/fandom-import';
import { parseManifest } from '@/lib/domain/seed-manifest';
import { renderMarkdown } from '@/lib/domain/markdown';
import { caught } from '../support/seed-document-error';

const CONTENT_DIR = path.join(import.meta.dirname, '../../content');
const SEED_FILE = '000_ca0e551fe29e1945.txt';
const SEED_IMAGES = [
  { caption: 'Logo della ECPAT', file: 'ECPAT logo.png' },
  { caption: 'States with organizations connected to ECPAT', file: 'ECPAT member states map.png' },
];
const SEED_CAPTIONS = SEED_IMAGES.map((image) => image.caption);
const FILE = 'content/x.txt';

// ---------------------------------------------------------------------------------------------
// Helpers: just enough HTML reading to compare rendered text with the original.

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** Decodes character references in one pass (so "&#x26;amp;" stays "&amp;"). */
function decodeEntities(html: string): string {
  return html.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Text of an HTML fragment, footnote reference superscripts left out. */
function textOf(html: string): string {
  return decodeEntities(html.replace(/<sup>[\s\S]*?<\/sup>/g, '').replace(/<[^>]*>/g, ''));
}

function attributesOf(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) attributes[match[1]!] = decodeEntities(match[2] ?? '');
  return attributes;
}

function render(markdown: string) {
  const { html, toc } = renderMarkdown(markdown);
  const footnotesAt = html.indexOf('<section data-footnotes');
  const body = footnotesAt === -1 ? html : html.slice(0, footnotesAt);
  const footnotes = footnotesAt === -1 ? '' : html.slice(footnotesAt);
  const paragraphs = [...body.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((match) => match[1]!);
  return { html, toc, body, footnotes, paragraphs };
}

/** Captions given as plain strings get the image name "<caption>.png". */
function convert(text: string, captions: (string | SeedCaption)[] = []): FandomConversion {
  const images = captions.map((caption) => (typeof caption === 'string' ? { caption, file: `${caption.replace(/[^\w ]/g, '')}.png` } : caption));
  return convertFandomExport(text, { fileName: FILE, captions: images });
}

/** Converts `W\n<line>` and returns the rendered article body. */
function renderLine(line: string) {
  return render(convert(`Wiki name\n${line}`).markdown);
}

const stripMarkers = (line: string) => line.replace(/\[[1-9][0-9]*\]/g, '');

// ---------------------------------------------------------------------------------------------

describe('the real seed document', () => {
  const manifest = parseManifest(JSON.parse(readFileSync(path.join(CONTENT_DIR, 'manifest.json'), 'utf8')), 'content/manifest.json');
  const entry = manifest.documents.find((document) => document.file === SEED_FILE);
  const fileName = `content/${SEED_FILE}`;
  const bytes = readFileSync(path.join(CONTENT_DIR, SEED_FILE));
  const original = decodeSeedFile(bytes, fileName);
  const result = convertFandomExport(original, { fileName, captions: entry?.captions ?? [] });
  const rendered = render(result.markdown);

  const originalLines = original.split('\n');
  const expectedParagraphs = originalLines
    .slice(1)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && !line.endsWith('[]') && !SEED_CAPTIONS.includes(line.trim()))
    .map(stripMarkers);

  it('is listed in the manifest as ECPAT with its two captions and the File: names of their images', () => {
    expect(manifest.mainPage).toEqual({ title: 'Main Page', file: 'main-page.md' });
    expect(entry).toMatchObject({ file: SEED_FILE, title: 'ECPAT', format: 'fandom-text-export', captions: SEED_IMAGES });
    expect(readFileSync(path.join(CONTENT_DIR, manifest.mainPage.file), 'utf8')).toContain('[ECPAT](/wiki/ECPAT)');
  });

  it('takes the wiki name from line 1 and keeps it out of the article', () => {
    expect(result.siteName).toBe('Telefono Azzurro Fans Wiki');
    expect(result.markdown).not.toContain('Telefono Azzurro');
    expect(rendered.html).not.toContain('Telefono Azzurro');
  });

  it('finds exactly the two section headings and the three footnotes', () => {
    expect(result.headings).toEqual(['ECPAT Philippines', 'External links']);
    expect(result.footnotes).toEqual([1, 2, 3]);
    expect(rendered.toc.filter((entry) => entry.id !== 'footnote-label').map((entry) => entry.text)).toEqual(['ECPAT Philippines', 'External links']);
    const headings = [...rendered.body.matchAll(/<h2[^>]*>([\s\S]*?)<\/h2>/g)].map((match) => textOf(match[1]!));
    expect(headings).toEqual(['ECPAT Philippines', 'External links']);
    expect(result.markdown).not.toContain('[]');
  });

  it('renders every original paragraph with exactly its original text, in order', () => {
    expect(expectedParagraphs).toHaveLength(16);
    const bodyText = textOf(rendered.body);
    for (const paragraph of expectedParagraphs) expect(bodyText).toContain(paragraph);
    expect(rendered.paragraphs.map(textOf)).toEqual(expectedParagraphs);
  });

  it('makes each caption a thumbnail of its File: (a stored marker, no English notice), shown as an upload link until the file exists', () => {
    expect(result.markdown).toContain('[[File:ECPAT logo.png|thumb|Logo della ECPAT]]');
    expect(result.markdown).toContain('[[File:ECPAT member states map.png|thumb|States with organizations connected to ECPAT]]');
    expect(renderMarkdown(result.markdown).files).toEqual(['ECPAT_logo.png', 'ECPAT_member_states_map.png']);
    const figures = [...rendered.body.matchAll(/<figure([^>]*)>([\s\S]*?)<\/figure>/g)].map((match) => ({ attributes: attributesOf(match[1]!), inner: match[2]! }));
    expect(figures.map((figure) => figure.attributes['data-wiki-file'])).toEqual(['ECPAT_logo.png', 'ECPAT_member_states_map.png']);
    expect(figures.map((figure) => textOf(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(figure.inner)?.[1] ?? ''))).toEqual(SEED_CAPTIONS);
    for (const figure of figures) expect(figure.inner).toMatch(/^<figcaption>[^<]+<\/figcaption>$/);
    expect(rendered.html).not.toContain('Image not available');
    // The logo comes before the first paragraph, the map after "Rafto Prize".
    expect(rendered.body.indexOf('<figure')).toBe(0);
    expect(rendered.body.indexOf('Rafto Prize')).toBeLessThan(rendered.body.lastIndexOf('<figure'));
  });

  it('links each footnote reference and its definition to each other', () => {
    const references = [...rendered.body.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)]
      .map((match) => ({ attributes: attributesOf(match[1]!), text: textOf(match[2]!) }))
      .filter((link) => 'data-footnote-ref' in link.attributes);
    expect(references.map((reference) => reference.text)).toEqual(['1', '2', '3']);

    const definitions = [...rendered.footnotes.matchAll(/<li\b([^>]*)>([\s\S]*?)<\/li>/g)].map((match) => ({
      id: attributesOf(match[1]!).id,
      html: match[2]!,
    }));
    expect(definitions).toHaveLength(3);

    references.forEach((reference, index) => {
      const n = index + 1;
      const href = reference.attributes.href!;
      const refId = reference.attributes.id!;
      expect(href.startsWith('#')).toBe(true);
      expect(refId).toBeTruthy();
      const definition = definitions.find((candidate) => candidate.id === href.slice(1));
      expect(definition, `definition of footnote ${n}`).toBeDefined();
      expect(textOf(definition!.html)).toContain(`Reference ${n} of the original Fandom article; its text was not included in the export.`);
      const backrefs = [...definition!.html.matchAll(/<a\b([^>]*)>/g)].map((match) => attributesOf(match[1]!).href);
      expect(backrefs).toContain(`#${refId}`);
      // Ids are unique in the page.
      expect(rendered.html.split(`id="${refId}"`)).toHaveLength(2);
    });
  });

  it('puts each footnote reference where its marker was', () => {
    const withMarkers = originalLines.filter((line) => /\[[1-9][0-9]*\]/.test(line) && !line.trimEnd().endsWith('[]'));
    expect(withMarkers).toHaveLength(3);
    withMarkers.forEach((line, index) => {
      const paragraph = rendered.paragraphs.find((candidate) => textOf(candidate) === stripMarkers(line.trimEnd()));
      expect(paragraph).toBeDefined();
      expect(paragraph).toMatch(new RegExp(`<sup><a [^>]*>${index + 1}</a></sup>`));
    });
  });

  it('contains every original paragraph in the rendered text (tags stripped, entities decoded, whitespace collapsed)', () => {
    const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
    const renderedText = collapse(textOf(rendered.html));
    for (const paragraph of expectedParagraphs) expect(renderedText).toContain(collapse(paragraph));
    expect(rendered.paragraphs).toContain('The organization was awarded the 1998 Rafto Prize.');
  });

  it('keeps curly quotes and apostrophes as they are', () => {
    const count = (text: string, char: string) => text.split(char).length - 1;
    const bodyText = textOf(rendered.body);
    for (const char of ['\u2019', '\u201C', '\u201D']) {
      expect(count(original, char), char).toBeGreaterThan(0);
      expect(count(bodyText, char), char).toBe(count(original, char));
    }
    expect(bodyText).toContain('children\u2019s rights activists');
    expect(bodyText).toContain('\u201CU.S. Committee to Support the Campaign to End Child Prostitution in Asian Tourism.\u201D');
    expect(bodyText).toContain('\u201CGuidelines for Responding to Trafficking in Persons in New York City\u201D');
    // Straight quotes stay straight (no "smart" punctuation is added either).
    expect(bodyText).toContain('"The Code of Conduct for the Protection of Children from Sexual Exploitation in Travel and Tourism."');
  });

  it('has the headings as h2, the captions as figcaptions and GFM footnote links, as literal HTML', () => {
    expect(rendered.html).toMatch(/<h2 data-section="1" id="[^"]+">ECPAT Philippines<\/h2>/);
    expect(rendered.html).toMatch(/<h2 data-section="2" id="[^"]+">External links<\/h2>/);
    for (const caption of SEED_CAPTIONS) expect(rendered.html).toContain(`<figcaption>${caption}</figcaption>`);
    for (const n of [1, 2, 3]) {
      expect(rendered.body).toContain(`href="#user-content-fn-${n}"`);
      expect(rendered.body).toContain(`id="user-content-fnref-${n}"`);
      expect(rendered.footnotes).toMatch(new RegExp(`<li id="user-content-fn-${n}">`));
      expect(rendered.footnotes).toContain(`href="#user-content-fnref-${n}"`);
      expect(rendered.html.split(`id="user-content-fn-${n}"`)).toHaveLength(2);
    }
  });

  it('is deterministic and independent of CRLF line endings', () => {
    expect(convertFandomExport(original, { fileName, captions: SEED_IMAGES })).toEqual(result);
    expect(convertFandomExport(original.replace(/\n/g, '\r\n'), { fileName, captions: SEED_IMAGES })).toEqual(result);
    expect(result.markdown.endsWith('\n')).toBe(true);
    expect(result.markdown).not.toMatch(/\n{3,}/);
  });
});

describe('conversion of synthetic documents', () => {
  it('keeps a paragraph full of markdown syntax literal', () => {
    const line = '* not a list _x_ <b>y</b> [z] 1. a ~~s~~ \\ back `c` **d**';
    const { body, paragraphs } = renderLine(line);
    expect(paragraphs.map(textOf)).toEqual([line]);
    expect(body).not.toMatch(/<(ul|ol|li|em|strong|b|del|code|pre|h1|blockquote|a)\b/);
  });

  it.each([
    '# not a heading',
    '## nor this #',
    '- not a list',
    '+ not a list',
    '1. not a list',
    '2) not a list',
    '12345. still not a list',
    '> not a quote',
    '>> nor this',
    '    four spaces are not code',
    '\ta tab is not code either',
    '  two leading spaces',
    '---',
    '***',
    '___',
    '===',
    '= not a setext underline',
    '| a | b |',
    '```js',
    '~~~',
    '~single~ and ~~double~~ tildes',
    '`code` and ``more``',
    '**bold** and __bold__ and *em* and _em_',
    'snake_case_name and 2*3*4',
    '&amp; &#38; &#x26; &copy; & AT&T',
    'back\\slash \\* \\[ and a trailing backslash \\',
    '<http://example.com> <b>bold</b> <!-- comment --> <div>',
    'a < b > c',
    '![image](picture.png) and [link](http://example.com) and [ref][x]',
    '[x]: http://example.com/definition',
    '[^1]: not a footnote definition',
    '[^note] not a footnote reference',
    'Hello! [bracket] ![bang]',
    'http://example.com/a_b_c*d*~e~ and https://example.org/x?y=1&amp;z',
    'see www.example.com/~x~_y_ and WWW.EXAMPLE.COM.',
    'write to first_last@example.com or mailto:a_b@example.com',
    '1.5 million children; 3) three',
    'two  spaces  inside',
    'curly “quotes”, ’apostrophes’, accents àèìòù and emoji 📞',
    '$math$ {braces} ^caret^ %percent% :colon:',
  ])('renders %j literally', (line) => {
    const { body, paragraphs } = renderLine(line);
    expect(paragraphs.map(textOf)).toEqual([line]);
    expect(body).toMatch(/^<p>[\s\S]*<\/p>$/);
    expect(body).not.toMatch(/<(em|strong|code|del|pre|ul|ol|blockquote|table|h[1-6]|img|figure|hr)\b/);
  });

  it('escapes headings and captions too', () => {
    const heading = 'A *starred* <b>heading</b> #1 [x] ###';
    const caption = 'Map of _all_ [regions] <here>';
    const result = convert(`W\n${heading}[]\n\n${caption}\n\nText.`, [caption]);
    expect(result.headings).toEqual([heading]);
    const { body } = render(result.markdown);
    expect(textOf(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(body)?.[1] ?? '')).toBe(heading);
    expect(textOf(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(body)?.[1] ?? '')).toBe(caption);
  });

  it('turns [N] into footnotes in order of first appearance, each defined once', () => {
    const result = convert('W\nB.[2] A.[1]\n\nB again.[2]');
    expect(result.footnotes).toEqual([2, 1]);
    expect(result.markdown).toBe(
      [
        'B.[^2] A.[^1]',
        '',
        'B again.[^2]',
        '',
        '[^2]: Reference 2 of the original Fandom article; its text was not included in the export.',
        '',
        '[^1]: Reference 1 of the original Fandom article; its text was not included in the export.',
        '',
      ].join('\n'),
    );
  });

  it('keeps [0], leading zeros and over-long numbers as text', () => {
    const line = 'Zero [0], padded [01] and [007], huge [1234567890].';
    const result = convert(`W\n${line}`);
    expect(result.footnotes).toEqual([]);
    expect(render(result.markdown).paragraphs.map(textOf)).toEqual([line]);
  });

  it('keeps a marker at the start of a line followed by a colon a reference, not a definition', () => {
    const result = convert('W\n[1]: starts with a marker');
    expect(result.footnotes).toEqual([1]);
    const { paragraphs, footnotes } = render(result.markdown);
    expect(paragraphs.map(textOf)).toEqual([': starts with a marker']);
    expect(footnotes).toContain('Reference 1 of the original Fandom article');
  });

  it('turns markers in headings into references and leaves them out of the heading list', () => {
    const result = convert('W\nHistory[4][]\n\nText.');
    expect(result.headings).toEqual(['History']);
    expect(result.footnotes).toEqual([4]);
    expect(result.markdown.startsWith('## History[^4]\n')).toBe(true);
  });

  it('collapses blank lines, trims trailing whitespace and keeps adjacent lines as separate paragraphs', () => {
    const result = convert('\uFEFFWiki  \r\n\r\n\r\n\r\nFirst line  \t\r\nSecond line\r\n\r\n\r\n\r\nThird[]\r\n\r\n');
    expect(result.siteName).toBe('Wiki');
    expect(result.markdown).toBe('First line\n\nSecond line\n\n## Third\n');
    expect(render(result.markdown).paragraphs).toEqual(['First line', 'Second line']);
  });

  it('gives the same result for CRLF and LF input', () => {
    const lf = 'Wiki\nA map\n\nFirst.[1]\n\n\n\nSection[]\n\n  Second *x*.\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    expect(convert(crlf, ['A map'])).toEqual(convert(lf, ['A map']));
    expect(convert(crlf, ['A map']).markdown).not.toContain('\r');
  });

  it('collapses any number of blank (or whitespace-only) lines into one paragraph break', () => {
    const result = convert('W\nOne.\n\n\n\n\n\t \n\nTwo.\n\n\n');
    expect(result.markdown).toBe('One.\n\nTwo.\n');
    expect(render(result.markdown).paragraphs).toEqual(['One.', 'Two.']);
  });

  it('matches captions after trimming and turns every occurrence into a thumbnail of its file', () => {
    const result = convert('W\n  A map  \nText.\nA map', [{ caption: 'A map', file: 'World map.png' }]);
    expect(result.markdown).toBe('[[File:World map.png|thumb|A map]]\n\nText.\n\n[[File:World map.png|thumb|A map]]\n');
  });

  it('writes a caption the embed syntax would misread (brackets, "|", an option word) as ![caption](<File:…>)', () => {
    for (const caption of ['Map [1990] | today', 'left', '200px', 'thumb']) {
      const result = convert(`W\n${caption}\nText.`, [{ caption, file: 'Map.png' }]);
      expect(result.markdown.startsWith('![')).toBe(true);
      const { html, files } = renderMarkdown(result.markdown);
      expect(files).toEqual(['Map.png']);
      expect(textOf(/<figcaption>([\s\S]*?)<\/figcaption>/.exec(html)?.[1] ?? '')).toBe(caption);
    }
  });
});

describe('malformed documents', () => {
  it('rejects an empty file (no wiki name) for the whole file', () => {
    for (const text of ['', '\uFEFF', '\n\n  \n']) {
      const error = caught(() => convert(text));
      expect(error.fileName).toBe(FILE);
      expect(error.line).toBeNull();
      expect(error.message).toMatch(/^content\/x\.txt: the file is empty/);
    }
  });

  it('rejects an empty first line', () => {
    const error = caught(() => convert('\nText after an empty first line.'));
    expect(error.line).toBe(1);
    expect(error.message).toBe('content/x.txt:1: the first line must be the wiki name but it is empty');
  });

  it('rejects a heading marker without heading text', () => {
    const error = caught(() => convert('W\n\nSome text.\n\n[]\nMore text.'));
    expect(error.line).toBe(5);
    expect(error.message).toBe('content/x.txt:5: heading marker "[]" has no heading text');
    expect(caught(() => convert('W\nText.\n   []   ')).line).toBe(3);
    // Footnote markers alone are no heading text either.
    expect(caught(() => convert('W\nText.\n\n[1] []')).line).toBe(4);
  });

  it.each([
    ['a bell', 'W\nfine\nbad\u0007bell', 3, 'U+0007'],
    ['a bell on line 4', 'W\n\nfine\n\u0007 ring', 4, 'U+0007'],
    ['a NUL byte', 'W\n\u0000', 2, 'U+0000'],
    ['a lone carriage return', 'W\r\nfine\r\nhalf\rline', 3, 'U+000D'],
    ['an escape sequence', 'W\ntext \u001b[31mred', 2, 'U+001B'],
    ['DEL', 'W\ntext\n\ntext\u007f', 4, 'U+007F'],
    ['a C1 control', 'W\ntext\u0085', 2, 'U+0085'],
    ['a control character in the first line', 'Wi\u0001ki\ntext', 1, 'U+0001'],
  ])('rejects %s with its line', (_, text, line, codePoint) => {
    const error = caught(() => convert(text));
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^content/x\\.txt:${line}: control character ${codePoint.replace('+', '\\+')} at column \\d+ is not allowed$`));
  });

  it('accepts tabs and CRLF', () => {
    expect(convert('W\r\nA\ttab.\r\n').markdown).toBe('A\ttab.\n');
  });

  it('rejects a caption from the manifest that is not a line of the document', () => {
    const error = caught(() => convert('W\nSome text mentioning Logo della ECPAT inline.', ['Logo della ECPAT']));
    expect(error.line).toBeNull();
    expect(error.message).toBe('content/x.txt: caption "Logo della ECPAT" listed in the manifest does not occur as a line of the document');
    // Line 1 is the wiki name, never a caption.
    expect(caught(() => convert('Logo\nText.', ['Logo'])).line).toBeNull();
  });

  it('rejects a document without article text', () => {
    for (const text of ['W', 'W\n\n\n', 'W\nHeading[]\n\nA caption\n\nOther[]']) {
      const error = caught(() => convert(text, text.includes('caption') ? ['A caption'] : []));
      expect(error.line).toBeNull();
      expect(error.message).toBe('content/x.txt: the document has no article text (only the wiki name, headings or captions)');
    }
  });
});

describe('decodeSeedFile', () => {
  const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));

  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeSeedFile(bytes([0xef, 0xbb, 0xbf], 'W\nchildren’s rights'), FILE)).toBe('W\nchildren’s rights');
  });

  it.each([
    ['a stray continuation byte', bytes('W\nok\nbad ', [0xff], ' here\n'), 3],
    ['a Latin-1 byte', bytes('W\ncaf', [0xe9], '\n'), 2],
    ['a truncated sequence at the end', bytes('W\nabc', [0xe2, 0x80]), 2],
    ['a sequence cut by a newline', bytes('W\nabc', [0xe2], '\nnext'), 2],
    ['an overlong encoding', bytes('W\n\n\n', [0xc0, 0xaf]), 4],
    ['an encoded surrogate', bytes('W\n', [0xed, 0xa0, 0x80]), 2],
    ['a code point above U+10FFFF', bytes([0xf4, 0x90, 0x80, 0x80]), 1],
  ])('rejects %s with the line of the first bad byte', (_, input, line) => {
    const error = caught(() => decodeSeedFile(input, FILE));
    expect(error.fileName).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(new RegExp(`^content/x\\.txt:${line}: the file is not valid UTF-8 \\(byte 0x[0-9A-F]{2} at offset \\d+\\)$`));
  });

  it('decodes the real seed document', () => {
    const text = decodeSeedFile(readFileSync(path.join(CONTENT_DIR, SEED_FILE)), SEED_FILE);
    expect(text.startsWith('Telefono Azzurro Fans Wiki\nLogo della ECPAT\n')).toBe(true);
  });
});

describe('every malformed document names its file and line', () => {
  const utf8 = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));
  // Line null means the problem concerns the whole file (documented on SeedDocumentError.line).
  const cases: [string, () => unknown, number | null, RegExp][] = [
    ['an empty file', () => convert(''), null, /the file is empty/],
    ['an empty first line', () => convert('\nText.'), 1, /first line must be the wiki name/],
    ['invalid UTF-8 on line 3', () => decodeSeedFile(utf8('W\nok\nbad ', [0xc3, 0x28], '\n'), FILE), 3, /not valid UTF-8 \(byte 0xC3 at offset 9\)/],
    ['a control character on line 4', () => convert('W\nOne.\n\nT\u0007wo.'), 4, /control character U\+0007 at column 2/],
    ['a heading marker without text', () => convert('W\nText.\n[]'), 3, /heading marker "\[\]" has no heading text/],
    [
      'a missing caption',
      () => convert('W\nText.', ['States with organizations connected to ECPAT']),
      null,
      /caption "States with organizations connected to ECPAT" listed in the manifest/,
    ],
    ['only the wiki name', () => convert('Telefono Azzurro Fans Wiki'), null, /no article text/],
    ['only the wiki name and a newline', () => convert('Telefono Azzurro Fans Wiki\r\n'), null, /no article text/],
  ];

  it.each(cases)('%s', (_, action, line, reason) => {
    const error = caught(action);
    expect(error.name).toBe('SeedDocumentError');
    expect(error.fileName).toBe(FILE);
    expect(error.line).toBe(line);
    expect(error.message).toBe(`${FILE}${line === null ? '' : `:${line}`}: ${error.reason}`);
    if (line !== null) expect(error.message).toContain(`${FILE}:${line}:`);
    expect(error.reason).toMatch(reason);
  });
});
