// Link-preview descriptions and pictures (lib/domain/page-summary.ts), as the renderer computes
// them for every saved revision: the lead paragraph as plain text, cut near 160 characters.
import { describe, expect, it } from 'vitest';
import { renderAsPlainText, renderMarkdown } from '@/lib/domain/markdown';
import { DESCRIPTION_MAX_CHARS, truncateAtWord } from '@/lib/domain/page-summary';
import type { InfoboxData } from '@/lib/domain/templates/types';

const describeText = (markdown: string) => renderMarkdown(markdown).description;

const ECPAT_LEAD =
  'ECPAT is a network of organizations and individuals working together to eliminate the commercial sexual exploitation of children. Established in 1990.[^1] The acronym stands for End Child Prostitution.';

describe('the description of a page', () => {
  it('is the lead paragraph as plain text, cut at a word boundary near 160 characters with an ellipsis', () => {
    const description = describeText(`[[File:ECPAT logo.png|thumb|Logo della ECPAT]]\n\n${ECPAT_LEAD}\n\n[^1]: Founded in Bangkok.`);
    expect(description).toBe(
      'ECPAT is a network of organizations and individuals working together to eliminate the commercial sexual exploitation of children. Established in 1990. The…',
    );
    expect(Array.from(description).length).toBeLessThanOrEqual(DESCRIPTION_MAX_CHARS);
  });

  it('has no markup: emphasis, links, code and raw HTML tags give their text only', () => {
    expect(describeText('Some **bold**, _italic_, ~~struck~~ and `code` with a [link](https://example.org) and <b>tags</b>.')).toBe(
      'Some bold, italic, struck and code with a link and tags.',
    );
  });

  it('leaves out footnote markers and the notes themselves', () => {
    expect(describeText('Founded in 1990.[^1] Based in Bangkok.[^note]\n\n[^1]: A source.\n[^note]: Another.')).toBe('Founded in 1990. Based in Bangkok.');
  });

  it('shows wikilinks as their text and drops category links', () => {
    expect(describeText('See [[Telefono Azzurro|the helpline]] and [[ECPAT]], or [[ECPAT#History]].[[Category:Organizations]]')).toBe(
      'See the helpline and ECPAT, or ECPAT#History.',
    );
  });

  it('drops file embeds with their captions, and images', () => {
    expect(describeText('[[File:Logo.png|thumb|A caption that is not prose]]\n\nThe lead ![an icon](https://example.org/i.png) text [[File:Icon.png|20px]] here.')).toBe(
      'The lead text here.',
    );
    expect(describeText('![Map](File:Map.png)\n\nAfter the map.')).toBe('After the map.');
  });

  it('decodes HTML character references and collapses whitespace', () => {
    expect(describeText('Caf&eacute; &amp; bar &lt;3 &#8212;  caf&#xE8;\nand   more')).toBe('Café & bar <3 — cafè and more');
  });

  it('keeps Italian text whole: accents, apostrophes and words are never split', () => {
    const italian =
      "L'associazione è nata nel 1987 per dare ascolto ai bambini e agli adolescenti d'Italia: perché ogni voce conta, e nessuno dev'essere lasciato solo davanti alla violenza più nascosta.";
    const description = describeText(italian);
    expect(description).toBe(
      "L'associazione è nata nel 1987 per dare ascolto ai bambini e agli adolescenti d'Italia: perché ogni voce conta, e nessuno dev'essere lasciato solo davanti alla…",
    );
    expect(italian.startsWith(description.slice(0, -1))).toBe(true);
  });

  it('skips headings, tables, lists, quotes and code, hatnotes and hand-written infoboxes', () => {
    const markdown = [
      '# ECPAT',
      '_For the Italian group see [[ECPAT Italia]]._',
      '| Founded | 1990 |\n|---|---|\n| Seat | Bangkok |',
      '**Founded:** 1990\n**Seat:** Bangkok',
      '> A quotation.',
      '```\ncode\n```',
      'The real lead.',
    ].join('\n\n');
    expect(describeText(markdown)).toBe('The real lead.');
  });

  it('adds the paragraphs after a short lead, up to the next heading', () => {
    expect(describeText('Short lead.\n\nSecond paragraph.\n\n## History\n\nNot the lead.')).toBe('Short lead. Second paragraph.');
    expect(describeText('## Only a section\n\nIts text.')).toBe('Its text.');
  });

  it('is short or empty for very short and empty pages', () => {
    expect(describeText('')).toBe('');
    expect(describeText('   \n\n')).toBe('');
    expect(describeText('Hi.')).toBe('Hi.');
    expect(describeText('## A heading only')).toBe('');
    expect(describeText('[[File:Only a picture.png|thumb|Caption]]')).toBe('');
    expect(describeText('[[Category:Stubs]]')).toBe('');
    // A page of notes only still says something.
    expect(describeText('_Just a note._')).toBe('Just a note.');
    expect(renderAsPlainText('anything').description).toBe('');
  });
});

