import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/domain/markdown';
import { closeRenderPool, renderBudgetMs, renderWithTimeLimit, renderWorkerRunning, RENDER_TIME_NOTICE } from '@/lib/server/render';

afterAll(async () => {
  await closeRenderPool();
});

/** A budget that only a hang reaches, for checks of what is rendered rather than how fast. */
const UNREACHABLE_BUDGET_MS = 60_000;

/** Runs `work` with WIKI_RENDER_TIME_LIMIT_MS (the base budget) set to `ms`, then restores it. */
async function withBaseBudget<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const previous = process.env.WIKI_RENDER_TIME_LIMIT_MS;
  process.env.WIKI_RENDER_TIME_LIMIT_MS = String(ms);
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.WIKI_RENDER_TIME_LIMIT_MS;
    else process.env.WIKI_RENDER_TIME_LIMIT_MS = previous;
  }
}

describe('rendering with a time limit', () => {
  it('formats a long ordinary page exactly as the renderer does, in a worker', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `## Section ${i}\n\nFans wrote [[Page ${i}]] and **more** text.\n\n- a\n- b\n`).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(16 * 1024);
    const started = performance.now();
    // What is checked is the output, not the time: a budget no busy machine reaches.
    const rendered = await withBaseBudget(UNREACHABLE_BUDGET_MS, () => renderWithTimeLimit(text));
    console.log(`worker render of ${Buffer.byteLength(text)} bytes: ${Math.round(performance.now() - started)} ms (includes starting the worker)`);
    expect(rendered).toEqual(renderMarkdown(text));
  });

  it('shows a crafted text that would take far too long as plain text, with a notice, instead of hanging', async () => {
    // About 21 s of formatting without the limit (quadratic in the number of brackets).
    const text = `${'['.repeat(100_000)}x${']'.repeat(100_000)}`;
    const started = performance.now();
    const rendered = await withBaseBudget(300, () => renderWithTimeLimit(text));
    const elapsed = performance.now() - started;
    console.log(
      `crafted text (${Buffer.byteLength(text)} bytes) cut off after ${Math.round(elapsed)} ms; budget 300 ms + ${Math.round(renderBudgetMs(Buffer.byteLength(text)) - renderBudgetMs(0))} ms for its size`,
    );
    expect(rendered.html).toContain(RENDER_TIME_NOTICE.split(',')[0]);
    expect(rendered.html).toContain('<pre class="wiki-render-fallback">[[[');
    expect(rendered.links).toEqual([]);
    // The pool recovers: the next text is formatted normally (with time to spare on a busy machine).
    const after = await withBaseBudget(UNREACHABLE_BUDGET_MS, () => renderWithTimeLimit(`# Again\n\n${'word '.repeat(5000)}`));
    expect(after.html).toMatch(/^<h1 data-section="1" id="again">Again<\/h1>/);
  });

  it('keeps the worker while the re-render queue renders page after page, and lets it go once the queue pauses', async () => {
    const page = (i: number) => `# Page ${i}\n\nRendered again after a template edit.`;
    await renderWithTimeLimit(page(1), {}, 'worker');
    await renderWithTimeLimit(page(2), {}, 'worker');
    // Renders that follow each other do not restart the worker (starting one takes about a second).
    expect(renderWorkerRunning()).toBe(true);
    const retiredBy = performance.now() + 15_000;
    while (renderWorkerRunning() && performance.now() < retiredBy) await new Promise((resolve) => setTimeout(resolve, 100));
    // Its heap (grown by thousands of renders) is given back instead of staying for the idle minute.
    expect(renderWorkerRunning()).toBe(false);
    // And the next render starts a fresh one.
    expect((await renderWithTimeLimit(page(3), {}, 'worker')).html).toContain('Page 3');
  });

  it('gives longer texts proportionally more time', () => {
    expect(renderBudgetMs(2 * 1024 * 1024)).toBeGreaterThan(renderBudgetMs(100 * 1024) * 5);
  });
});
