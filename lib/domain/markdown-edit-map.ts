/**
 * micromark (the parser behind remark) applies its edits by copying the document's whole event
 * list, and it does so each time a list item holding a nested list ends: ordinary pages took time
 * quadratic in their length (4 000 sections with a nested list: two and a half minutes). The
 * edits it makes there sit near the end of the list, so rebuilding only from the first edit on
 * gives the same events in linear time. Upstream: micromark-util-edit-map (pinned in package.json,
 * so the class patched here is the one micromark and its GFM extensions use).
 *
 * The fix replaces `EditMap.prototype.consume` for the whole process, which is harmless: the
 * result is identical and remark is the only user. It is not done on import: the renderer applies
 * it when it builds its processor (lib/domain/markdown.ts), so a module that merely imports the
 * renderer (for RENDERER_VERSION, say) changes nothing. Pure: no I/O.
 */
import { EditMap } from 'micromark-util-edit-map';

type Consume = EditMap['consume'];
type MicromarkEvents = Parameters<Consume>[0];

/**
 * Marks the replacement and keeps upstream's method on it (the tests compare the two). A
 * registered symbol, so that a second copy of this module (test runners, render workers) sees the
 * first copy's patch and does not patch twice.
 */
const UPSTREAM_CONSUME = Symbol.for('wiki.micromark.upstreamEditMapConsume');
type MarkedConsume = Consume & { [UPSTREAM_CONSUME]?: Consume };

/** `map`'s edits applied to `events`, copying only the events from the first edit on. */
export function consumeFromFirstEdit(map: EditMap, events: MicromarkEvents): undefined {
  const edits = map.map.sort((a, b) => a[0] - b[0]);
  const firstEdit = edits[0];
  if (firstEdit === undefined) return;
  const rebuilt: MicromarkEvents = [];
  edits.forEach(([at, remove, add], index) => {
    const keptUntil = edits[index + 1]?.[0] ?? events.length;
    for (const event of add) rebuilt.push(event);
    for (let kept = at + remove; kept < keptUntil; kept += 1) rebuilt.push(events[kept]!);
  });
  events.length = firstEdit[0];
  for (const event of rebuilt) events.push(event);
  map.map.length = 0;
  map.index.clear();
}

/** Makes every EditMap consume in linear time. Idempotent: called each time a processor is built. */
export function applyLinearEditMapConsume(): void {
  const current: MarkedConsume = EditMap.prototype.consume;
  if (current[UPSTREAM_CONSUME] !== undefined) return;
  const linear: MarkedConsume = function consume(this: EditMap, events: MicromarkEvents): undefined {
    return consumeFromFirstEdit(this, events);
  };
  linear[UPSTREAM_CONSUME] = current;
  EditMap.prototype.consume = linear;
}

/** Whether EditMaps consume with the linear-time method (applyLinearEditMapConsume has run). */
export function linearEditMapConsumeApplied(): boolean {
  return (EditMap.prototype.consume as MarkedConsume)[UPSTREAM_CONSUME] !== undefined;
}

/** `consume` as micromark-util-edit-map ships it, whether or not the fix is applied. */
export function upstreamEditMapConsume(): Consume {
  const current: MarkedConsume = EditMap.prototype.consume;
  return current[UPSTREAM_CONSUME] ?? current;
}
