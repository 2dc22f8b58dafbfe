import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSection, replaceSection, sectionText, splitSections } from '@/lib/domain/sections';
import { parseSectionHeadings, renderMarkdown } from '@/lib/domain/markdown';
import { convertFandomExport, decodeSeedFile } from '@/lib/domain/fandom-import';
import { parseManifest } from '@/lib/domain/seed-manifest';
import { addSectionEditLinks, headingTextOf } from '@/lib/domain/section-links';

const titles = (text: string) => splitSections(text).map((section) => section.title);

const PAGE = ['Lead paragraph.', '', '## History', '', 'Founded in 1990.', '', '### Early years', '', 'Small.', '', '## Members', '', 'Many.', ''].join('\n');

describe('splitSections', () => {
  it('numbers the headings from 1 after section 0, the lead', () => {
    expect(titles(PAGE)).toEqual(['', 'History', 'Early years', 'Members']);
    expect(sectionText(PAGE, 0)).toBe('Lead paragraph.');
  });

  it('makes a section include its subsections, up to the next heading of the same or a higher level', () => {
    expect(sectionText(PAGE, 1)).toBe('## History\n\nFounded in 1990.\n\n### Early years\n\nSmall.');
    expect(sectionText(PAGE, 2)).toBe('### Early years\n\nSmall.');
    expect(sectionText(PAGE, 3)).toBe('## Members\n\nMany.');
  });

  it('ignores "#" lines in fenced and indented code, quotes, lists and HTML comments', () => {
    const text = ['```', '# not a heading', '```', '', '    # indented code', '', '> ## quoted', '', '- ## in a list', '', '<!--', '# commented', '-->', '', '## Real'].join(
      '\n',
    );
    expect(titles(text)).toEqual(['', 'Real']);
    expect(sectionText(text, 1)).toBe('## Real');
  });

  it('reads setext headings, and a "---" under a paragraph as one, as the renderer does', () => {
    const text = 'Intro\n\nFirst\n=====\n\nText\n\nSecond\n------\n\nMore\n';
    expect(splitSections(text).map(({ title, depth }) => [title, depth])).toEqual([
      ['', 0],
      ['First', 1],
      ['Second', 2],
    ]);
    expect(sectionText(text, 2)).toBe('Second\n------\n\nMore');
    // Section 1 (level 1) includes the level-2 section after it.
    expect(sectionText(text, 1)).toBe('First\n=====\n\nText\n\nSecond\n------\n\nMore');
  });

  it('tells duplicate headings apart by number', () => {
    const text = '## Notes\n\na\n\n## Notes\n\nb\n';
    expect(titles(text)).toEqual(['', 'Notes', 'Notes']);
    expect(replaceSection(text, 2, '## Notes\n\nB')).toBe('## Notes\n\na\n\n## Notes\n\nB\n');
  });

  it('gives plain titles: formatting, links and footnote markers as the table of contents shows them', () => {
    const text = '## **Bold** `code` [[Telefono Azzurro|TA]] [site](https://example.org)[^1]\n\n[^1]: Note.\n';
    expect(splitSections(text)[1]!.title).toBe('Bold code TA site');
    expect(renderMarkdown(text).toc[0]!.text).toBe('Bold code TA site');
  });

  it('has a section 0 even when the page starts with a heading, or has no heading at all', () => {
    expect(sectionText('## A\n\nx', 0)).toBe('');
    expect(sectionText('just text\n', 0)).toBe('just text');
    expect(findSection('just text', 1)).toBeNull();
  });

  it('refuses numbers past the last section and non-integers', () => {
    expect(findSection(PAGE, 4)).toBeNull();
    expect(findSection(PAGE, -1)).toBeNull();
    expect(findSection(PAGE, 1.5)).toBeNull();
    expect(replaceSection(PAGE, 4, 'x')).toBeNull();
  });

  it('reads CRLF text with the same boundaries', () => {
    const crlf = PAGE.replaceAll('\n', '\r\n');
    expect(titles(crlf)).toEqual(['', 'History', 'Early years', 'Members']);
    expect(sectionText(crlf, 3)).toBe('## Members\r\n\r\nMany.');
    expect(replaceSection(crlf, 2, '### Early years\r\n\r\nTiny.')).toBe(crlf.replace('Small.', 'Tiny.'));
  });
});

