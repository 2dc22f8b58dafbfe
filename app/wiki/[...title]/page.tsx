import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { headers } from 'next/headers';
import { notFound, permanentRedirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { canonicalAddress, loadReadScreen } from '@/lib/server/screens/wiki-page';
import { titleFromSegments } from '@/lib/domain/route-title';
import { makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import { parseDiffTarget, parseId, type SearchParams } from '@/lib/domain/query-params';
import { EditView } from './edit-view';
import { HistoryView } from './history-view';
import { DeleteView } from './deletion-views';
import { WatchView } from './watch-view';
import { ProtectView } from './protect-view';
import { RevisionView } from './revision-view';
import { RevisionDiffView } from './diff-view';
import { resolveSpecialPage, specialPageTitle } from './special-pages';
import { readScreenContent } from './article-view';
import { CategoryView } from './category-view';
import { AddTopicView } from './add-topic-view';
import { FilePageView } from './file-view';
import { TemplatePageView } from './template-view';
import { FileRevertView } from './file-revert-view';
import { FormMessages } from '@/components/FormMessages';
import { indexingMetadata, loadPageView } from '@/lib/server/page-indexing';
import { articlePreviewMetadata } from '@/lib/server/link-preview';

export const dynamic = 'force-dynamic';

/** proxy.ts's WIKI_NONCANONICAL_HEADER: the address was not the title's canonical one. */
const NONCANONICAL_HEADER = 'x-wiki-noncanonical';

interface WikiPageProps {
  params: Promise<{ title: string[] }>;
  searchParams: Promise<SearchParams>;
}

function specialPage(title: ParsedTitle) {
  return title.namespace === NS.SPECIAL ? resolveSpecialPage(title.dbKey) : undefined;
}

/** The special page's canonical title: its registered name, whatever spelling the address used. */
function specialCanonicalTitle(special: NonNullable<ReturnType<typeof specialPage>>): ParsedTitle {
  return makeParsedTitle(NS.SPECIAL, special.subpage === null ? special.page.name : `${special.page.name}/${special.subpage}`);
}

export async function generateMetadata({ params, searchParams }: WikiPageProps): Promise<Metadata> {
  const title = titleFromSegments((await params).title);
  const query = await searchParams;
  const special = specialPage(title);
  const t = await getTranslations('article.meta');
  const text = { title: title.prefixedText };
  // Robots meta, canonical link and feed links, by MediaWiki's rules (lib/domain/page-indexing.ts).
  const view = await loadPageView(title, query, special ? specialCanonicalTitle(special) : null);
  const indexing = indexingMetadata(view, { recentChanges: t('recentChangesFeed'), history: t('historyFeed', text) });
  if (special) return { ...indexing, title: await specialPageTitle(special.page.name) };
  const { action } = query;
  if (action === 'edit') return { ...indexing, title: t(typeof query.section === 'string' && /^\d+$/.test(query.section) ? 'editingSection' : 'editing', text) };
  if (action === 'delete') return { ...indexing, title: t('delete', text) };
  if (action === 'protect' || action === 'unprotect') return { ...indexing, title: t('protect', text) };
  if (action === 'history') return { ...indexing, title: t('history', text) };
  if (action === 'watch' || action === 'unwatch') return { ...indexing, title: (await getTranslations('watchlist.star'))(`${action}Heading`, text) };
  if (action === 'revert' && title.namespace === NS.FILE) return { ...indexing, title: (await getTranslations('files.revert'))('title', { name: title.prefixedText }) };
  // Link previews (description, OpenGraph, Twitter card) of a current article, stored with its rendering.
  const preview = view.kind === 'read' && view.state === 'live' ? await articlePreviewMetadata(title, await getLocale()) : {};
  return { ...indexing, ...preview, title: title.prefixedText };
}

export default async function WikiPage({ params, searchParams }: WikiPageProps) {
  const title = titleFromSegments((await params).title);
  const query = await searchParams;
  if ((await headers()).get(NONCANONICAL_HEADER)) {
    permanentRedirect(await canonicalAddress(title, query));
  }
  const tool = toolView(title, query);
  // Reading views, revisions, diffs and histories have no forms that need interface text (their
  // restore and rollback buttons get their label as a prop): only the other tools get the forms' text.
  if (tool) return <FormMessages>{await tool}</FormMessages>;
  const revisions = revisionView(title, query);
  if (revisions) return revisions;

  if (title.namespace === NS.CATEGORY) return <CategoryView title={title} query={query} />;
  if (title.namespace === NS.FILE) return <FilePageView title={title} query={query} />;
  if (title.namespace === NS.TEMPLATE) return <TemplatePageView title={title} query={query} />;
  const read = await loadReadScreen(title, query);
  if (read.kind === 'page') return readScreenContent(title, read);
  if (read.caseVariant) permanentRedirect(read.caseVariant);
  notFound();
}

/** Special pages and the actions with forms: null for the views of the page and its revisions. */
function toolView(title: ParsedTitle, query: SearchParams): Promise<ReactNode> | ReactNode | null {
  const special = specialPage(title);
  if (special) return specialPageContent(special, query);
  if (title.namespace === NS.SPECIAL) notFound();
  if (query.action === 'delete') return <DeleteView title={title} />;
  if (query.action === 'protect' || query.action === 'unprotect') return <ProtectView title={title} />;
  if (query.action === 'revert' && title.namespace === NS.FILE) return <FileRevertView title={title} query={query} />;
  if (query.action === 'watch' || query.action === 'unwatch') return <WatchView title={title} watch={query.action === 'watch'} />;
  if (query.action === 'edit' && query.section === 'new') return <AddTopicView title={title} />;
  if (query.action === 'edit') {
    const undoId = parseId(query.undo);
    const section = typeof query.section === 'string' ? query.section : undefined;
    return <EditView title={title} undo={undoId ? { undoId, undoAfterId: parseId(query.undoafter) ?? null } : undefined} section={section} />;
  }
  return null;
}

/** A page's history, a diff or an old revision: null for the page itself. */
function revisionView(title: ParsedTitle, query: SearchParams): ReactNode {
  if (query.action === 'history') return <HistoryView title={title} query={query} />;
  const oldid = parseId(query.oldid);
  const diff = parseDiffTarget(query.diff);
  if (diff) return <RevisionDiffView title={title} diff={diff} oldid={oldid ?? undefined} inline={query.diffmode === 'inline'} />;
  if (oldid) return <RevisionView title={title} oldid={oldid} />;
  return null;
}

async function specialPageContent(special: NonNullable<ReturnType<typeof specialPage>>, query: SearchParams): Promise<ReactNode> {
  return (
    <article className="article">
      <h1 className="article-title">{await specialPageTitle(special.page.name)}</h1>
      {special.page.render(query, special.subpage)}
    </article>
  );
}
