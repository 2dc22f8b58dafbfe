import path from 'node:path';

/**
 * How the production server process is started (by `npm start` and by the benchmark): Node with
 * a ceiling on its old-generation heap. Without one, V8 sizes the heap from the machine's memory
 * (gigabytes here) and collects lazily, so the server's memory grew to over 600 MB under the
 * benchmark's load although its live data is far smaller; with a ceiling it collects earlier.
 * WIKI_MAX_HEAP_MB changes it (0: V8's default).
 */
export const DEFAULT_MAX_HEAP_MB = 384;

export function serverNodeArguments(projectRoot: string): string[] {
  const configured = Number(process.env.WIKI_MAX_HEAP_MB ?? DEFAULT_MAX_HEAP_MB);
  const heap = Number.isInteger(configured) && configured >= 0 ? configured : DEFAULT_MAX_HEAP_MB;
  return [...(heap > 0 ? [`--max-old-space-size=${heap}`] : []), path.join(projectRoot, 'runtime/server.mjs')];
}
