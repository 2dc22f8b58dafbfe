import 'server-only';
import { getDb } from '@/lib/server/db';
import { DEFAULT_SITE_NAME, getSiteName, SITE_NAME_KEY } from '@/lib/server/site';
import type { Transaction } from '@/lib/server/transaction';
import { renderWithTimeLimit, type RenderPlacement } from '@/lib/server/render';
import { expandTemplates } from '@/lib/domain/templates/expand';
import type { RenderedMarkdown } from '@/lib/domain/markdown';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';

/** A page's rendering with what it transcluded: what every writer stores (lib/server/derived). */
export interface PageRendering extends RenderedMarkdown {
  /**
   * Every page the text transcluded, directly or through other templates, missing ones included,
   * and the target of each template redirect followed: the page's template_links.
   */
  templates: ParsedTitle[];
  /**
   * The latest revision of each page read for the expansion (null: missing), so that a save can
   * tell whether one changed between this rendering and its commit (lib/server/templates/queue.ts).
   */
  templatesRead: { namespace: number; dbKey: string; revisionId: number | null }[];
}

/**
 * A loaded template: its current text (null when the page does not exist) and the revisions read
 * (absent for a text that is not from the database: the template sandbox's edited text).
 */
export type TemplateSource = { text: string | null; redirectedTo: ParsedTitle | null; read?: PageRendering['templatesRead'] };

/**
 * Templates already read, by "namespace:dbKey". The re-render worker shares one across a batch of
 * pages (all of them use the template that changed); anything else gets a fresh one per render.
 */
export type TemplateCache = Map<string, Promise<TemplateSource>>;

export interface RenderPageOptions {
  cache?: TemplateCache;
  /** Where the markdown is rendered (lib/server/render.ts): the worker renders off the main thread. */
  placement?: RenderPlacement;
  /**
   * The transaction of a caller rendering inside one (a move, an import, an undeletion): templates
   * are read through it, seeing its own writes, and never wait for a second connection (the
   * embedded database has one).
   */
  db?: Transaction;
}

type Reader = Pick<Transaction, '$queryRaw'>;

interface SourceRow {
  revision_id: number;
  text: string;
  redirect_namespace: number | null;
  redirect_title: string | null;
}

async function readSource(db: Reader, title: { namespace: number; dbKey: string }): Promise<SourceRow | null> {
  const rows = await db.$queryRaw<SourceRow[]>`
    SELECT r.id AS revision_id, c.text, rd.namespace AS redirect_namespace, rd.title AS redirect_title
    FROM pages p JOIN revisions r ON r.id = p.latest_revision_id JOIN contents c ON c.id = r.content_id
    LEFT JOIN redirects rd ON rd.page_id = p.id
    WHERE p.namespace = ${title.namespace} AND p.title = ${title.dbKey}`;
  return rows[0] ?? null;
}

/**
 * A template's current text. A template that is a redirect gives its target's text, one hop, as
 * MediaWiki follows template redirects (a redirect to a redirect gives the second redirect's text).
 */
async function loadSource(db: Reader, title: ParsedTitle): Promise<TemplateSource> {
  const row = await readSource(db, title);
  const read = [{ namespace: title.namespace, dbKey: title.dbKey, revisionId: row?.revision_id ?? null }];
  if (row === null) return { text: null, redirectedTo: null, read };
  if (row.redirect_namespace === null || row.redirect_title === null || !isKnownNamespace(row.redirect_namespace)) {
    return { text: row.text, redirectedTo: null, read };
  }
  const target = makeParsedTitle(row.redirect_namespace, row.redirect_title);
  const targetRow = await readSource(db, target);
  read.push({ namespace: target.namespace, dbKey: target.dbKey, revisionId: targetRow?.revision_id ?? null });
  return { text: targetRow?.text ?? null, redirectedTo: target, read };
}

function keyOf(title: { namespace: number; dbKey: string }): string {
  return `${title.namespace}:${title.dbKey}`;
}

/**
 * Renders a page's text as readers see it: template calls expanded with the current text of each
 * template (lib/domain/templates), then the markdown rendered with the time limit, infoboxes
 * included. Every writer uses it (save, preview, import, first view, derived-data rebuild, move,
 * the re-render queue), so what a page transcludes is always known.
 */
export async function renderPageText(title: ParsedTitle, text: string, options: RenderPageOptions = {}): Promise<PageRendering> {
  const cache: TemplateCache = options.cache ?? new Map();
  const db: Reader = options.db ?? getDb();
  const followed = new Map<string, ParsedTitle>();
  const read = new Map<string, PageRendering['templatesRead'][number]>();
  const expansion = await expandTemplates(text, {
    page: { namespace: title.namespace, dbKey: title.dbKey, displayTitle: title.prefixedText },
    siteName: options.db ? await siteNameIn(options.db) : await getSiteName(),
    async loadTemplate(template) {
      const key = keyOf(template);
      let source = cache.get(key);
      if (source === undefined) {
        source = loadSource(db, template);
        cache.set(key, source);
      }
      const loaded = await source;
      if (loaded.redirectedTo) followed.set(keyOf(loaded.redirectedTo), loaded.redirectedTo);
      for (const page of loaded.read ?? []) read.set(keyOf(page), page);
      return loaded.text;
    },
  });
  const rendered = await renderWithTimeLimit(expansion.text, { infoboxes: expansion.infoboxes }, options.placement);
  const templates = new Map(expansion.templates.map((template) => [keyOf(template), template]));
  for (const [key, target] of followed) if (!templates.has(key)) templates.set(key, target);
  return { ...rendered, templates: [...templates.values()], templatesRead: [...read.values()] };
}

/**
 * The site name read through a transaction: getSiteName's first read would wait for a second
 * connection, which the embedded database's one-connection pool never frees while the transaction holds it.
 */
async function siteNameIn(tx: Reader): Promise<string> {
  const rows = await tx.$queryRaw<{ value: string }[]>`SELECT value FROM site_settings WHERE key = ${SITE_NAME_KEY}`;
  return rows[0]?.value ?? DEFAULT_SITE_NAME;
}
