import 'server-only';
import { cache } from 'react';
import { getDb } from '@/lib/server/db';
import { pageAccessWith } from '@/lib/server/protection';
import { ensureRendered } from '@/lib/server/render-revision';
import { toRevisionSummary } from '@/lib/server/revisions';
import { existingTitles, markRedLinks, wikiLinkTargets } from '@/lib/server/links';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import type { FileEmbedInfo } from '@/lib/domain/files/types';
import { isKnownNamespace, makeParsedTitle, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { isTalkNamespace, subjectTabLabel, subjectTitleOf, talkTitleOf, type DiscussionTabs } from '@/lib/domain/talk';
import { activeProtection, type PageAccess, type PageProtection } from '@/lib/domain/protection';
import { redirectViewDecision, type ViewDecision } from '@/lib/domain/redirects';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { watchStateForVisit } from '@/lib/server/watchlist';
import type { ArticleView, TocEntry } from '@/lib/domain/wiki';

/*
 * Reading an article is the hottest path of the wiki, so everything the view needs (page, latest
 * revision and author, stored rendering, redirect target, protection, categories, the talk tab and
 * whether each wikilink target exists) comes back from ONE statement instead of a dozen round
 * trips. Red links use page_links, which holds exactly the latest revision's wikilink targets,
 * and file embeds file_links, which holds the files it shows (with each file's current version).
 */

interface ProtectionJson {
  action: string;
  level: string;
  expiresAt: number | null;
  reason: string;
  since: number;
  byName: string;
}

interface ArticleRow {
  id: number;
  latest_revision_id: number | null;
  redirect_namespace: number | null;
  redirect_title: string | null;
  redirect_fragment: string | null;
  parent_id: number | null;
  summary: string;
  minor: boolean;
  size: number;
  sha1: string;
  created_at: Date;
  hidden: number;
  archived: boolean;
  author_id: number;
  author_name: string;
  /** page_renderings' (templates changed since the save) or else rendered_revisions'. */
  html: string | null;
  toc: unknown;
  /** Link previews (lib/server/link-preview.ts); NULL when the rendering predates them. */
  description: string | null;
  preview_file: string | null;
  protections: ProtectionJson[] | null;
  categories: { name: string; exists: boolean }[] | null;
  /** [namespace, dbKey, exists] of each page_links row of the page. */
  links: [number, string, boolean][] | null;
  /**
   * [dbKey, sha1, width, height, mime, name] of each file_links row; sha1 null when the name has no
   * version readers may see, name the File page holding it when reached through a redirect.
   */
  files: [string, string | null, number | null, number | null, string | null, string | null][] | null;
  counterpart_exists: boolean;
}

/** The talk page of a subject page, the subject page of a talk page (null for special pages). */
function counterpartOf(title: ParsedTitle): ParsedTitle | null {
  if (talkTitleOf(title) === null) return null;
  return isTalkNamespace(title.namespace) ? subjectTitleOf(title) : talkTitleOf(title);
}

// Per request (React cache): the page and the not-found boundary may both ask.
const loadArticleRow = cache(async (namespace: number, dbKey: string): Promise<ArticleRow | null> => {
  const counterpart = counterpartOf(makeParsedTitle(namespace as ParsedTitle['namespace'], dbKey));
  const rows = await getDb().$queryRaw<ArticleRow[]>`
    SELECT p.id, p.latest_revision_id,
      rd.namespace AS redirect_namespace, rd.title AS redirect_title, rd.fragment AS redirect_fragment,
      r.parent_id, r.summary, r.minor, r.size, r.sha1, r.created_at, r.hidden, r.archived,
      u.id AS author_id, u.name AS author_name,
      -- The page's current rendering when a template changed since the save, else the revision's own.
      COALESCE(pr.html, rr.html) AS html, COALESCE(pr.toc, rr.toc) AS toc,
      CASE WHEN pr.page_id IS NULL THEN rr.description ELSE pr.description END AS description,
      CASE WHEN pr.page_id IS NULL THEN rr.preview_file ELSE pr.preview_file END AS preview_file,
      (SELECT json_agg(json_build_object('action', pp.action, 'level', pp.level,
          'expiresAt', extract(epoch FROM pp.expires_at) * 1000, 'reason', pp.reason,
          'since', extract(epoch FROM pp.created_at) * 1000, 'byName', bu.name))
        FROM page_protections pp JOIN users bu ON bu.id = pp.by_id WHERE pp.page_id = p.id) AS protections,
      (SELECT json_agg(json_build_object('name', cl.category, 'exists', EXISTS (
          SELECT 1 FROM pages c WHERE c.namespace = 14 AND c.title = cl.category AND c.latest_revision_id IS NOT NULL)) ORDER BY cl.category)
        FROM category_links cl WHERE cl.page_id = p.id) AS categories,
      (SELECT json_agg(json_build_array(pl.to_namespace, pl.to_title, EXISTS (
          SELECT 1 FROM pages t WHERE t.namespace = pl.to_namespace AND t.title = pl.to_title AND t.latest_revision_id IS NOT NULL)))
        FROM page_links pl WHERE pl.from_page_id = p.id) AS links,
      (SELECT json_agg(json_build_array(fl.to_title, COALESCE(v1.sha1, v2.sha1), COALESCE(v1.width, v2.width),
          COALESCE(v1.height, v2.height), COALESCE(v1.mime, v2.mime), CASE WHEN v1.id IS NULL THEN ft.title END))
        FROM file_links fl
        -- The file under the name, else (after a move) the one its File: redirect leads to, one hop,
        -- as fileEmbedInfo (lib/server/files/file-queries.ts) resolves names for the other views.
        LEFT JOIN pages fp ON fp.namespace = 6 AND fp.title = fl.to_title
        LEFT JOIN files f1 ON f1.page_id = fp.id
        LEFT JOIN file_versions v1 ON v1.id = f1.latest_version_id AND NOT v1.archived AND v1.hidden & 1 = 0
        LEFT JOIN redirects frd ON v1.id IS NULL AND frd.page_id = fp.id AND frd.namespace = 6
        LEFT JOIN pages ft ON ft.namespace = 6 AND ft.title = frd.title
        LEFT JOIN files f2 ON f2.page_id = ft.id
        LEFT JOIN file_versions v2 ON v2.id = f2.latest_version_id AND NOT v2.archived AND v2.hidden & 1 = 0
        WHERE fl.from_page_id = p.id) AS files,
      EXISTS (SELECT 1 FROM pages o WHERE o.namespace = ${counterpart?.namespace ?? -1} AND o.title = ${counterpart?.dbKey ?? ''}
        AND o.latest_revision_id IS NOT NULL) AS counterpart_exists
    FROM pages p
    LEFT JOIN redirects rd ON rd.page_id = p.id
    LEFT JOIN revisions r ON r.id = p.latest_revision_id
    LEFT JOIN users u ON u.id = r.author_id
    LEFT JOIN rendered_revisions rr ON rr.revision_id = r.id
    LEFT JOIN page_renderings pr ON pr.page_id = p.id AND pr.revision_id = r.id
    WHERE p.namespace = ${namespace} AND p.title = ${dbKey}`;
  return rows[0] ?? null;
});

/** What a link preview of the page needs (lib/server/link-preview.ts). */
export interface PreviewFacts {
  revisionId: number;
  createdAt: Date;
  /** revisions.hidden of the current revision. */
  hidden: number;
  archived: boolean;
  isRedirect: boolean;
  /** NULL when the rendering predates link previews (or the revision has none yet). */
  description: string | null;
  previewFile: string | null;
  /** The current version of each file the page shows, null when readers may not see one (missing, deleted, hidden). */
  files: ReadonlyMap<string, FileEmbedInfo | null>;
}

/**
 * The link-preview facts of the page's current revision, from the same per-request read as the
 * article: generateMetadata and the page share it, so previews cost no query of their own.
 * Null when the page has no text (missing or deleted).
 */
export async function readPreviewFacts(title: ParsedTitle): Promise<PreviewFacts | null> {
  const row = await loadArticleRow(title.namespace, title.dbKey);
  if (row === null || row.latest_revision_id === null) return null;
  return {
    revisionId: row.latest_revision_id,
    createdAt: row.created_at,
    hidden: row.hidden,
    archived: row.archived,
    isRedirect: row.redirect_namespace !== null,
    description: row.description,
    previewFile: row.preview_file,
    files: knownFiles(row.files),
  };
}

/**
 * Whether a page row exists for the title and whether it has text, from the same per-request read
 * as the article: Next renders the not-found boundary alongside every /wiki/ page, and it needs
 * this to decide whether to look for a deletion at all (a query it would otherwise make each view).
 */
export async function pageRowState(title: ParsedTitle): Promise<'missing' | 'live' | 'without-text'> {
  const row = await loadArticleRow(title.namespace, title.dbKey);
  if (row === null) return 'missing';
  return row.latest_revision_id === null ? 'without-text' : 'live';
}

/** Active protection from the row's JSON (epoch milliseconds), by the same rule as everywhere. */
function protectionOf(row: Pick<ArticleRow, 'protections'>, now: Date): PageProtection {
  const rows = (row.protections ?? []).map((item) => ({
    ...item,
    expiresAt: item.expiresAt === null ? null : new Date(item.expiresAt),
    since: new Date(item.since),
  }));
  return activeProtection(rows, now);
}

/**
 * Stored HTML with links to missing pages turned red. Targets recorded in page_links were resolved
 * by the row's query; any other (none, normally) costs one more query, as before.
 */
async function withRedLinks(html: string, links: ArticleRow['links']): Promise<string> {
  const targets = wikiLinkTargets(html);
  if (targets.size === 0) return html;
  const known = new Map((links ?? []).map(([namespace, dbKey, exists]) => [`${namespace}:${dbKey}`, exists]));
  const unknown = [...targets.values()].filter((title) => !known.has(`${title.namespace}:${title.dbKey}`));
  for (const key of await existingTitles(unknown)) known.set(key, true);
  const missing = new Set<string>();
  for (const [raw, title] of targets) if (!known.get(`${title.namespace}:${title.dbKey}`)) missing.add(raw);
  return markRedLinks(html, missing);
}

function knownFiles(rows: ArticleRow['files']): Map<string, FileEmbedInfo | null> {
  return new Map(
    (rows ?? []).map(([dbKey, sha1, width, height, mime, name]) => [
      dbKey,
      sha1 === null || width === null || height === null || mime === null ? null : { sha1, width, height, mime, ...(name === null ? {} : { name }) },
    ]),
  );
}

async function toArticle(title: ParsedTitle, row: ArticleRow, viewer: Actor): Promise<ArticleView | null> {
  if (row.latest_revision_id === null) return null;
  const revision = toRevisionSummary(
    {
      id: row.latest_revision_id,
      pageId: row.id,
      parentId: row.parent_id,
      summary: row.summary,
      minor: row.minor,
      size: row.size,
      sha1: row.sha1,
      createdAt: row.created_at,
      hidden: row.hidden,
      archived: row.archived,
      author: { id: row.author_id, name: row.author_name },
    },
    viewer,
  );
  if (!revision) return null;
  const rendered = row.html !== null ? { html: row.html, toc: row.toc as TocEntry[] } : await ensureRendered(row.latest_revision_id);
  return {
    page: { id: row.id, namespace: title.namespace, dbKey: title.dbKey, displayTitle: title.prefixedText, latestRevisionId: row.latest_revision_id },
    revision,
    html: await withFileEmbeds(await withRedLinks(rendered.html, row.links), knownFiles(row.files)),
    toc: rendered.toc,
    categories: (row.categories ?? []).map((category) => {
      const categoryTitle = makeParsedTitle(14, category.name);
      const href = titleToUrlPath(categoryTitle);
      return { name: category.name, href: category.exists ? href : `${href}?action=edit&redlink=1`, exists: category.exists, label: categoryTitle.text };
    }),
  };
}

/** The latest revision of a page with its stored HTML (red links resolved), or null when the page does not exist. */
export async function getArticle(title: ParsedTitle, viewer: Actor = ANONYMOUS): Promise<ArticleView | null> {
  const row = await loadArticleRow(title.namespace, title.dbKey);
  return row ? toArticle(title, row, viewer) : null;
}

function discussionTabs(title: ParsedTitle, row: Pick<ArticleRow, 'latest_revision_id' | 'counterpart_exists'>): DiscussionTabs | null {
  const talk = talkTitleOf(title);
  if (talk === null) return null;
  const subject = subjectTitleOf(title);
  const onTalk = isTalkNamespace(title.namespace);
  const selfExists = row.latest_revision_id !== null;
  return {
    subject: { label: subjectTabLabel(subject.namespace), href: titleToUrlPath(subject), exists: onTalk ? row.counterpart_exists : selfExists },
    talk: { href: titleToUrlPath(talk), exists: onTalk ? selfExists : row.counterpart_exists },
    current: onTalk ? 'talk' : 'subject',
  };
}

/** What the page tabs need around the article: the Article / Discussion pair and the viewer's rights. */
export interface PageTabsData {
  exists: boolean;
  discussion: DiscussionTabs | null;
  access: PageAccess;
}

/**
 * The tabs of any view of a page (history, diff, old revision, missing page), as the article
 * shows them, in one small statement: the page (if any), its protection and its counterpart.
 */
export async function readPageTabs(title: ParsedTitle, viewerOrPending: Actor | Promise<Actor>): Promise<PageTabsData> {
  const counterpart = counterpartOf(title);
  const watch = Promise.resolve(viewerOrPending).then((viewer) => watchStateForVisit(viewer, title, null));
  const [rows, viewer, watchState] = await Promise.all([
    getDb().$queryRaw<Pick<ArticleRow, 'id' | 'latest_revision_id' | 'protections' | 'counterpart_exists'>[]>`
      SELECT p.id, p.latest_revision_id,
        (SELECT json_agg(json_build_object('action', pp.action, 'level', pp.level,
            'expiresAt', extract(epoch FROM pp.expires_at) * 1000, 'reason', pp.reason,
            'since', extract(epoch FROM pp.created_at) * 1000, 'byName', bu.name))
          FROM page_protections pp JOIN users bu ON bu.id = pp.by_id WHERE pp.page_id = p.id) AS protections,
        EXISTS (SELECT 1 FROM pages o WHERE o.namespace = ${counterpart?.namespace ?? -1} AND o.title = ${counterpart?.dbKey ?? ''}
          AND o.latest_revision_id IS NOT NULL) AS counterpart_exists
      FROM (SELECT 1) AS one
      LEFT JOIN pages p ON p.namespace = ${title.namespace} AND p.title = ${title.dbKey}`,
    viewerOrPending,
    watch,
  ]);
  const row = rows[0] ?? { id: null, latest_revision_id: null, protections: null, counterpart_exists: false };
  // A deleted page keeps its row (and any protection against re-creation) but has no text.
  const pageId = row.latest_revision_id === null ? null : row.id;
  return {
    exists: pageId !== null,
    discussion: discussionTabs(title, row),
    access: withWatch(pageAccessWith(viewer, pageId, protectionOf(row, new Date())), watchState),
  };
}

function withWatch(access: PageAccess, watch: PageAccess['watch']): PageAccess {
  return watch === undefined ? access : { ...access, watch };
}

export type ArticlePage =
  | { kind: 'follow'; target: ParsedTitle; fragment: string | null }
  | {
      kind: 'show';
      decision: Exclude<ViewDecision, { kind: 'follow' }>;
      article: ArticleView;
      discussion: DiscussionTabs | null;
      access: PageAccess;
    };

/**
 * Everything /wiki/<Title> shows for `viewer`, in one database round trip (two for an imported
 * revision not rendered yet): where a redirect leads, the article, its tabs and the viewer's
 * rights on it. Null when the page does not exist.
 */
export async function readArticlePage(
  title: ParsedTitle,
  /** A promise is awaited alongside the page's query (a signed-in viewer costs a query too). */
  viewerOrPending: Actor | Promise<Actor>,
  options: { noRedirect?: boolean; redirectedFrom?: ParsedTitle | null } = {},
): Promise<ArticlePage | null> {
  const [row, viewer] = await Promise.all([loadArticleRow(title.namespace, title.dbKey), viewerOrPending]);
  if (!row) return null;
  const redirect =
    row.redirect_namespace !== null && row.redirect_title !== null && isKnownNamespace(row.redirect_namespace)
      ? { target: makeParsedTitle(row.redirect_namespace, row.redirect_title), fragment: row.redirect_fragment }
      : null;
  const decision = redirectViewDecision(title, redirect, options);
  if (decision.kind === 'follow') return decision;
  const article = await toArticle(title, row, ANONYMOUS);
  if (!article) return null;
  // Viewing the page is the viewer's visit: it is no longer "changed since your last visit".
  const watch = await watchStateForVisit(viewer, title, new Date(row.created_at));
  const access = withWatch(pageAccessWith(viewer, row.id, protectionOf(row, new Date())), watch);
  return { kind: 'show', decision, article, discussion: discussionTabs(title, row), access };
}
