import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleView } from '@/components/ArticleView';
import { findCaseVariant, getArticle } from '@/lib/server/pages';
import { titleFromSegments } from '@/lib/domain/route-title';
import { titleToUrlPath } from '@/lib/domain/titles';

export const dynamic = 'force-dynamic';

interface WikiPageProps {
  params: Promise<{ title: string[] }>;
}

export async function generateMetadata({ params }: WikiPageProps): Promise<Metadata> {
  const title = titleFromSegments((await params).title);
  return { title: title.prefixedText };
}

export default async function WikiPage({ params }: WikiPageProps) {
  const title = titleFromSegments((await params).title);
  const article = await getArticle(title);
  if (article) return <ArticleView article={article} />;

  const variant = await findCaseVariant(title);
  if (variant) permanentRedirect(titleToUrlPath(variant));
  notFound();
}
