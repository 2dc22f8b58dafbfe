import { describe, expect, it } from 'vitest';
import { applyToolbarAction, nextFootnoteNumber, type Placeholders, type TextEdit, type ToolbarAction } from '@/lib/domain/editor-transforms';

const placeholders: Placeholders = {
  bold: 'Bold text',
  italic: 'Italic text',
  heading: 'Heading text',
  linkText: 'Link text',
  linkTarget: 'https://',
  wikiLink: 'Page title',
  listItem: 'List item',
  quote: 'Quote',
  code: 'code',
  tableHeader: 'Header',
  tableCell: 'Cell',
  footnote: 'Footnote text',
};

/** Writes the selection into the text as «…» (or ‸ for a caret) so expectations read as the editor shows them. */
function marked({ text, selection }: TextEdit): string {
  if (selection.from === selection.to) return `${text.slice(0, selection.from)}‸${text.slice(selection.from)}`;
  return `${text.slice(0, selection.from)}«${text.slice(selection.from, selection.to)}»${text.slice(selection.to)}`;
}

/** The same notation as input: «…» marks the selection, ‸ the caret. */
function apply(action: ToolbarAction, input: string): string {
  const caret = input.indexOf('‸');
  if (caret !== -1) return marked(applyToolbarAction(action, input.replace('‸', ''), { from: caret, to: caret }, placeholders));
  const from = input.indexOf('«');
  const to = input.indexOf('»') - 1;
  return marked(applyToolbarAction(action, input.replace('«', '').replace('»', ''), { from, to }, placeholders));
}

describe('inline markup', () => {
  it('wraps the selection and keeps it selected', () => {
    expect(apply('bold', 'The «Rafto» Prize')).toBe('The **«Rafto»** Prize');
    expect(apply('italic', 'The «Rafto» Prize')).toBe('The *«Rafto»* Prize');
    expect(apply('wikiLink', 'See «Telefono Azzurro».')).toBe('See [[«Telefono Azzurro»]].');
    expect(apply('code', 'Run «npm test» now')).toBe('Run `«npm test»` now');
  });

  it('unwraps when the selection is already wrapped, inside or outside the markers', () => {
    expect(apply('bold', 'The **«Rafto»** Prize')).toBe('The «Rafto» Prize');
    expect(apply('bold', 'The «**Rafto**» Prize')).toBe('The «Rafto» Prize');
    expect(apply('italic', 'The *«Rafto»* Prize')).toBe('The «Rafto» Prize');
    expect(apply('wikiLink', 'See [[«ECPAT»]].')).toBe('See «ECPAT».');
  });

  it('tells italic from bold: italic inside bold adds a third star, bold inside bold-italic unwraps', () => {
    expect(apply('italic', '**«word»**')).toBe('***«word»***');
    expect(apply('italic', '***«word»***')).toBe('**«word»**');
    expect(apply('bold', '***«word»***')).toBe('*«word»*');
  });

  it('leaves a trailing space of a double-clicked word outside the markup', () => {
    expect(apply('bold', 'The «Rafto »Prize')).toBe('The **«Rafto»** Prize');
  });

  it('inserts a selected placeholder for an empty selection', () => {
    expect(apply('bold', 'The ‸ Prize')).toBe('The **«Bold text»** Prize');
    expect(apply('italic', '‸')).toBe('*«Italic text»*');
    expect(apply('wikiLink', 'See ‸')).toBe('See [[«Page title»]]');
  });

  it('fences a selection of several lines as a code block, and unfences it', () => {
    expect(apply('code', 'Intro\n«a = 1\nb = 2»\nEnd')).toBe('Intro\n```\n«a = 1\nb = 2»\n```\nEnd');
    expect(apply('code', 'Intro\n«```\na = 1\nb = 2\n```»\nEnd')).toBe('Intro\n«a = 1\nb = 2»\nEnd');
  });
});

