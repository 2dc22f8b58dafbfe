import { afterAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/domain/markdown';
import { closeRenderPool, renderBudgetMs, renderWithTimeLimit, RENDER_TIME_NOTICE } from '@/lib/server/render';

afterAll(async () => {
  await closeRenderPool();
});

describe('rendering with a time limit', () => {
  it('formats a long ordinary page exactly as the renderer does, in a worker', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `## Section ${i}\n\nFans wrote [[Page ${i}]] and **more** text.\n\n- a\n- b\n`).join('\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(16 * 1024);
    const started = performance.now();
    const rendered = await renderWithTimeLimit(text);
    console.log(`worker render of ${Buffer.byteLength(text)} bytes: ${Math.round(performance.now() - started)} ms (includes starting the worker)`);
    expect(rendered).toEqual(renderMarkdown(text));
  });

  it('shows a crafted text that would take far too long as plain text, with a notice, instead of hanging', async () => {
    const previous = process.env.WIKI_RENDER_TIME_LIMIT_MS;
    process.env.WIKI_RENDER_TIME_LIMIT_MS = '300';
    try {
      // About 21 s of formatting without the limit (quadratic in the number of brackets).
      const text = `${'['.repeat(100_000)}x${']'.repeat(100_000)}`;
      const started = performance.now();
      const rendered = await renderWithTimeLimit(text);
      const elapsed = performance.now() - started;
      console.log(`crafted text (${Buffer.byteLength(text)} bytes) cut off after ${Math.round(elapsed)} ms; budget ${Math.round(renderBudgetMs(Buffer.byteLength(text)))} ms`);
      expect(rendered.html).toContain(RENDER_TIME_NOTICE.split(',')[0]);
      expect(rendered.html).toContain('<pre class="wiki-render-fallback">[[[');
      expect(rendered.links).toEqual([]);
      // The pool recovers: the next text is formatted normally.
      const after = await renderWithTimeLimit(`# Again\n\n${'word '.repeat(5000)}`);
      expect(after.html).toMatch(/^<h1 data-section="1" id="again">Again<\/h1>/);
    } finally {
      if (previous === undefined) delete process.env.WIKI_RENDER_TIME_LIMIT_MS;
      else process.env.WIKI_RENDER_TIME_LIMIT_MS = previous;
    }
  });

  it('gives longer texts proportionally more time', () => {
    expect(renderBudgetMs(2 * 1024 * 1024)).toBeGreaterThan(renderBudgetMs(100 * 1024) * 5);
  });
});
