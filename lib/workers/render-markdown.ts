/**
 * Worker-thread entry of the renderer (see lib/server/render.ts): renders one text and returns the
 * plain result object. It runs TypeScript through tsx, the same loader `npm start` uses.
 */
import { renderMarkdown, type RenderedMarkdown } from '@/lib/domain/markdown';

export default function render(source: string): RenderedMarkdown {
  return renderMarkdown(source);
}
