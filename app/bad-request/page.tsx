import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { BadRequestNotice } from '@/components/BadRequestNotice';
import { first, type SearchParams } from '@/lib/domain/query-params';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('errors.badRequest');
  return { title: t('title'), robots: { index: false } };
}

/** Shown with status 400 by proxy.ts when a /wiki/ address has a malformed parameter. */
export default async function BadRequestPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { reason } = await searchParams;
  return <BadRequestNotice reason={first(reason)} />;
}
