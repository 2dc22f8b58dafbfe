import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { convertAhead, type ConvertAheadOptions, type ConvertedEvent } from '@/lib/server/backup/convert-ahead';
import type { DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { sha1Hex, WIKITEXT_MODEL, type DumpPage, type DumpRevision } from '@/lib/domain/mediawiki-xml';
import { plainFallback, wikitextToMarkdown } from '@/lib/domain/wikitext/convert';

/**
 * The import's conversion in worker threads (lib/server/backup/convert-ahead.ts), with real
 * workers: events come out in the file's order with the conversion the main thread would have
 * made, reverts reuse a conversion, a batch over its time limit is cut off and kept as plain text,
 * a failure names its revision, and no thread outlives the iteration.
 */

let nextId = 1;
function page(title: string): DumpPage {
  return { title, namespace: /^Template:/u.test(title) ? 10 : 0, id: nextId++, redirectTarget: null, deletedAt: null };
}
/** A wikitext revision, or with `markdown` one in this wiki's own format (no <model>). */
function revision(text: string, format: 'wikitext' | 'markdown' = 'wikitext'): DumpRevision {
  const id = nextId++;
  const model = format === 'wikitext' ? WIKITEXT_MODEL : undefined;
  return {
    id,
    parentId: null,
    timestamp: new Date(1_700_000_000_000 + id),
    author: { id: 1, name: 'Alice' },
    minor: false,
    summary: '',
    text,
    model,
    sha1: sha1Hex(text),
    hidden: 0,
    archived: false,
  };
}
/** A page's events: its header, its revisions, its end. */
function pageEvents(title: string, revisions: DumpRevision[]): DumpEvent[] {
  const header = page(title);
  return [{ type: 'page', page: header }, ...revisions.map((r) => ({ type: 'revision' as const, page: header, revision: r })), { type: 'pageEnd', page: header }];
}
async function* from(events: DumpEvent[]): AsyncGenerator<DumpEvent> {
  for (const event of events) yield event;
}
async function collect(events: DumpEvent[], options?: ConvertAheadOptions): Promise<ConvertedEvent[]> {
  const out: ConvertedEvent[] = [];
  for await (const event of convertAhead(from(events), options)) out.push(event);
  return out;
}
/** An event's type, page and revision id, to compare sequences. */
const label = (event: DumpEvent | ConvertedEvent) =>
  'page' in event ? [event.type, event.page.title, ...(event.type === 'revision' ? [event.revision.id] : [])].join(' ') : event.type;
const revisionsOf = (events: ConvertedEvent[]) => events.flatMap((event) => (event.type === 'revision' ? [event] : []));

const DENSE = Array.from(
  { length: 60 },
  (_, i) =>
    `== Part ${i} ==\n'''Bold''' and ''italic'' with [[Link ${i}|a link]] and {{Template ${i}|x=${i}}}.\n{| class="wikitable"\n|-\n! A !! B\n|-\n| ${i} || [https://example.org/${i} out]\n|}\n* one\n** two <ref>Note ${i}</ref>\n`,
).join('\n');

describe('convertAhead', () => {
  it('yields every event in the input order, each wikitext revision converted as the main thread would', async () => {
    const events = [
      ...pageEvents('Alpha', [revision("'''one'''"), revision('== Two ==\n[[Beta|b]]')]),
      ...pageEvents('Template:Box', [revision('<includeonly>{{{1}}}</includeonly><noinclude>doc</noinclude>')]),
      ...Array.from({ length: 12 }, (_, i) => pageEvents(`Page ${i}`, [revision(`Text ${i} with ''style''`), revision(`Text ${i}, edited: [[Page ${i + 1}]]`)])).flat(),
    ];
    // Small batches and window: many batches, and reading waits for the consumer.
    const out = await collect(events, { batch: 3, window: 7 });
    expect(out.map(label)).toEqual(events.map(label));
    for (const event of revisionsOf(out)) {
      const expected = wikitextToMarkdown(event.revision.text, { title: event.page.title });
      expect(event.converted).toEqual({
        text: expected.markdown,
        sha1: sha1Hex(expected.markdown),
        source: { model: WIKITEXT_MODEL, text: event.revision.text },
        issues: expected.issues,
      });
    }
  });

  it('passes markdown revisions through unchanged, with the original a full backup carries', async () => {
    const markdown = revision('# Heading\n\n**bold**\n', 'markdown');
    const restored = { ...revision('**converted**\n', 'markdown'), source: { model: WIKITEXT_MODEL, text: "'''converted'''" } };
    const [first, second] = revisionsOf(await collect(pageEvents('Mixed', [markdown, restored])));
    expect(first!.converted).toEqual({ text: markdown.text, sha1: markdown.sha1, source: null, issues: [] });
    expect(second!.converted).toEqual({ text: restored.text, sha1: restored.sha1, source: restored.source, issues: [] });
  });

  it('reuses the conversion of an earlier revision of the page with the same text (a revert)', async () => {
    const [original, vandalism, revert] = revisionsOf(await collect(pageEvents('Reverted', [revision("'''Kept'''"), revision('spam'), revision("'''Kept'''")])));
    // The very same conversion, not a second one.
    expect(revert!.converted).toBe(original!.converted);
    expect(vandalism!.converted.text).toBe('spam\n');
    expect(revert!.converted.source).toEqual({ model: WIKITEXT_MODEL, text: "'''Kept'''" });
  });

  it('leaves out the revisions of pages it is told not to convert', async () => {
    const events = [...pageEvents('Skipped', [revision('x')]), ...pageEvents('Kept', [revision('y')])];
    const out = await collect(events, { titleOf: (p) => (p.title === 'Skipped' ? null : p.title) });
    expect(out.map(label)).toEqual([
      'page Skipped',
      'pageEnd Skipped',
      'page Kept',
      `revision Kept ${events[4]!.type === 'revision' && events[4]!.revision.id}`,
      'pageEnd Kept',
    ]);
  });

  it('cuts off a batch over its time limit and keeps each revision that is still over it as plain text', async () => {
    const slow = revision(`${DENSE}\n\nA * star and a # hash.`);
    const markdown = revision('plain **markdown**\n', 'markdown');
    // A budget no conversion of this text can meet: the batch, then the revision alone, overrun it.
    const out = revisionsOf(await collect([...pageEvents('Slow', [slow, markdown]), ...pageEvents('Other', [revision('Fine')])], { budgetMs: () => 1 }));
    const [cut, untouched, other] = out;
    expect(cut!.converted.issues).toEqual([
      { construct: 'conversion time limit', line: 1, detail: 'kept as plain text: converting took longer than 1 ms (the original is kept)' },
    ]);
    expect(cut!.converted.text).toBe(plainFallback(slow.text));
    expect(cut!.converted.text).toContain('\\[\\[Link 0|a link\\]\\]');
    expect(cut!.converted.source).toEqual({ model: WIKITEXT_MODEL, text: slow.text });
    expect(untouched!.converted.text).toBe(markdown.text);
    expect(other!.revision.text).toBe('Fine');
  });

  it('converts the revisions of a cut-off batch again one by one, each with its own time limit', async () => {
    const small = Array.from({ length: 4 }, (_, i) => revision(`Small ${i}`));
    const big = revision(DENSE);
    // The batch's limit (by its total size) is exceeded; each small revision alone meets its own.
    const budgetMs = (chars: number) => (chars > DENSE.length ? 1 : 30_000);
    const out = revisionsOf(await collect(pageEvents('Batch', [...small, big]), { budgetMs, batch: 8 }));
    expect(out.slice(0, 4).map((event) => event.converted.text)).toEqual(['Small 0\n', 'Small 1\n', 'Small 2\n', 'Small 3\n']);
    expect(out.slice(0, 4).every((event) => event.converted.issues.length === 0)).toBe(true);
    expect(out[4]!.converted.issues.map((issue) => issue.construct)).not.toContain('conversion time limit');
  });

  it('rejects the iteration with the page and revision when converting fails in the worker', async () => {
    // Not text: what a bug would hand the converter. It fails in the worker, not here.
    const broken = revision('placeholder');
    (broken as { text: unknown }).text = { length: 3 };
    const events = pageEvents('Broken page', [revision('fine'), broken, revision('never reached')]);
    const seen: number[] = [];
    const iterate = async () => {
      for await (const event of convertAhead(from(events))) if (event.type === 'revision') seen.push(event.revision.id);
    };
    await expect(iterate()).rejects.toThrow(new RegExp(`page "Broken page", revision ${broken.id}.*TypeError`, 'u'));
    expect(seen).toHaveLength(1);
  });

  it('stops its worker threads when the iteration ends or is abandoned', async () => {
    // The process's threads (Linux): each worker is one; piscina's are unreferenced, so they are
    // not among the process's active handles.
    const threads = () => readdirSync('/proc/self/task').length;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
    const events = Array.from({ length: 5 }, (_, i) => pageEvents(`P${i}`, [revision(`Text ${i}`)])).flat();
    await collect(events);
    await settle();
    const before = threads();
    let during = 0;
    for await (const event of convertAhead(from(events))) {
      during = threads();
      if (event.type === 'revision') break;
    }
    expect(during).toBeGreaterThan(before);
    await settle();
    expect(threads()).toBe(before);
  });
});
