/** Plain domain objects handed out by the data layer (never Prisma rows). */

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
