import 'server-only';
import { getDb } from '@/lib/server/db';
import type { ParsedTitle } from '@/lib/domain/titles';

/**
 * The page objects of MediaWiki's REST API (https://www.mediawiki.org/wiki/API:REST_API/Reference#Get_page),
 * field for field, so clients parse them unchanged. Only content_model differs: pages here are
 * Markdown, not wikitext.
 */
export const LICENSE = {
  url: 'https://creativecommons.org/licenses/by-sa/4.0/',
  title: 'Creative Commons Attribution-Share Alike',
} as const;

export interface RestPage {
  id: number;
  /** Prefixed database key, underscores: "Talk:Foo_bar". */
  key: string;
  /** Prefixed display title, spaces: "Talk:Foo bar". */
  title: string;
  latest: { id: number; timestamp: string };
  content_model: 'markdown';
  license: typeof LICENSE;
}

export interface RestPageWithSource extends RestPage {
  source: string;
}

/** MediaWiki's timestamps have no fractional seconds: "2026-11-28T20:48:51Z". */
export function mediaWikiTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/u, 'Z');
}

export function restPage(title: ParsedTitle, pageId: number, revision: { id: number; createdAt: Date }): RestPage {
  return {
    id: pageId,
    key: title.prefixedDbKey,
    title: title.prefixedText,
    latest: { id: revision.id, timestamp: mediaWikiTimestamp(revision.createdAt) },
    content_model: 'markdown',
    license: LICENSE,
  };
}

const where = (title: ParsedTitle) => ({ namespace_title: { namespace: title.namespace, title: title.dbKey } });

/** The page without its source (for /bare), or null when it does not exist. */
export async function findRestPage(title: ParsedTitle): Promise<RestPage | null> {
  const page = await getDb().page.findUnique({
    where: where(title),
    select: { id: true, latestRevision: { select: { id: true, createdAt: true } } },
  });
  return page?.latestRevision ? restPage(title, page.id, page.latestRevision) : null;
}

/** The page with the source of its latest revision, read in one query so both belong together. */
export async function findRestPageWithSource(title: ParsedTitle): Promise<RestPageWithSource | null> {
  const page = await getDb().page.findUnique({
    where: where(title),
    select: { id: true, latestRevision: { select: { id: true, createdAt: true, content: { select: { text: true } } } } },
  });
  const revision = page?.latestRevision;
  return page && revision ? { ...restPage(title, page.id, revision), source: revision.content.text } : null;
}

/**
 * The page object as of the revision a write saved (or kept, for a null edit), even if someone else
 * has saved another one since. Built from what the save returned, without reading the database:
 * after the COMMIT, a busy pool must not turn a saved edit into a 503 that a client would send again.
 */
export function restPageOfSave(title: ParsedTitle, saved: { pageId: number; revisionId: number; createdAt: Date; text: string }): RestPageWithSource {
  return { ...restPage(title, saved.pageId, { id: saved.revisionId, createdAt: saved.createdAt }), source: saved.text };
}

/** When the page's current rendering was made (null: none stored yet), for Last-Modified of its HTML. */
export async function renderedAt(pageId: number): Promise<Date | null> {
  const rendering = await getDb().pageRendering.findUnique({ where: { pageId }, select: { renderedAt: true } });
  return rendering?.renderedAt ?? null;
}
