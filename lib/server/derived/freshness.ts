import 'server-only';
import { getDb } from '@/lib/server/db';
import { RENDERER_VERSION } from '@/lib/domain/renderer-version';

/*
 * What `npm start` asks on every start, kept apart from the seed and the rebuild, which load the
 * renderer (about 1.6 CPU-seconds of imports): a start with nothing to seed or rebuild never loads it.
 */

/**
 * The renderer version that built every page's derived data (links, categories, redirect, search
 * document). Stored renderings are never replaced (a permalink shows what readers saw), but the
 * derived data must follow what today's renderer makes of each page's current text, or search
 * keeps finding words an older renderer put in (e.g. the English "Image not available" of
 * renderer 5). MediaWiki's refreshLinks.php and rebuildtextindex.php do this job.
 */
export const DERIVED_DATA_SETTING_KEY = 'derived_data_renderer_version';

export async function derivedDataIsCurrent(): Promise<boolean> {
  const setting = await getDb().siteSetting.findUnique({ where: { key: DERIVED_DATA_SETTING_KEY }, select: { value: true } });
  return setting?.value === String(RENDERER_VERSION);
}

export async function isDatabaseEmpty(): Promise<boolean> {
  return (await getDb().page.count()) === 0;
}