describe('links', () => {
  it('makes the selection the label and selects the address to type', () => {
    expect(apply('link', 'Visit «the foundation» today')).toBe('Visit [the foundation](«https://») today');
    expect(apply('link', '‸')).toBe('[Link text](«https://»)');
  });

  it('makes a selected address the target and selects the label', () => {
    expect(apply('link', 'See «https://www.rafto.no»')).toBe('See [«Link text»](https://www.rafto.no)');
  });

  it('unlinks a selected link, keeping its label', () => {
    expect(apply('link', 'See «[Rafto](https://www.rafto.no)»!')).toBe('See «Rafto»!');
  });
});

describe('headings', () => {
  it('cycles the current line through levels 2, 3, 4 and back to plain text', () => {
    expect(apply('heading', 'Intro\nHist‸ory\nEnd')).toBe('Intro\n## Hist‸ory\nEnd');
    expect(apply('heading', '## Hist‸ory')).toBe('### Hist‸ory');
    expect(apply('heading', '### Hist‸ory')).toBe('#### Hist‸ory');
    expect(apply('heading', '#### Hist‸ory')).toBe('Hist‸ory');
    expect(apply('heading', '# Hist‸ory')).toBe('## Hist‸ory');
  });

  it('puts a selected placeholder on an empty line', () => {
    expect(apply('heading', 'Text\n‸')).toBe('Text\n## «Heading text»');
  });
});

describe('lists and quotes', () => {
  it('prefixes every non-empty line the selection touches', () => {
    expect(apply('bulletList', 'Fans:\n«Rome\nMilan\n\nTurin»')).toBe('Fans:\n«- Rome\n- Milan\n\n- Turin»');
    expect(apply('numberedList', 'Fa«ns\nRo»me')).toBe('«1. Fans\n2. Rome»');
    expect(apply('quote', '«One\nTwo»')).toBe('«> One\n> Two»');
  });

  it('removes the prefix when every line has it', () => {
    expect(apply('bulletList', '«- Rome\n* Milan»')).toBe('«Rome\nMilan»');
    expect(apply('numberedList', '«1. Rome\n2) Milan»')).toBe('«Rome\nMilan»');
    expect(apply('quote', '«> One\n>Two»')).toBe('«One\nTwo»');
  });

  it('turns one kind of list into the other and renumbers', () => {
    expect(apply('numberedList', '«- Rome\nMilan»')).toBe('«1. Rome\n2. Milan»');
  });

  it('leaves out the line after a selection that ends at its start', () => {
    expect(apply('quote', '«One\n»Two')).toBe('«> One»\nTwo');
  });

  it('starts a list item with a selected placeholder on an empty line', () => {
    expect(apply('bulletList', 'Fans\n\n‸')).toBe('Fans\n\n- «List item»');
  });
});

describe('tables, footnotes and signatures', () => {
  it('inserts a table as a block of its own with the first header selected', () => {
    expect(apply('table', 'Before‸After')).toBe('Before\n\n| «Header 1» | Header 2 |\n| --- | --- |\n| Cell | Cell |\n\nAfter');
    expect(apply('table', '‸')).toBe('| «Header 1» | Header 2 |\n| --- | --- |\n| Cell | Cell |');
  });

  it('numbers a footnote after the highest one and adds its definition at the end', () => {
    expect(nextFootnoteNumber('No notes')).toBe(1);
    expect(nextFootnoteNumber('A[^1] b[^3] c[^note]\n\n[^1]: x')).toBe(4);
    expect(apply('footnote', 'Founded in «1987».\n\nMore.\n')).toBe('Founded in 1987[^1].\n\nMore.\n\n[^1]: «Footnote text»\n');
    expect(apply('footnote', 'A[^1] and B‸.\n\n[^1]: First.')).toBe('A[^1] and B[^2].\n\n[^1]: First.\n[^2]: «Footnote text»\n');
  });

  it('signs after the selection, with a space when the text touches it', () => {
    expect(apply('signature', 'I agree.‸')).toBe('I agree. ~~~~‸');
    expect(apply('signature', 'I agree. ‸')).toBe('I agree. ~~~~‸');
    expect(apply('signature', '‸')).toBe('~~~~‸');
  });
});
