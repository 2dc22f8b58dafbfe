import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderMarkdown } from '@/lib/domain/markdown';
import { MAX_DELIMITER_RUN } from '@/lib/domain/markdown-guards';
import { NAMESPACE_NAMES, NS, tryParseTitle, type Namespace } from '@/lib/domain/titles';

/*
 * Hostile input for the renderer: random text, Markdown token soups and pathological shapes.
 * Saving and previewing run the renderer on the request thread, so an input that takes minutes is
 * a denial of service: each pathological input is rendered once and its time printed (measured,
 * not asserted: the test timeout is the bound).
 */

const TOKENS = [
  '[',
  ']',
  '[[',
  ']]',
  '|',
  '#',
  '*',
  '**',
  '_',
  '__',
  '~~',
  '`',
  '```',
  '>',
  '-',
  '1.',
  '\n',
  '\n\n',
  '<',
  '&',
  ':',
  ' ',
  'Category:',
  'File:',
  'Image:',
  '|thumb',
  '|200px',
  '|alt=',
  '#REDIRECT ',
  '~~~~',
  '^[',
  '[^1]',
  '[^1]: ',
  ']:',
  '(',
  ')',
  '](',
  '!',
  '![',
  '\\',
  'http://',
  'www.',
  '@',
  '|-|',
  '<script>',
  'javascript:',
  'onerror=',
  '&#x3C;',
  'a',
  'Zürich',
  '\u202E',
  '\u0000',
  '\uD800',
  '😀',
  'e\u0301',
];

const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 200 }).map((parts) => parts.join(''));
const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u200E', '\u200F', '\u202E', '\u0301', '\uD83D', '\uDE00', '\uFEFF', '[', ']', '*', '\n', 'a'), maxLength: 300 }),
);

function expectWellFormed(source: string): void {
  const rendered = renderMarkdown(source);
  expect(typeof rendered.html).toBe('string');
  // Sanitized: no script element and no event-handler attribute in the markup itself (attribute
  // values are quoted by rehype-stringify, and "<script>" inside one is inert text).
  const markup = rendered.html.replace(/"[^"]*"/gu, '""');
  expect(markup).not.toMatch(/<script/iu);
  expect(markup).not.toMatch(/<[^>]*\son\w+=/iu);
  for (const entry of rendered.toc) {
    expect([2, 3, 4, 5, 6]).toContain(entry.depth);
    expect(typeof entry.id).toBe('string');
  }
  for (const link of rendered.links) expectValidTitle(link.namespace, link.dbKey);
  for (const category of rendered.categories) expectValidTitle(NS.CATEGORY, category.name);
  for (const file of rendered.files) expectValidTitle(NS.FILE, file);
}

/** A link target is a title that parses back to itself. */
function expectValidTitle(namespace: number, dbKey: string): void {
  const parsed = tryParseTitle(namespace === NS.MAIN ? `:${dbKey}` : `${NAMESPACE_NAMES[namespace as Namespace]}:${dbKey}`);
  expect(parsed.ok && [parsed.title.namespace, parsed.title.dbKey]).toEqual([namespace, dbKey]);
}

// Hundreds of renders each: about 5-10 s alone, several times that beside a full run on two cores.
// What is checked is the output, never the time (speed is the benchmark's business), so the limit
// only has to stop a hang.
describe('renderMarkdown on random input', { timeout: 120_000 }, () => {
  it('never throws and returns sanitized HTML for random unicode', () => {
    fc.assert(fc.property(unicodeText, expectWellFormed), { numRuns: 300 });
  });

  it('never throws and returns sanitized HTML for Markdown token soups', () => {
    fc.assert(fc.property(tokenSoup, expectWellFormed), { numRuns: 400 });
  });

  it('finds only valid titles among the wikilinks of a soup of links', () => {
    const linkSoup = fc
      .array(fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom('', '|label', '#Part', ':Category:')), { maxLength: 30 })
      .map((links) => links.map(([target, suffix]) => (suffix === ':Category:' ? `[[:Category:${target}]]` : `[[${target}${suffix}]]`)).join(' '));
    fc.assert(
      fc.property(linkSoup, (source) => {
        const { links, categories } = renderMarkdown(source);
        for (const link of links) expectValidTitle(link.namespace, link.dbKey);
        for (const category of categories) expectValidTitle(NS.CATEGORY, category.name);
      }),
      { numRuns: 200 },
    );
  });
});

