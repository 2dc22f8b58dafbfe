import 'server-only';
import { getDb } from '@/lib/server/db';
import type { ParsedTitle } from '@/lib/domain/titles';

/*
 * What action=edit reads about its page before handing the edit to editPage: whether it exists,
 * its current text (for appendtext/prependtext and sections), when it was deleted (starttimestamp
 * and recreate), and which revision a client's basetimestamp stands for.
 */

export interface EditTarget {
  /** The page row (kept by a deleted page too); null when the title never had a page. */
  rowId: number | null;
  latestRevisionId: number | null;
  latestText: string;
  deletedAt: Date | null;
}

export async function editTarget(title: ParsedTitle): Promise<EditTarget> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, deletedAt: true, latestRevision: { select: { id: true, content: { select: { text: true } } } } },
  });
  return {
    rowId: page?.id ?? null,
    latestRevisionId: page?.latestRevision?.id ?? null,
    latestText: page?.latestRevision?.content.text ?? '',
    deletedAt: page?.deletedAt ?? null,
  };
}

/**
 * The revision a basetimestamp names. API timestamps have whole seconds, so when several
 * revisions were saved in that second the client may have seen any of them: the OLDEST is taken,
 * so that whatever was saved after it is merged three-way or refused as a conflict, never
 * overwritten (had the client seen a later one, its text already holds that change, and the
 * merge is clean). With none in that second, the newest before it. Null: the page had no
 * revision then (the client thought it was creating the page).
 */
export async function revisionAtTimestamp(pageId: number, timestamp: Date): Promise<number | null> {
  const second = Math.floor(timestamp.getTime() / 1000) * 1000;
  const inThatSecond = await getDb().revision.findFirst({
    where: { pageId, archived: false, createdAt: { gte: new Date(second), lt: new Date(second + 1000) } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  if (inThatSecond) return inThatSecond.id;
  const before = await getDb().revision.findFirst({
    where: { pageId, archived: false, createdAt: { lt: new Date(second) } },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  return before?.id ?? null;
}

/** The revision a save replaced, for the answer's oldrevid (0 for a new page, as MediaWiki). */
export async function parentRevisionId(revisionId: number, fallback: number | null): Promise<number> {
  try {
    const revision = await getDb().revision.findUnique({ where: { id: revisionId }, select: { parentId: true } });
    return revision?.parentId ?? 0;
  } catch {
    // The edit is saved: an answer without the exact parent beats an error that invites a retry.
    return fallback ?? 0;
  }
}
