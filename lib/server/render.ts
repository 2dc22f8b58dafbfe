import 'server-only';
import path from 'node:path';
import { Piscina } from 'piscina';
import { renderAsPlainText, renderMarkdown, type RenderedMarkdown } from '@/lib/domain/markdown';

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

export const RENDER_TIME_NOTICE = 'This text took too long to format, so it is shown as plain text. Simplify its markup (very long runs of brackets or nesting) and save it again.';

export function renderBudgetMs(bytes: number): number {
  const base = Number(process.env.WIKI_RENDER_TIME_LIMIT_MS);
  return Math.round((Number.isFinite(base) && base > 0 ? base : DEFAULT_BASE_BUDGET_MS) + bytes * BUDGET_MS_PER_BYTE);
}

const WORKERS = 2;

interface RenderPool {
  pool: Piscina;
  /** Resolves once every worker has loaded the renderer (about a second through tsx). */
  ready: Promise<unknown>;
}

const globalForRender = globalThis as unknown as { wikiRenderPool?: RenderPool };

/**
 * Loading the renderer into a fresh worker takes about a second; that start-up must not count
 * against a text's budget, or long pages would fall back to plain text on a cold server. So the
 * workers are kept alive and warmed before any budget starts, and again after one is terminated.
 */
function warm(pool: Piscina): Promise<unknown> {
  return Promise.all(Array.from({ length: WORKERS }, () => pool.run(''))).catch(() => undefined);
}

function renderPool(): RenderPool {
  if (!globalForRender.wikiRenderPool) {
    const pool = new Piscina({
      // Resolved from the project folder (the server's and the tests' working directory): the
      // Next.js bundle cannot point at its own sources.
      filename: path.join(process.cwd(), 'lib/workers/render-markdown.ts'),
      execArgv: ['--import', 'tsx'],
      minThreads: WORKERS,
      maxThreads: WORKERS,
    });
    globalForRender.wikiRenderPool = { pool, ready: warm(pool) };
  }
  return globalForRender.wikiRenderPool;
}

export async function renderWithTimeLimit(source: string): Promise<RenderedMarkdown> {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= INLINE_LIMIT_BYTES) return renderMarkdown(source);
  const budget = renderBudgetMs(bytes);
  const workers = renderPool();
  await workers.ready;
  try {
    return (await workers.pool.run(source, { signal: AbortSignal.timeout(budget) })) as RenderedMarkdown;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') {
      console.warn(`Rendering ${bytes} bytes of markdown took over ${budget} ms; shown as plain text.`);
      workers.ready = warm(workers.pool);
      return renderAsPlainText(source, RENDER_TIME_NOTICE);
    }
    throw error;
  }
}

/** Stops the worker threads (graceful shutdown, tests). */
export async function closeRenderPool(): Promise<void> {
  const workers = globalForRender.wikiRenderPool;
  globalForRender.wikiRenderPool = undefined;
  await workers?.pool.destroy();
}
