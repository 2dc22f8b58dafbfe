import 'server-only';
import { getDb } from '@/lib/server/db';
import { RENDERER_VERSION, type RenderedMarkdown } from '@/lib/domain/markdown';
import { renderWithTimeLimit } from '@/lib/server/render';
import type { TocEntry } from '@/lib/domain/wiki';
import type { PageSummary } from '@/lib/domain/page-summary';

export interface StoredRendering {
  html: string;
  toc: TocEntry[];
}

/** The rendered_revisions columns of a rendering: the one definition for every writer (save, import, first view). */
export function renderingRow(rendered: RenderedMarkdown) {
  return {
    rendererVersion: RENDERER_VERSION,
    html: rendered.html,
    toc: rendered.toc as object[],
    description: rendered.description,
    previewFile: rendered.previewFile,
  };
}

/**
 * Returns a revision's stored HTML, rendering and storing it on first use. Save normally stores it
 * already; this covers revisions imported without a rendering. A revision's rendering is written
 * once and never replaced, so permalinks keep showing what readers saw.
 */
export async function ensureRendered(revisionId: number): Promise<StoredRendering> {
  const db = getDb();
  const existing = await db.renderedRevision.findUnique({ where: { revisionId }, select: { html: true, toc: true } });
  if (existing) return { html: existing.html, toc: existing.toc as unknown as TocEntry[] };
  const revision = await db.revision.findUniqueOrThrow({
    where: { id: revisionId },
    select: { content: { select: { text: true } } },
  });
  const rendered = await renderWithTimeLimit(revision.content.text);
  await db.renderedRevision.upsert({
    where: { revisionId },
    create: { revisionId, ...renderingRow(rendered) },
    update: {},
  });
  return { html: rendered.html, toc: rendered.toc };
}

/**
 * A revision's link-preview summary, computed and stored once for a rendering that was stored
 * without one (before the columns existed). Only the summary columns are filled: the stored HTML
 * stays what readers saw.
 */
export async function ensurePreviewSummary(revisionId: number): Promise<PageSummary> {
  const db = getDb();
  const revision = await db.revision.findUniqueOrThrow({ where: { id: revisionId }, select: { content: { select: { text: true } } } });
  const rendered = await renderWithTimeLimit(revision.content.text);
  const summary = { description: rendered.description, previewFile: rendered.previewFile };
  const filled = await db.renderedRevision.updateMany({ where: { revisionId, description: null }, data: summary });
  if (filled.count === 0) await db.renderedRevision.upsert({ where: { revisionId }, create: { revisionId, ...renderingRow(rendered) }, update: {} });
  return summary;
}
