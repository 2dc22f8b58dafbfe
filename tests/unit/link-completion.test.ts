import { describe, expect, it } from 'vitest';
import { completionInsert, linkCompletionContext, MAX_TARGET, NAMESPACE_PREFIX, type LinkCompletionContext } from '@/lib/domain/link-completion';
import { NAMESPACE_NAMES, NS } from '@/lib/domain/titles';
import { pickedImageEdit } from '@/lib/domain/files/picked-image';

/** The context at the caret written as ‸ in `input`. */
function at(input: string): LinkCompletionContext | null {
  const caret = input.indexOf('‸');
  return linkCompletionContext(input.replace('‸', ''), caret);
}

/** The text once `title` is chosen at ‸, with ‸ where the cursor ends up. */
function complete(input: string, title: string): string {
  const text = input.replace('‸', '');
  const context = at(input);
  if (!context) throw new Error(`no completion at ${input}`);
  const insert = completionInsert(title, context);
  return `${text.slice(0, context.from)}${insert}‸${text.slice(context.to)}`;
}

describe('linkCompletionContext', () => {
  it('asks for page titles after [[, from just after the brackets to the cursor', () => {
    expect(at('See [[EC‸')).toEqual({ from: 6, to: 8, typed: 'EC', query: 'EC', namespace: null, closed: false });
    expect(complete('See [[EC‸', 'ECPAT')).toBe('See [[ECPAT]]‸');
  });

  it('has nothing to ask right after [[ (no query yet) but knows the place', () => {
    expect(at('[[‸')).toMatchObject({ from: 2, to: 2, query: '', namespace: null });
  });

  it('asks for files after [[File: and [[Image: (searched as File:), categories after [[Category:', () => {
    expect(at('[[File:Ph‸')).toMatchObject({ from: 2, query: 'File:Ph', namespace: NS.FILE });
    expect(at('[[file:‸')).toMatchObject({ query: 'file:', namespace: NS.FILE });
    expect(at('[[Image:Ph‸')).toMatchObject({ from: 2, typed: 'Image:Ph', query: 'File:Ph', namespace: NS.FILE });
    expect(at('[[Category:Hu‸')).toMatchObject({ query: 'Category:Hu', namespace: NS.CATEGORY });
    expect(at('[[Category:‸')).toMatchObject({ query: 'Category:', namespace: NS.CATEGORY });
    expect(complete('[[Image:Ph‸', 'File:Photo.png')).toBe('[[File:Photo.png]]‸');
  });

  it('keeps the leading colon of a link to a category or file page', () => {
    expect(at('[[:Category:Hu‸')).toMatchObject({ from: 3, typed: 'Category:Hu', namespace: NS.CATEGORY });
    expect(complete('[[:Category:Hu‸', 'Category:Human rights')).toBe('[[:Category:Human rights]]‸');
    expect(at('[[::‸')).toBeNull();
  });

  it('leaves other namespaces to the endpoint (it reads the prefix itself)', () => {
    expect(at('[[Talk:EC‸')).toMatchObject({ query: 'Talk:EC', namespace: null });
  });

  it('does not complete outside a link target: plain text, a closed link, a label, a section, another line', () => {
    expect(at('plain text‸')).toBeNull();
    expect(at('[[ECPAT]] and more‸')).toBeNull();
    expect(at('[[ECPAT|the charity‸')).toBeNull();
    expect(at('[[ECPAT#Hist‸')).toBeNull();
    expect(at('[[File:A.png|thumb|‸')).toBeNull();
    expect(at('[[EC\nnext line‸')).toBeNull();
    expect(at('‸')).toBeNull();
    expect(at('[‸')).toBeNull();
  });

  it('takes the innermost opener: [[[x completes x, and a link in an image caption completes', () => {
    expect(at('[[[x‸')).toMatchObject({ from: 3, typed: 'x' });
    expect(at('[[File:A.png|thumb|See [[EC‸')).toMatchObject({ typed: 'EC', namespace: null });
  });

  it('does not double an existing ]]: the suggestion replaces the rest of the target and the cursor stays before ]]', () => {
    expect(at('[[EC‸]]')).toMatchObject({ from: 2, to: 4, closed: true });
    expect(complete('[[EC‸]] next', 'ECPAT')).toBe('[[ECPAT‸]] next');
    expect(complete('[[EC‸P]]', 'ECPAT')).toBe('[[ECPAT‸]]');
    expect(complete('[[EC‸P|the charity]]', 'ECPAT')).toBe('[[ECPAT‸|the charity]]');
    expect(complete('[[EC‸#History]]', 'ECPAT')).toBe('[[ECPAT‸#History]]');
  });

  it('never eats the text after an unclosed link', () => {
    expect(at('[[EC‸ is a charity.')).toMatchObject({ to: 4, closed: false });
    expect(complete('[[EC‸ is a charity.', 'ECPAT')).toBe('[[ECPAT]]‸ is a charity.');
    expect(complete('[[EC‸]', 'ECPAT')).toBe('[[ECPAT]]‸]');
  });

  it('knows the File and Category namespaces by the numbers and names of lib/domain/titles.ts', () => {
    expect(NAMESPACE_PREFIX).toEqual({ [NS.FILE]: `${NAMESPACE_NAMES[NS.FILE]}:`, [NS.CATEGORY]: `${NAMESPACE_NAMES[NS.CATEGORY]}:` });
  });

  it('reads only one title’s length back from the cursor', () => {
    const long = 'a'.repeat(MAX_TARGET);
    expect(at(`[[${long}‸`)).toMatchObject({ typed: long });
    expect(at(`[[${long}b‸`)).toBeNull();
    expect(linkCompletionContext('[[EC', 99)).toBeNull();
  });
});

describe('pickedImageEdit (Insert image)', () => {
  const apply = (input: string, name: string) => {
    const from = input.includes('‸') ? input.indexOf('‸') : input.indexOf('«');
    const to = input.includes('‸') ? from : input.indexOf('»') - 1;
    const text = input.replace(/[‸«»]/gu, '');
    const edit = pickedImageEdit(name, text, { from, to });
    const after = `${text.slice(0, edit.from)}${edit.insert}${text.slice(edit.to)}`;
    const { from: a, to: b } = edit.selection;
    return a === b ? `${after.slice(0, a)}‸${after.slice(a)}` : `${after.slice(0, a)}«${after.slice(a, b)}»${after.slice(b)}`;
  };

  it('inserts a thumbnail at the cursor with the caret in the caption', () => {
    expect(apply('Intro ‸rest', 'Logo.png')).toBe('Intro [[File:Logo.png|thumb|‸]]rest');
    expect(apply('‸', 'File:Logo.png')).toBe('[[File:Logo.png|thumb|‸]]');
  });

  it('makes selected text the caption, still selected', () => {
    expect(apply('A «red logo» here', 'Logo.png')).toBe('A [[File:Logo.png|thumb|«red logo»]] here');
  });

  it('keeps a selection that cannot be a caption and inserts after it', () => {
    expect(apply('«two\nlines» end', 'Logo.png')).toBe('two\nlines[[File:Logo.png|thumb|‸]] end');
    expect(apply('«[[ECPAT]]»', 'Logo.png')).toBe('[[ECPAT]][[File:Logo.png|thumb|‸]]');
  });
});