const lines = (count: number, line: (index: number) => string) => Array.from({ length: count }, (_, index) => line(index)).join('\n');
const MIB = 1024 * 1024;

/**
 * Shapes that made micromark (remark's parser) or the HTML conversion super-linear, at sizes that
 * took seconds to hours before their guards (see lib/domain/markdown-guards.ts and markdown.ts).
 */
const PATHOLOGICAL: [name: string, source: () => string][] = [
  ['100 000 "]]"', () => ']]'.repeat(100_000)],
  ['1 000 000 "]"', () => ']'.repeat(1_000_000)],
  ['"![^1" then 200 000 "]"', () => `![^1${']'.repeat(200_000)}\n\n[^1]: note`],
  ['200 000 "[" then "](b)"', () => `${'['.repeat(200_000)}a${'](b)'.repeat(10)}`],
  ['"*" × 20 000, "x", "*" × 20 000', () => `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}`],
  ['"_" × 20 000, "x", "_" × 20 000', () => `${'_'.repeat(20_000)}x${'_'.repeat(20_000)}`],
  ['"~~" × 100 000', () => '~~'.repeat(100_000)],
  ['">" × 100 000 on one line', () => '>'.repeat(100_000) + ' x'],
  ['"> " × 20 000 on one line', () => '> '.repeat(20_000) + 'x'],
  ['1 000 lines of "> " × 30', () => lines(1_000, () => `${'> '.repeat(30)}x`)],
  ['a 1 MiB single line', () => 'lorem ipsum dolor '.repeat(Math.ceil(MIB / 18)).slice(0, MIB)],
  ['a 1 MiB line of backticks', () => '`'.repeat(MIB)],
  ['10 000 list items', () => lines(10_000, (i) => `- item ${i}`)],
  ['a table with 2 000 columns', () => `${'|a'.repeat(2_000)}|\n${'|-'.repeat(2_000)}|\n${'|x'.repeat(2_000)}|`],
  ['5 000 headings', () => lines(5_000, (i) => `## Heading ${i % 7}`)],
  ['20 000 "<" and "&"', () => '<&'.repeat(20_000)],
];

describe('renderMarkdown on pathological input', () => {
  it.each(PATHOLOGICAL)('renders %s without an exception', { timeout: 60_000 }, (name, make) => {
    const source = make();
    const started = performance.now();
    const { html } = renderMarkdown(source);
    const elapsed = performance.now() - started;
    console.info(`hostile markdown: ${name} (${(source.length / 1024).toFixed(0)} KiB) rendered in ${elapsed.toFixed(0)} ms`);
    expect(html).not.toMatch(/<script/iu);
  });
});

describe('the long delimiter run guard', () => {
  const run = (length: number) => '*'.repeat(length);

  it('leaves emphasis with ordinary runs as it was', () => {
    expect(renderMarkdown('***bold italic*** and **bold**').html).toBe('<p><em><strong>bold italic</strong></em> and <strong>bold</strong></p>');
  });

  it(`shows the characters of a run past ${MAX_DELIMITER_RUN} as text`, () => {
    const { html } = renderMarkdown(`${run(MAX_DELIMITER_RUN + 10)}x${run(MAX_DELIMITER_RUN + 10)}`);
    expect(html).toContain(`${run(10)}x`);
  });

  it('keeps a line of stars a horizontal rule and leaves fenced code alone', () => {
    expect(renderMarkdown(run(200)).html).toBe('<hr>');
    const code = `/${run(100)}/`;
    expect(renderMarkdown(`\`\`\`\n${code}\n\`\`\``).html).toContain(code);
  });
});
