import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EditMap } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';
import { consumeFromFirstEdit, linearEditMapConsumeApplied, upstreamEditMapConsume } from '@/lib/domain/markdown-edit-map';

type Events = Event[];

/** Stand-ins for micromark's events: consume only moves them around, so any distinct values do. */
function fakeEvents(count: number, from = 0): Events {
  return Array.from({ length: count }, (_, index) => `event ${from + index}` as unknown as Event);
}

interface Edit {
  at: number;
  remove: number;
  add: number;
}

function editMapOf(edits: readonly Edit[]): EditMap {
  const map = new EditMap();
  edits.forEach((edit, index) => map.add(edit.at, edit.remove, fakeEvents(edit.add, 1_000 * (index + 1))));
  return map;
}

/** An event list whose element reads are counted: how much of the document one consume copies. */
function countingReads(events: Events): { events: Events; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(events, {
    get(target, property, receiver) {
      if (typeof property === 'string' && /^\d+$/.test(property)) reads += 1;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { events: proxy, reads: () => reads };
}

describe('micromark edit map fix', () => {
  it('is applied when the renderer builds its processor, not when the renderer is imported', async () => {
    const { renderMarkdown } = await import('@/lib/domain/markdown');
    expect(linearEditMapConsumeApplied()).toBe(false);
    expect(renderMarkdown('- voce\n  - sotto-voce\n').html).toContain('<li>sotto-voce</li>');
    expect(linearEditMapConsumeApplied()).toBe(true);
    expect(EditMap.prototype.consume).not.toBe(upstreamEditMapConsume());
  });

  it('gives exactly the events the upstream method gives', () => {
    const upstream = upstreamEditMapConsume();
    const edits = fc
      .tuple(fc.integer({ min: 0, max: 60 }), fc.array(fc.record({ gap: fc.nat(8), remove: fc.nat(4), add: fc.nat(3) }), { maxLength: 12 }))
      .map(([length, raw]) => {
        // Edits in micromark never overlap: each removes events before the next one starts.
        const list: Edit[] = [];
        let at = 0;
        for (const { gap, remove, add } of raw) {
          at += gap;
          if (at > length) break;
          const removed = Math.min(remove, length - at);
          list.push({ at, remove: removed, add });
          at += removed;
        }
        // Added out of order, as micromark does: consume sorts them.
        return { length, list: list.reverse() };
      });
    fc.assert(
      fc.property(edits, ({ length, list }) => {
        const expected = fakeEvents(length);
        upstream.call(editMapOf(list), expected);
        const actual = fakeEvents(length);
        const map = editMapOf(list);
        consumeFromFirstEdit(map, actual);
        expect(actual).toEqual(expected);
        expect(map.map).toHaveLength(0);
      }),
      { numRuns: 500 },
    );
  });

  // Why the fix is needed: micromark consumes an edit map each time a list item with a nested list
  // ends, with the edits near the end of the document so far. Upstream copies the whole event list
  // every time (quadratic over a page of such items); the fix copies only what follows the edit.
  it('copies only the events after the first edit, where upstream copies them all', () => {
    const length = 20_000;
    const edit: Edit = { at: length - 2, remove: 1, add: 2 };

    const upstream = countingReads(fakeEvents(length));
    upstreamEditMapConsume().call(editMapOf([edit]), upstream.events);
    const linear = countingReads(fakeEvents(length));
    consumeFromFirstEdit(editMapOf([edit]), linear.events);

    expect(upstream.reads()).toBeGreaterThanOrEqual(length - 2);
    expect(linear.reads()).toBeLessThanOrEqual(2);
    expect([...linear.events]).toEqual([...upstream.events]);
  });
});
