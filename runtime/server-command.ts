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

/**
 * glibc's allocator settings for the server process (read by glibc when the process starts, so
 * they go into the child's environment). Uploads and thumbnails pass buffers of megabytes through
 * libvips' threads and the database driver; with glibc's defaults each thread gets its own arena
 * and the mmap threshold rises after the first big free, so freed megabytes stayed in the heap:
 * eight 10 MiB uploads at once peaked at 455 MB and left 432 MB behind. Two arenas and a fixed
 * threshold (big buffers always mmapped, so given back when freed) gave 384 MB at the peak and
 * 336 MB after, in the same run (docs/files.md). An operator's own setting wins.
 */
export const SERVER_MALLOC_ENVIRONMENT: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
  MALLOC_TRIM_THRESHOLD_: '131072',
};

/** The child's environment: `env` with the allocator settings it does not set itself. */
export function serverEnvironment(env: Readonly<Record<string, string | undefined>>): NodeJS.ProcessEnv {
  const tuned: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(SERVER_MALLOC_ENVIRONMENT)) tuned[name] ??= value;
  // Node's type insists on NODE_ENV, which the callers set; the value passes through unchanged.
  return tuned as NodeJS.ProcessEnv;
}
