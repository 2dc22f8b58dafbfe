import Link from '@/components/Link';
import { useFormatter, useTranslations } from 'next-intl';

/** "(previous 50 | next 50)" as on MediaWiki's query pages; `base` is the list's address. */
export function QueryPager({ base, limit, offset, hasMore }: { base: string; limit: number; offset: number; hasMore: boolean }) {
  const t = useTranslations('special.pager');
  const format = useFormatter();
  const size = { limit: format.number(limit) };
  const join = base.includes('?') ? '&' : '?';
  const href = (at: number) => `${base}${join}limit=${limit}&offset=${at}`;
  return (
    <p className="query-pager">
      ({offset > 0 ? <Link href={href(Math.max(0, offset - limit))}>{t('previous', size)}</Link> : t('previous', size)}
      {' | '}
      {hasMore ? <Link href={href(offset + limit)}>{t('next', size)}</Link> : t('next', size)})
    </p>
  );
}
