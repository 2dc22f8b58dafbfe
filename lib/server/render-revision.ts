import 'server-only';
import { getDb } from '@/lib/server/db';
import { RENDERER_VERSION, type RenderedMarkdown } from '@/lib/domain/markdown';
import { isKnownNamespace, makeParsedTitle } from '@/lib/domain/titles';
import { renderPageText } from '@/lib/server/templates/render-page';
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
 * Renders a stored revision's text, once at a time per revision: the article and its link preview
 * (generateMetadata) may both find a revision without its rendering in the same request, and a
 * long page's render takes seconds.
 */
const rendersInFlight = new Map<number, Promise<RenderedMarkdown>>();

function renderRevisionOnce(revisionId: number): Promise<RenderedMarkdown> {
  let render = rendersInFlight.get(revisionId);
  if (render === undefined) {
    render = getDb()
      .revision.findUniqueOrThrow({ where: { id: revisionId }, select: { content: { select: { text: true } }, page: { select: { namespace: true, title: true } } } })
      // With today's templates: the revision was stored without a rendering (an import), so
      // there is no rendering of its own time to keep.
      .then((revision) =>
        isKnownNamespace(revision.page.namespace)
          ? renderPageText(makeParsedTitle(revision.page.namespace, revision.page.title), revision.content.text)
          : renderWithTimeLimit(revision.content.text),
      )
      .finally(() => rendersInFlight.delete(revisionId));
    rendersInFlight.set(revisionId, render);
  }
  return render;
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
  const rendered = await renderRevisionOnce(revisionId);
  await storeRenderingOnce(revisionId, rendered);
  return { html: rendered.html, toc: rendered.toc };
}

/**
 * A revision's link-preview summary, computed and stored once for a rendering that was stored
 * without one (before the columns existed), or for a revision not rendered yet. Only the summary
 * columns are filled in an existing rendering: its HTML stays what readers saw.
 */
export async function ensurePreviewSummary(revisionId: number): Promise<PageSummary> {
  const db = getDb();
  // The article's own first-use rendering may have stored it since the caller read the row.
  const stored = await db.renderedRevision.findUnique({ where: { revisionId }, select: { description: true, previewFile: true } });
  if (stored?.description != null) return { description: stored.description, previewFile: stored.previewFile };
  const rendered = await renderRevisionOnce(revisionId);
  const summary = { description: rendered.description, previewFile: rendered.previewFile };
  const filled = await db.renderedRevision.updateMany({ where: { revisionId, description: null }, data: summary });
  if (filled.count === 0) await storeRenderingOnce(revisionId, rendered);
  return summary;
}

/**
 * Stores a revision's first rendering unless one is there already (INSERT … ON CONFLICT DO
 * NOTHING): two first views of a revision at once both render it, and the second write must not
 * fail. Prisma's upsert reads, then inserts, and loses that race with a unique-key error.
 */
async function storeRenderingOnce(revisionId: number, rendered: Parameters<typeof renderingRow>[0]): Promise<void> {
  await getDb().renderedRevision.createMany({ data: [{ revisionId, ...renderingRow(rendered) }], skipDuplicates: true });
}
