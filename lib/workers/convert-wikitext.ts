/**
 * Worker-thread entry of the import's wikitext conversion (see lib/server/backup/convert-ahead.ts):
 * converts a batch of revisions and returns plain result objects, in the batch's order. Batches,
 * not single texts, because most revisions convert in a few milliseconds and a round trip per
 * revision would cost a noticeable share of that. It runs TypeScript through tsx, as the renderer's
 * worker does (lib/workers/render-markdown.ts).
 */
import { wikitextToMarkdown, type WikitextConversion } from '@/lib/domain/wikitext/convert';

/** Structured-cloned into the worker: plain data only. */
export interface ConvertTask {
  items: { title: string; text: string }[];
}

export default function convert(task: ConvertTask): WikitextConversion[] {
  return task.items.map((item) => wikitextToMarkdown(item.text, { title: item.title }));
}