describe('the preview picture of a page', () => {
  it('is the first file shown as a picture of its own, else the first file embed, in either syntax, or none', () => {
    expect(renderMarkdown('Text.\n\n[[File:First one.png|thumb|A]]\n\n[[File:Second.png|thumb]]').previewFile).toBe('First_one.png');
    expect(renderMarkdown('An [[File:Icon.png|20px]] icon.\n\n![A map](File:Map.png)\n\n[[File:Later.png|thumb]]').previewFile).toBe('Map.png');
    expect(renderMarkdown('![alt](File:Inline.png) and [[Image:Later.jpg]] inline').previewFile).toBe('Inline.png');
    expect(renderMarkdown('![web](https://example.org/a.png) and [[:File:Only a link.png]]').previewFile).toBeNull();
    expect(renderMarkdown('').previewFile).toBeNull();
  });

  // Fandom's previews show the infobox's image: the picture that stands for the page.
  it("is the infobox's image when there is one, wherever the infobox stands", () => {
    const infobox = (file: string): InfoboxData => ({
      items: [
        { kind: 'title', text: 'ECPAT' },
        { kind: 'image', file, alt: '', caption: 'The logo' },
      ],
    });
    const marker = (index: number) => `\u007fINFOBOX-${index}\u007f`;
    const rendered = (source: string, infoboxes: InfoboxData[]) => renderMarkdown(source, { infoboxes }).previewFile;
    expect(rendered(`[[File:Photo.png|thumb|A photo]]\n\n${marker(0)}\n\nThe lead.`, [infobox('Logo.png')])).toBe('Logo.png');
    expect(rendered(`The lead.\n\n## History\n\n[[File:Photo.png|thumb]]\n\n${marker(0)}\n\n${marker(1)}`, [infobox('First_box.png'), infobox('Second_box.png')])).toBe(
      'First_box.png',
    );
    // An infobox without a picture leaves the choice to the text.
    expect(rendered(`${marker(0)}\n\nAn [[File:Icon.png|20px]] icon.\n\n[[File:Photo.png|thumb]]`, [{ items: [{ kind: 'title', text: 'ECPAT' }] }])).toBe('Photo.png');
  });
});

describe('truncateAtWord', () => {
  it('keeps text that fits, cuts at the last space otherwise, and drops dangling punctuation', () => {
    expect(truncateAtWord('short text', 20)).toBe('short text');
    expect(truncateAtWord('one two three four', 12)).toBe('one two…');
    expect(truncateAtWord('one two, three four', 10)).toBe('one two…');
    expect(truncateAtWord('supercalifragilistic', 10)).toBe('supercali…');
    // Counted in code points: an emoji is never split in half.
    expect(truncateAtWord('😀😀😀😀😀😀', 4)).toBe('😀😀😀…');
  });
});
