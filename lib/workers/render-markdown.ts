/**
 * Worker-thread entry of the renderer (see lib/server/render.ts): renders one text and returns the
 * plain result object. It runs TypeScript through tsx, the same loader `npm start` uses.
 */
import { renderMarkdown, type RenderedMarkdown, type RenderOptions } from '@/lib/domain/markdown';

/** Structured-cloned into the worker: plain data only (infoboxes are plain objects). */
export interface RenderTask {
  source: string;
  options?: RenderOptions;
}

export default function render(task: RenderTask): RenderedMarkdown {
  return renderMarkdown(task.source, task.options);
}
