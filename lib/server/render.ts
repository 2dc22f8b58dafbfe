import 'server-only';
import path from 'node:path';
import { Piscina } from 'piscina';
import { renderAsPlainText, renderMarkdown, type RenderedMarkdown, type RenderOptions } from '@/lib/domain/markdown';
import type { RenderTask } from '@/lib/workers/render-markdown';

/**
 * Markdown rendering with a time limit, for every text a user can submit (saves, previews, moves,
 * imports, lazy re-rendering).
 *
 * remark/micromark is linear on ordinary text (about 5 µs per byte of structured markdown here)
 * but super-linear on some crafted shapes (e.g. 100,000 "[" then 100,000 "]": 21 s). Input guards
 * in lib/domain/markdown-guards.ts fix the shapes we know; this is the backstop for the rest.
 * Synchronous JavaScript cannot be interrupted, so long texts render in worker threads (piscina,
 * running the same TypeScript through tsx as `npm start` does); a render that overruns its budget
 * has its worker terminated and the text is shown unformatted with a notice. The budget grows
 * linearly with the text, so a legitimate 2 MiB page still gets formatted while anything
 * super-linear is cut off in time proportional to its size.
 *
 * Short texts render inline: below INLINE_LIMIT_BYTES even the known quadratic shapes finish in a
 * few tens of milliseconds, and a worker round trip would cost more than the render.
 */
const INLINE_LIMIT_BYTES = 16 * 1024;
/** Per byte, on top of the base: generous against the measured ~5 µs/byte of ordinary markdown. */
const BUDGET_MS_PER_BYTE = 0.008;
const DEFAULT_BASE_BUDGET_MS = 2_000;

export const RENDER_TIME_NOTICE =
  'This text took too long to format, so it is shown as plain text. Simplify its markup (very long runs of brackets or nesting) and save it again.';

export function renderBudgetMs(bytes: number): number {
  const base = Number(process.env.WIKI_RENDER_TIME_LIMIT_MS);
  return Math.round((Number.isFinite(base) && base > 0 ? base : DEFAULT_BASE_BUDGET_MS) + bytes * BUDGET_MS_PER_BYTE);
}

interface RenderPool {
  pool: Piscina;
}

const globalForRender = globalThis as unknown as { wikiRenderPool?: RenderPool };

/**
 * One worker, started on demand and stopped after a minute without work: a warm worker holds
 * about 60 MB, and most wikis render long texts rarely. Loading the renderer into a fresh worker
 * takes about a second; that start-up must not count against a text's budget, or long pages
 * would fall back to plain text on a cold server, so an empty render wakes the worker first.
 */
function renderPool(): RenderPool {
  globalForRender.wikiRenderPool ??= {
    pool: new Piscina({
      // Resolved from the project folder (the server's and the tests' working directory): the
      // Next.js bundle cannot point at its own sources.
      filename: path.join(process.cwd(), 'lib/workers/render-markdown.ts'),
      execArgv: ['--import', 'tsx'],
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 60_000,
      // Its own heap ceiling, not the server's (WIKI_MAX_HEAP_MB): formatting a 1 MiB page builds
      // syntax trees of several hundred MB. Running out is caught below like a timeout.
      resourceLimits: { maxOldGenerationSizeMb: 1536 },
    }),
  };
  return globalForRender.wikiRenderPool;
}

/**
 * A worker keeps the heap a big text needed (a 280 KB page grows it by about 190 MB) long after
 * the render; after one, the pool is retired once idle and a fresh one is warmed on next use.
 */
const RECYCLE_AFTER_BYTES = 256 * 1024;
let rendersInFlight = 0;
let recycleWhenIdle = false;

function retirePoolIfIdle(): void {
  if (!recycleWhenIdle || rendersInFlight > 0) return;
  recycleWhenIdle = false;
  const workers = globalForRender.wikiRenderPool;
  globalForRender.wikiRenderPool = undefined;
  void workers?.pool.destroy();
}

/**
 * The re-render queue's renders (thousands after a template edit) grow the worker's heap too:
 * after 10,000 pages the server's RSS stayed about 80 MB higher until the minute of idleness was
 * up, and 8 uploads arriving then peaked at 480 MB against a 400 MB budget (395 MB without the
 * drain before them; `npm run bench`). So once the queue has paused for a moment, the worker is
 * retired; a queue that keeps rendering keeps it, since each render postpones this.
 */
const QUEUE_PAUSE_MS = 2_000;
let queuePaused: NodeJS.Timeout | undefined;

function retireAfterQueuePause(): void {
  clearTimeout(queuePaused);
  queuePaused = setTimeout(() => {
    recycleWhenIdle = true;
    retirePoolIfIdle();
  }, QUEUE_PAUSE_MS);
  queuePaused.unref();
}

/**
 * Where a render runs: short texts inline (the default), or always in the worker thread, for the
 * re-render queue (lib/server/templates), whose thousands of renders must not hold up requests
 * served by the same event loop.
 */
export type RenderPlacement = 'inline-when-short' | 'worker';

/** `options` (a template expansion's infoboxes) go to renderMarkdown unchanged, inline or through the worker. */
export async function renderWithTimeLimit(source: string, options: RenderOptions = {}, placement: RenderPlacement = 'inline-when-short'): Promise<RenderedMarkdown> {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= INLINE_LIMIT_BYTES && placement === 'inline-when-short') return renderMarkdown(source, options);
  const budget = renderBudgetMs(bytes);
  const workers = renderPool();
  rendersInFlight += 1;
  try {
    await workers.pool.run({ source: '' } satisfies RenderTask);
    return (await workers.pool.run({ source, options } satisfies RenderTask, { signal: AbortSignal.timeout(budget) })) as RenderedMarkdown;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (error instanceof Error && (error.name === 'AbortError' || code === 'ERR_WORKER_OUT_OF_MEMORY')) {
      console.warn(`Rendering ${bytes} bytes of markdown ${error.name === 'AbortError' ? `took over ${budget} ms` : 'ran out of memory'}; shown as plain text.`);
      return renderAsPlainText(source, RENDER_TIME_NOTICE);
    }
    throw error;
  } finally {
    rendersInFlight -= 1;
    if (bytes > RECYCLE_AFTER_BYTES) recycleWhenIdle = true;
    if (placement === 'worker') retireAfterQueuePause();
    retirePoolIfIdle();
  }
}

/** Whether the worker thread's pool is up (started and not retired): for tests of its retirement. */
export function renderWorkerRunning(): boolean {
  return globalForRender.wikiRenderPool !== undefined;
}

/** Stops the worker threads (graceful shutdown, tests). */
export async function closeRenderPool(): Promise<void> {
  clearTimeout(queuePaused);
  const workers = globalForRender.wikiRenderPool;
  globalForRender.wikiRenderPool = undefined;
  await workers?.pool.destroy();
}
