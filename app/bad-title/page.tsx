import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BadTitleNotice } from '@/components/BadTitleNotice';
import { first, type SearchParams } from '@/lib/domain/query-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors.badTitle');
  return { title: t('title'), robots: { index: false } };
}

/** Shown with status 400 by proxy.ts for /wiki/ addresses whose title breaks a naming rule. */
export default async function BadTitlePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { title, reason } = await searchParams;
  return <BadTitleNotice title={first(title)} reason={first(reason)} />;
}
