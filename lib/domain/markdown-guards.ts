/**
 * Guards that keep the Markdown renderer (markdown.ts) linear on hostile input. Each one leaves the
 * output of ordinary text unchanged; the measured cost before and after is noted on each guard and
 * the inputs are exercised by tests/unit/hostile-markdown.test.ts.
 */
import type { Construct, Event, Extension, State, Token, TokenizeContext, Tokenizer } from 'micromark-util-types';
import type { Processor } from 'unified';

// ---- "]": GFM's footnote-call lookup ------------------------------------------------------------

/**
 * For every "]" in a paragraph, micromark-extension-gfm-footnote walks back over the paragraph's
 * events looking for a "![" that could start a footnote call ("![^1]"). With no "[" in between it
 * walks to the start of the paragraph: quadratic ("]" × 32 000 took 3.4 s, "]]" × 16 000 2.9 s,
 * "[" × 8 000 + "a" + "](b)" × 8 000 3.8 s; a 2 MiB paragraph of "]" would take half an hour).
 *
 * The walk stops at the nearest label-like token, so it is remembered per paragraph: the next "]"
 * only looks at the events added since, as long as the part already searched is unchanged (checked
 * by the identity of its last event; a resolver that rewrote it makes the lookup start over). The
 * answer is the one the original gives; the rest of the tokenizer is the original, unchanged.
 * After: "]" × 1 000 000 in about a second.
 */
const STOPS_LOOKUP: ReadonlySet<string> = new Set(['gfmFootnoteCall', 'labelLink', 'label', 'image', 'link']);
const CARET = 94;

interface Lookup {
  events: Event[];
  searched: number;
  lastSearched: Event | undefined;
  /** Index of the nearest labelImage or stopping token in events[0, searched), or -1. */
  nearest: number;
}
const lookups = new WeakMap<TokenizeContext, Lookup>();

function isLabelLike(event: Event | undefined): boolean {
  const type = event?.[1].type;
  return type === 'labelImage' || (type !== undefined && STOPS_LOOKUP.has(type));
}

function nearestLabelLike(context: TokenizeContext): number {
  const events = context.events;
  const known = lookups.get(context);
  const reusable =
    known !== undefined &&
    known.events === events &&
    known.searched <= events.length &&
    events[known.searched - 1] === known.lastSearched &&
    (known.nearest < 0 || isLabelLike(events[known.nearest]));
  const floor = reusable ? known.searched : 0;
  let nearest = reusable ? known.nearest : -1;
  for (let index = events.length - 1; index >= floor; index -= 1) {
    if (isLabelLike(events[index])) {
      nearest = index;
      break;
    }
  }
  lookups.set(context, { events, searched: events.length, lastSearched: events[events.length - 1], nearest });
  return nearest;
}

/** micromark-util-normalize-identifier, which this package does not depend on directly. */
function normalizeIdentifier(value: string): string {
  return value
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

const tokenizePotentialFootnoteCall: Tokenizer = function (this: TokenizeContext, effects, ok, nok) {
  const parser = this.parser as typeof this.parser & { gfmFootnotes?: string[] };
  const defined = (parser.gfmFootnotes ??= []);
  const index = nearestLabelLike(this);
  const found = index >= 0 ? this.events[index]?.[1] : undefined;
  const labelStart: (Token & { _balanced?: boolean }) | undefined = found?.type === 'labelImage' ? found : undefined;

  const start: State = (code) => {
    if (!labelStart || !labelStart._balanced) return nok(code);
    const id = normalizeIdentifier(this.sliceSerialize({ start: labelStart.end, end: this.now() }));
    if (id.codePointAt(0) !== CARET || !defined.includes(id.slice(1))) return nok(code);
    effects.enter('gfmFootnoteCallLabelMarker');
    effects.consume(code);
    effects.exit('gfmFootnoteCallLabelMarker');
    return ok(code);
  };
  return start;
};

/** A unified plugin, used right after remark-gfm: swaps in the remembering lookup. */
export function remarkLinearFootnoteCalls(this: Processor): void {
  const extensions = (this.data('micromarkExtensions') ?? []) as Extension[];
  for (const extension of extensions) {
    const constructs = extension.text?.[93];
    for (const construct of (Array.isArray(constructs) ? constructs : [constructs]) as (Construct | undefined)[]) {
      if (construct?.name === 'gfmPotentialFootnoteCall') construct.tokenize = tokenizePotentialFootnoteCall;
    }
  }
}

// ---- Long runs of "*" and "_" -------------------------------------------------------------------

/**
 * micromark pairs emphasis delimiters two at a time, re-splicing the paragraph's events for each
 * pair, so a long run matched by another ("*" × 4 000, "x", "*" × 4 000) took 4.5 s and "*" × 8 000
 * twice minutes (worse than quadratic). No text uses runs this long except horizontal rules
 * ("*****" alone on a line, left alone here) and code, so in other lines the characters of a run
 * past MAX_DELIMITER_RUN are escaped and read as themselves. Fenced code blocks are skipped; the
 * fence tracking is approximate (it does not know about fences inside lists), which at worst
 * escapes such a run inside an unusual code block.
 */
export const MAX_DELIMITER_RUN = 64;
const LONG_RUN = new RegExp(String.raw`([*_])\1{${MAX_DELIMITER_RUN},}`, 'gu');
const HAS_LONG_RUN = new RegExp(LONG_RUN.source, 'u');
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/u;
const ONLY_RULE_CHARACTERS = /^[ \t]*([*_])(?:[ \t]*\1)*[ \t]*$/u;

export function limitDelimiterRuns(source: string): string {
  if (!HAS_LONG_RUN.test(source)) return source;
  let fence: string | null = null;
  return source.replace(/^[^\r\n]*/gmu, (line) => {
    const [, marker, after = ''] = FENCE.exec(line) ?? [];
    if (marker !== undefined && fence === null) {
      fence = marker;
      return line;
    }
    if (marker !== undefined && fence !== null && marker[0] === fence[0] && marker.length >= fence.length && after.trim() === '') {
      fence = null;
      return line;
    }
    if (fence !== null || ONLY_RULE_CHARACTERS.test(line)) return line;
    return line.replace(LONG_RUN, (run) => run.slice(0, MAX_DELIMITER_RUN) + run.slice(MAX_DELIMITER_RUN).replace(/[*_]/gu, '\\$&'));
  });
}
