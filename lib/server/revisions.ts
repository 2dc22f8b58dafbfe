import 'server-only';
import { getDb } from '@/lib/server/db';
import { ensureRendered } from '@/lib/server/render-revision';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import type { RevisionSummary, TocEntry } from '@/lib/domain/wiki';

export interface RevisionDetail {
  revision: RevisionSummary;
  title: ParsedTitle;
  text: string;
  /** The page's newest revision, for "current" links and for saving on top of it. */
  latestRevisionId: number;
}

export interface RevisionWithRendering extends RevisionDetail {
  html: string;
  toc: TocEntry[];
  previousId: number | null;
  nextId: number | null;
}

/** The columns of a revision's summary (history rows, article footers, diff headers). */
export const revisionSelect = {
  id: true,
  pageId: true,
  parentId: true,
  summary: true,
  minor: true,
  size: true,
  sha1: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} as const;

type SummaryRow = Omit<RevisionSummary, 'author'> & { author: { id: number; name: string } };

export function toRevisionSummary(row: SummaryRow): RevisionSummary {
  return {
    id: row.id,
    pageId: row.pageId,
    parentId: row.parentId,
    author: { id: row.author.id, name: row.author.name },
    summary: row.summary,
    minor: row.minor,
    size: row.size,
    sha1: row.sha1,
    createdAt: row.createdAt,
  };
}

const detailSelect = {
  ...revisionSelect,
  content: { select: { text: true } },
  page: { select: { namespace: true, title: true, latestRevisionId: true } },
  child: { select: { id: true } },
} as const;

type DetailRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(id: number) {
  return getDb().revision.findUnique({ where: { id }, select: detailSelect });
}

function toDetail(row: DetailRow): RevisionDetail {
  const namespace = isKnownNamespace(row.page.namespace) ? row.page.namespace : NS.MAIN;
  return {
    revision: toRevisionSummary(row),
    title: makeParsedTitle(namespace, row.page.title),
    text: row.content.text,
    latestRevisionId: row.page.latestRevisionId ?? row.id,
  };
}

/** One revision with its text and page, or null when there is no such revision. */
export async function getRevision(id: number): Promise<RevisionDetail | null> {
  const row = await findRow(id);
  return row ? toDetail(row) : null;
}

/**
 * A revision as a permalink shows it: the HTML stored when it was saved (never re-rendered, so
 * later changes elsewhere cannot alter it) and its neighbours in the page's history.
 */
export async function getRevisionWithRendering(id: number): Promise<RevisionWithRendering | null> {
  const row = await findRow(id);
  if (!row) return null;
  const rendered = await ensureRendered(id);
  return { ...toDetail(row), html: rendered.html, toc: rendered.toc, previousId: row.parentId, nextId: row.child?.id ?? null };
}
