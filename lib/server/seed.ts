import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { convertFandomExport, decodeSeedFile, SeedDocumentError } from '@/lib/domain/fandom-import';
import { parseManifest } from '@/lib/domain/seed-manifest';
import { parseTitle } from '@/lib/domain/titles';
import { isAppError } from '@/lib/domain/errors';
import { getDb } from '@/lib/server/db';
import { savePage } from '@/lib/server/save-page';
import { ensureSystemUser, IMPORT_USER_NAME } from '@/lib/server/users';
import { setSiteNameIfUnset } from '@/lib/server/site';
import { markDerivedDataCurrent } from '@/lib/server/derived/rebuild';
import { isDatabaseEmpty } from '@/lib/server/derived/freshness';

interface SeedPage {
  title: string;
  text: string;
  summary: string;
}

export interface SeedResult {
  siteName: string | null;
  created: string[];
  skipped: string[];
}

/**
 * Reads content/manifest.json and everything it lists, converting each document before anything
 * is written: a malformed document stops the import with its file and line, and nothing is saved.
 */
export async function loadSeedContent(contentDir: string): Promise<{ siteName: string | null; pages: SeedPage[] }> {
  const manifestFile = path.join(contentDir, 'manifest.json');
  const manifest = parseManifest(parseJson(await readFile(manifestFile, 'utf8'), manifestFile), manifestFile);
  const pages: SeedPage[] = [];
  let siteName: string | null = null;

  for (const document of manifest.documents) {
    const file = path.join(contentDir, document.file);
    const text = decodeSeedFile(await readFile(file), file);
    const converted = convertFandomExport(text, { fileName: file, captions: document.captions });
    siteName ??= converted.siteName;
    pages.push({ title: document.title, text: converted.markdown, summary: `Imported from ${document.file} (${document.source})` });
  }
  for (const page of manifest.pages) {
    pages.push({ title: page.title, text: await readFile(path.join(contentDir, page.file), 'utf8'), summary: page.summary });
  }
  const mainPageText = await readFile(path.join(contentDir, manifest.mainPage.file), 'utf8');
  pages.unshift({ title: manifest.mainPage.title, text: mainPageText, summary: 'Welcome page of the wiki' });
  return { siteName, pages };
}

/**
 * Imports the seed content. Idempotent: pages that already exist are left untouched. A wiki seeded
 * from empty was rendered by today's renderer throughout, so its derived data is marked current:
 * the next start has nothing to render again.
 */
export async function seedWiki(contentDir: string): Promise<SeedResult> {
  const empty = await isDatabaseEmpty();
  const { siteName, pages } = await loadSeedContent(contentDir);
  const importer = await ensureSystemUser(IMPORT_USER_NAME);
  const result: SeedResult = { siteName, created: [], skipped: [] };
  if (siteName) await setSiteNameIfUnset(siteName);

  for (const page of pages) {
    const title = parseTitle(page.title);
    const exists = await getDb().page.findUnique({
      where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
      select: { id: true },
    });
    if (exists) {
      result.skipped.push(title.prefixedText);
      continue;
    }
    try {
      await savePage({ title, text: page.text, summary: page.summary, minor: false, authorId: importer.id, baseRevisionId: null });
      result.created.push(title.prefixedText);
    } catch (error) {
      // Another process seeding at the same moment created it first: that is the same outcome.
      if (isAppError(error) && error.code === 'EDIT_CONFLICT') result.skipped.push(title.prefixedText);
      else throw error;
    }
  }
  if (empty) await markDerivedDataCurrent();
  return result;
}

function parseJson(text: string, fileName: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SeedDocumentError(fileName, null, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}
