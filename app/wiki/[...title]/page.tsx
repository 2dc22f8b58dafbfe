import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { findCaseVariant, getArticle } from '@/lib/server/pages';
import { titleFromSegments } from '@/lib/domain/route-title';
import { NS, titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { parseId } from '@/lib/domain/query-params';
import { EditView } from './edit-view';
import { RevisionView } from './revision-view';
import { SPECIAL_PAGES } from './special-pages';

export const dynamic = 'force-dynamic';

type SearchParams = Record<string, string | string[] | undefined>;

interface WikiPageProps {
  params: Promise<{ title: string[] }>;
  searchParams: Promise<SearchParams>;
}

function specialPage(title: ParsedTitle) {
  return title.namespace === NS.SPECIAL ? SPECIAL_PAGES[title.dbKey] : undefined;
}

export async function generateMetadata({ params, searchParams }: WikiPageProps): Promise<Metadata> {
  const title = titleFromSegments((await params).title);
  const special = specialPage(title);
  if (special) return { title: special.title, robots: { index: false } };
  if ((await searchParams).action === 'edit') return { title: `Editing ${title.prefixedText}`, robots: { index: false } };
  return { title: title.prefixedText };
}

export default async function WikiPage({ params, searchParams }: WikiPageProps) {
  const title = titleFromSegments((await params).title);
  const query = await searchParams;

  const special = specialPage(title);
  if (special) {
    return (
      <article className="article">
        <h1 className="article-title">{special.title}</h1>
        {special.render(query)}
      </article>
    );
  }
  if (title.namespace === NS.SPECIAL) notFound();
  if (query.action === 'edit') {
    const undoId = parseId(query.undo);
    return <EditView title={title} undo={undoId ? { undoId, undoAfterId: parseId(query.undoafter) ?? null } : undefined} />;
  }
  const oldid = parseId(query.oldid);
  if (oldid && query.diff === undefined) return <RevisionView title={title} oldid={oldid} />;

  const article = await getArticle(title);
  if (article) return <ArticleView article={article} notice={query.postedit === 'merged' ? 'merged' : undefined} />;

  const variant = await findCaseVariant(title);
  if (variant) permanentRedirect(titleToUrlPath(variant));
  notFound();
}
