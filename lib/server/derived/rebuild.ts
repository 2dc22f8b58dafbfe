import 'server-only';
import { getDb } from '@/lib/server/db';
import { RENDERER_VERSION } from '@/lib/domain/renderer-version';
import { DERIVED_DATA_SETTING_KEY as SETTING_KEY, derivedDataIsCurrent } from '@/lib/server/derived/freshness';
import { isKnownNamespace, makeParsedTitle } from '@/lib/domain/titles';
import { renderPageText } from '@/lib/server/templates/render-page';
import { databaseNow, storeCurrentRendering } from '@/lib/server/templates/current-rendering';
import { pageWriteTransaction } from '@/lib/server/page-cache';
import { updateDerivedData } from '@/lib/server/derived';

const BATCH = 50;

export interface RebuildProgress {
  done: number;
  total: number;
}

/**
 * Rebuilds the derived data of every page that has text from its latest revision, rendered by
 * today's renderer, and fills the link-preview summary of a latest rendering stored without one. Each page is rendered outside any transaction, then written under its row
 * lock only if its latest revision is still the one rendered: a save that came in between has
 * rebuilt it already.
 */
export async function rebuildDerivedData(onProgress?: (progress: RebuildProgress) => void): Promise<{ pages: number }> {
  const db = getDb();
  const total = await db.page.count({ where: { latestRevisionId: { not: null } } });
  let done = 0;
  let after = 0;
  for (;;) {
    const pages = await db.page.findMany({
      where: { id: { gt: after }, latestRevisionId: { not: null } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, namespace: true, title: true, latestRevisionId: true, latestRevision: { select: { content: { select: { text: true } } } } },
    });
    if (pages.length === 0) break;
    for (const page of pages) {
      after = page.id;
      if (!isKnownNamespace(page.namespace) || !page.latestRevision) continue;
      const title = makeParsedTitle(page.namespace, page.title);
      const text = page.latestRevision.content.text;
      const readAt = await databaseNow(db);
      const rendered = await renderPageText(title, text);
      await pageWriteTransaction(async (tx) => {
        const current = await tx.$queryRaw<{ latest_revision_id: number | null }[]>`
          SELECT latest_revision_id FROM pages WHERE id = ${page.id} FOR UPDATE`;
        if (current[0]?.latest_revision_id !== page.latestRevisionId) return;
        await updateDerivedData(tx, { pageId: page.id, title, text, rendered });
        // Link previews of renderings stored before they existed (the stored HTML stays as it is).
        await tx.renderedRevision.updateMany({
          where: { revisionId: page.latestRevisionId!, description: null },
          data: { description: rendered.description, previewFile: rendered.previewFile },
        });
        // A page using templates shows them as they are now; its revision keeps its own rendering.
        if (rendered.templates.length > 0) await storeCurrentRendering(tx, { pageId: page.id, revisionId: page.latestRevisionId! }, rendered, readAt);
      });
      done += 1;
      onProgress?.({ done, total });
    }
  }
  await markDerivedDataCurrent();
  return { pages: done };
}

/**
 * Records that every page's derived data is today's renderer's: after a rebuild, and after the
 * seed fills an empty wiki (its saves just built it), so a first start does not render it twice.
 */
export async function markDerivedDataCurrent(): Promise<void> {
  await getDb().siteSetting.upsert({
    where: { key: SETTING_KEY },
    create: { key: SETTING_KEY, value: String(RENDERER_VERSION) },
    update: { value: String(RENDERER_VERSION) },
  });
}

/**
 * Rebuilds derived data once after an upgrade that changed the renderer (npm start runs this after
 * the migrations); null when it was built by today's renderer already.
 */
export async function refreshDerivedDataIfStale(onProgress?: (progress: RebuildProgress) => void): Promise<{ pages: number } | null> {
  if (await derivedDataIsCurrent()) return null;
  return rebuildDerivedData(onProgress);
}
