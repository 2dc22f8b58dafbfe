import { describe, expect, it } from 'vitest';
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { linkCompletionSource, titleSource, TITLE_ENDPOINT } from '@/components/editor/link-autocomplete';

/**
 * The editor's completion source on a real CodeMirror state (no view: the list itself needs a
 * layout engine and is exercised in tests/e2e/editor-autocomplete.test.ts). The endpoint is the
 * one thing replaced here: a function answering in its shape, { pages: [{ title }] }.
 */
function contextAt(input: string): CompletionContext {
  const caret = input.indexOf('‸');
  return new CompletionContext(EditorState.create({ doc: input.replace('‸', '') }), caret, false);
}

function endpoint(titles: Record<string, string[]>, calls: string[] = []): typeof fetch {
  return async (input) => {
    const url = new URL(String(input), 'http://wiki.test');
    calls.push(`${url.pathname}?${url.searchParams}`);
    const q = url.searchParams.get('q') ?? '';
    if (q === 'broken') return new Response('{}', { status: 500 });
    return Response.json({ pages: (titles[q] ?? []).map((title) => ({ id: 1, key: title.replaceAll(' ', '_'), title })) });
  };
}

describe('linkCompletionSource', () => {
  it('offers the endpoint’s titles after [[, each closing the link', async () => {
    const source = linkCompletionSource(titleSource(endpoint({ EC: ['ECPAT', 'ECPAT Philippines'] })));
    const result = (await source(contextAt('See [[EC‸ now'))) as CompletionResult;
    expect(result).toMatchObject({ from: 6, to: 8, filter: false });
    expect(result.options.map((option) => [option.label, option.apply])).toEqual([
      ['ECPAT', 'ECPAT]]'],
      ['ECPAT Philippines', 'ECPAT Philippines]]'],
    ]);
  });

  it('does not add ]] to a closed link, and replaces the rest of its target', async () => {
    const source = linkCompletionSource(titleSource(endpoint({ EC: ['ECPAT'] })));
    const result = (await source(contextAt('[[EC‸P]]'))) as CompletionResult;
    expect(result).toMatchObject({ from: 2, to: 5 });
    expect(result.options[0]!.apply).toBe('ECPAT');
  });

  it('keeps to the namespace asked for: files after [[File:, categories after [[Category:', async () => {
    const source = linkCompletionSource(titleSource(endpoint({ 'File:Ph': ['File:Photo.png', 'Photo'], 'Category:': ['Category:Human rights'] })));
    expect(((await source(contextAt('[[File:Ph‸'))) as CompletionResult).options.map((option) => option.label)).toEqual(['File:Photo.png']);
    expect(((await source(contextAt('[[Category:‸'))) as CompletionResult).options.map((option) => option.label)).toEqual(['Category:Human rights']);
  });

  it('asks nothing outside a link or before anything is typed', async () => {
    const calls: string[] = [];
    const source = linkCompletionSource(titleSource(endpoint({}, calls)));
    expect(await source(contextAt('plain‸'))).toBeNull();
    expect(await source(contextAt('[[‸'))).toBeNull();
    expect(await source(contextAt('[[ECPAT|label‸'))).toBeNull();
    expect(calls).toEqual([]);
  });

  it('drops the answer of a query the text has moved past (aborted), and aborts its request', async () => {
    let signal: AbortSignal | undefined;
    let answer: () => void = () => {};
    const slow: typeof fetch = (_input, init) =>
      new Promise((resolve) => {
        signal = init?.signal ?? undefined;
        answer = () => resolve(Response.json({ pages: [{ title: 'ECPAT' }] }));
      });
    const context = contextAt('[[EC‸');
    const pending = linkCompletionSource(titleSource(slow))(context);
    await Promise.resolve();
    // What CodeMirror's completion plugin does when the text changes under a running query that
    // asked for it (onDocChange): call the listeners, then mark the context aborted (its own fields).
    const internals = context as unknown as { abortListeners: (() => void)[] | null };
    internals.abortListeners!.forEach((listener) => listener());
    internals.abortListeners = null;
    expect(context.aborted).toBe(true);
    expect(signal?.aborted).toBe(true);
    answer();
    expect(await pending).toBeNull();
  });
});

describe('titleSource', () => {
  it('asks the title-suggestion endpoint for 10 titles, once per query, and gives nothing when it fails', async () => {
    const calls: string[] = [];
    const titles = titleSource(endpoint({ 'File:Ph': ['File:Photo.png'] }, calls));
    const signal = new AbortController().signal;
    expect(await titles('File:Ph', signal)).toEqual(['File:Photo.png']);
    expect(await titles('File:Ph', signal)).toEqual(['File:Photo.png']);
    expect(await titles('broken', signal)).toBeNull();
    expect(calls).toEqual([`${TITLE_ENDPOINT}?q=File%3APh&limit=10`, `${TITLE_ENDPOINT}?q=broken&limit=10`]);
  });
});
