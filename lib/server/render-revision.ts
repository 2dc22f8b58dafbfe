import 'server-only';
import { getDb } from '@/lib/server/db';
import { RENDERER_VERSION } from '@/lib/domain/markdown';
import { renderWithTimeLimit } from '@/lib/server/render';
import type { TocEntry } from '@/lib/domain/wiki';

export interface StoredRendering {
  html: string;
  toc: TocEntry[];
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
    create: { revisionId, rendererVersion: RENDERER_VERSION, html: rendered.html, toc: rendered.toc as object[] },
    update: {},
  });
  return { html: rendered.html, toc: rendered.toc };
}