describe('replaceSection', () => {
  it('changes only the section, keeping the rest byte for byte', () => {
    const replaced = replaceSection(PAGE, 2, '### Early years\n\nVery small.');
    expect(replaced).toBe(PAGE.replace('Small.', 'Very small.'));
    expect(replaceSection(PAGE, 3, '## Members\n\nFew.')).toBe(PAGE.replace('Many.', 'Few.'));
    expect(replaceSection(PAGE, 0, 'New lead.')).toBe(PAGE.replace('Lead paragraph.', 'New lead.'));
  });

  it('returns the text unchanged when the section is unchanged (trailing blank lines ignored)', () => {
    expect(replaceSection(PAGE, 1, `${sectionText(PAGE, 1)!}\n\n\n`)).toBe(PAGE);
  });

  it('accepts a replacement that adds or removes headings; numbering follows the new text', () => {
    const added = replaceSection(PAGE, 3, '## Members\n\nMany.\n\n## Partners\n\nSome.')!;
    expect(titles(added)).toEqual(['', 'History', 'Early years', 'Members', 'Partners']);
    const merged = replaceSection(PAGE, 1, '## History\n\nFounded in 1990, small at first.')!;
    expect(titles(merged)).toEqual(['', 'History', 'Members']);
    expect(merged).toBe('Lead paragraph.\n\n## History\n\nFounded in 1990, small at first.\n\n## Members\n\nMany.\n');
  });

  it('removes a section replaced by nothing', () => {
    expect(replaceSection(PAGE, 3, '')).toBe(PAGE.slice(0, PAGE.indexOf('## Members')));
  });

  it('keeps a blank line before the next heading, so a setext heading is not swallowed by the new last line', () => {
    // The code block's closing fence ends it, so "Next" starts a heading with no blank line before it.
    const text = 'Intro\n\n## A\n```\ncode\n```\nNext\n====\n';
    expect(titles(text)).toEqual(['', 'A', 'Next']);
    const replaced = replaceSection(text, 1, '## A\nnow a paragraph')!;
    expect(titles(replaced)).toEqual(['', 'A', 'Next']);
    expect(replaced).toBe('Intro\n\n## A\nnow a paragraph\n\nNext\n====\n');
  });
});

describe("the renderer's section numbers", () => {
  it('are the numbers of splitSections, top-level headings only', () => {
    const text = '# One\n\n> ## quoted\n\nTwo\n---\n\n```\n# code\n```\n\n### Three[^1]\n\n[^1]: n\n';
    const numbered = [...renderMarkdown(text).html.matchAll(/<h[1-6] data-section="(\d+)"[^>]*>([\s\S]*?)<\/h[1-6]>/g)];
    // A (time-limited) rendering carries the same headings, which the server splits with.
    expect(renderMarkdown(text).sections).toEqual(parseSectionHeadings(text));
    expect(splitSections(text, renderMarkdown(text).sections)).toEqual(splitSections(text));
    expect(numbered.map((match) => [Number(match[1]), headingTextOf(match[2]!)])).toEqual(
      splitSections(text)
        .slice(1)
        .map((section) => [section.index, section.title]),
    );
  });

  it('match for the ECPAT seed article, whose "ECPAT Philippines" heading is section 1', () => {
    const contentDir = path.join(import.meta.dirname, '../../content');
    const manifest = parseManifest(JSON.parse(readFileSync(path.join(contentDir, 'manifest.json'), 'utf8')), 'content/manifest.json');
    const entry = manifest.documents.find((document) => document.title === 'ECPAT')!;
    const fileName = `content/${entry.file}`;
    const markdown = convertFandomExport(decodeSeedFile(readFileSync(path.join(contentDir, entry.file)), fileName), { fileName, captions: entry.captions }).markdown;
    const sections = splitSections(markdown);
    expect(sections.map((section) => section.title)).toEqual(['', 'ECPAT Philippines', 'External links']);
    const html = addSectionEditLinks(renderMarkdown(markdown).html, '/wiki/ECPAT', { text: 'edit', label: (title) => `Edit section: ${title}` });
    const links = [...html.matchAll(/<a href="\/wiki\/ECPAT\?action=edit&#38;section=(\d+)" aria-label="Edit section: ([^"]*)">edit<\/a>/g)];
    expect(links.map((match) => [Number(match[1]), match[2]])).toEqual(sections.slice(1).map((section) => [section.index, section.title]));
  });
});
