/** Plain domain objects handed out by the data layer (never Prisma rows). */
import type { RevisionMarks } from '@/lib/domain/visibility';

export interface UserSummary {
  id: number;
  name: string;
}

export interface TocEntry {
  depth: number;
  id: string;
  text: string;
}

export interface RevisionSummary {
  id: number;
  pageId: number;
  parentId: number | null;
  author: UserSummary;
  summary: string;
  minor: boolean;
  size: number;
  sha1: string;
  createdAt: Date;
  /** Deleted or hidden parts, for this viewer (absent: nothing is). See lib/domain/visibility.ts. */
  visibility?: RevisionMarks;
}

export interface PageSummary {
  id: number;
  namespace: number;
  /** Database key without namespace (underscores). */
  dbKey: string;
  /** Display title with namespace prefix (spaces). */
  displayTitle: string;
  latestRevisionId: number;
}

/** Everything needed to show an article: the page, its latest revision and its stored rendering. */
export interface ArticleView {
  page: PageSummary;
  revision: RevisionSummary;
  html: string;
  toc: TocEntry[];
  /** Categories the page is in, for the box at the bottom ([[Category:…]]); missing = none loaded. */
  categories?: { name: string; href: string; exists: boolean; label: string }[];
}
