import 'server-only';
import { getDb } from '@/lib/server/db';
import { ensureRendered } from '@/lib/server/render-revision';
import { AppError } from '@/lib/domain/errors';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import { HIDDEN_TEXT, mayViewDeleted, redactSummaryAndAuthor, revisionMarks, visibleText } from '@/lib/domain/visibility';
import type { RevisionSummary, TocEntry } from '@/lib/domain/wiki';

export interface RevisionDetail {
  revision: RevisionSummary;
  title: ParsedTitle;
  /** null when an administrator hid it from this viewer (see requireText). */
  text: string | null;
  /** The page's newest revision, for "current" links and for saving on top of it; null while the page is deleted. */
  latestRevisionId: number | null;
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
  hidden: true,
  archived: true,
  author: { select: { id: true, name: true } },
} as const;

type SummaryRow = Omit<RevisionSummary, 'author' | 'visibility'> & { author: { id: number; name: string }; hidden: number; archived: boolean };

/**
 * A revision's summary as `viewer` may see it: null when the viewer must not learn it exists
 * (archived by a page deletion), hidden summary/author replaced by the removed markers.
 */
export function toRevisionSummary(row: SummaryRow, viewer: Actor = ANONYMOUS): RevisionSummary | null {
  const marks = revisionMarks(row, mayViewDeleted(viewer));
  if (marks === null) return null;
  const summary: RevisionSummary = {
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
  if (row.hidden !== 0 || row.archived) summary.visibility = marks;
  return redactSummaryAndAuthor(summary, marks);
}

/** The revision's text, or FORBIDDEN when an administrator hid it from this viewer. */
export function requireText(detail: RevisionDetail): string {
  if (detail.text === null) throw new AppError('FORBIDDEN', HIDDEN_TEXT);
  return detail.text;
}

const detailSelect = {
  ...revisionSelect,
  content: { select: { text: true } },
  page: { select: { namespace: true, title: true, latestRevisionId: true } },
  parent: { select: { id: true, archived: true } },
  child: { select: { id: true, archived: true } },
} as const;

type DetailRow = NonNullable<Awaited<ReturnType<typeof findRow>>>;

function findRow(id: number) {
  return getDb().revision.findUnique({ where: { id }, select: detailSelect });
}

function toDetail(row: DetailRow, viewer: Actor): RevisionDetail | null {
  const revision = toRevisionSummary(row, viewer);
  if (revision === null) return null;
  // A recreated page's first revision continues the deleted history: its parent stays unknown to non-admins.
  if (row.parent?.archived && !row.archived && !mayViewDeleted(viewer)) revision.parentId = null;
  const namespace = isKnownNamespace(row.page.namespace) ? row.page.namespace : NS.MAIN;
  return {
    revision,
    title: makeParsedTitle(namespace, row.page.title),
    text: revision.visibility ? visibleText(row.content.text, revision.visibility) : row.content.text,
    latestRevisionId: row.page.latestRevisionId,
  };
}

/**
 * One revision with its text and page as `viewer` may see it, or null when there is no such
 * revision — or none this viewer may know of (archived by a page deletion: see visibility.ts).
 */
export async function getRevision(id: number, viewer: Actor = ANONYMOUS): Promise<RevisionDetail | null> {
  const row = await findRow(id);
  return row ? toDetail(row, viewer) : null;
}

/**
 * A revision as a permalink shows it: the HTML stored when it was saved (never re-rendered, so
 * later changes elsewhere cannot alter it) and its neighbours in the page's history.
 */
export async function getRevisionWithRendering(id: number, viewer: Actor = ANONYMOUS): Promise<RevisionWithRendering | null> {
  const row = await findRow(id);
  const detail = row ? toDetail(row, viewer) : null;
  if (!row || !detail) return null;
  // A hidden text is not rendered for this viewer either; its rendering is the text in HTML.
  const rendered = detail.text === null ? { html: '', toc: [] } : await ensureRendered(id);
  const canSeeArchived = mayViewDeleted(viewer);
  // Neighbours the viewer may not see are not linked: a recreated page's first revision has an archived parent.
  const previousId = detail.revision.parentId;
  const nextId = row.child && (canSeeArchived || !row.child.archived) ? row.child.id : null;
  return { ...detail, html: rendered.html, toc: rendered.toc, previousId, nextId };
}
