import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { orphanedPages, wantedPages, whatLinksHere, clampLimit, clampOffset } from '@/lib/server/links';
import { titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function firstNumber(value: string | string[] | undefined): number | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\d{1,9}$/u.test(raw)) return null;
  return Number(raw);
}

function paging(query: SearchParams): { limit: number; offset: number } {
  return { limit: clampLimit(firstNumber(query.limit)), offset: clampOffset(firstNumber(query.offset)) };
}

/** "(previous 50 | next 50)" as on MediaWiki's query pages. */
function Pager({ base, limit, offset, hasMore }: { base: string; limit: number; offset: number; hasMore: boolean }) {
  const t = useTranslations('special.pager');
  const format = useFormatter();
  const size = { limit: format.number(limit) };
  const join = base.includes('?') ? '&' : '?';
  const href = (at: number) => `${base}${join}limit=${limit}&offset=${at}`;
  return (
    <p className="query-pager">
      (
      {offset > 0 ? <Link href={href(Math.max(0, offset - limit))}>{t('previous', size)}</Link> : t('previous', size)}
      {' | '}
      {hasMore ? <Link href={href(offset + limit)}>{t('next', size)}</Link> : t('next', size)})
    </p>
  );
}

function redLinkHref(path: string): string {
  return `${path}?action=edit&redlink=1`;
}

/** Special:WhatLinksHere/<Title>: pages linking to the title, and redirects to it. */
export async function WhatLinksHereView({ target, query }: { target: string | null; query: SearchParams }) {
  const t = await getTranslations('special.whatLinksHere');
  const requested = target ?? (Array.isArray(query.target) ? query.target[0] : query.target) ?? null;
  if (requested === null || requested.trim() === '') {
    return <p>{t.rich('noTarget', { code: (chunks) => <code>{chunks}</code> })}</p>;
  }
  const parsed = tryParseTitle(requested);
  if (!parsed.ok) return <p className="error">{t('invalid', { title: requested, reason: parsed.reason })}</p>;
  const title = parsed.title;
  const { limit, offset } = paging(query);
  const { items, hasMore } = await whatLinksHere(title, { limit, offset });
  const base = `/wiki/Special:WhatLinksHere/${titleToUrlPath(title).slice('/wiki/'.length)}`;
  return (
    <>
      <p>{t.rich('intro', { title: title.prefixedText, link: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link> })}</p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none', { title: title.prefixedText })}</p>
      ) : (
        <ul className="whatlinkshere-list">
          {items.map((item) => (
            <li key={item.title.prefixedDbKey}>
              <Link href={item.isRedirect ? `${titleToUrlPath(item.title)}?redirect=no` : titleToUrlPath(item.title)}>{item.title.prefixedText}</Link>
              {item.isRedirect && ` ${t('redirect')}`}
            </li>
          ))}
        </ul>
      )}
      <Pager base={base} limit={limit} offset={offset} hasMore={hasMore} />
    </>
  );
}

/** Special:WantedPages: titles that do not exist, most linked first. */
export async function WantedPagesView({ query }: { query: SearchParams }) {
  const { limit, offset } = paging(query);
  const [{ items, hasMore }, t] = await Promise.all([wantedPages({ limit, offset }), getTranslations('special.wantedPages')]);
  return (
    <>
      <p>{t('intro')}</p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none')}</p>
      ) : (
        <ol className="special-list" start={offset + 1}>
          {items.map((item) => (
            <li key={item.title.prefixedDbKey}>
              <Link href={redLinkHref(titleToUrlPath(item.title))} className="new" title={t('missing', { title: item.title.prefixedText })}>
                {item.title.prefixedText}
              </Link>{' '}
              (<Link href={`/wiki/Special:WhatLinksHere/${titleToUrlPath(item.title).slice('/wiki/'.length)}`}>
                {t('links', { count: item.links })}
              </Link>
              )
            </li>
          ))}
        </ol>
      )}
      <Pager base="/wiki/Special:WantedPages" limit={limit} offset={offset} hasMore={hasMore} />
    </>
  );
}

/** Special:OrphanedPages: articles no page links to. */
export async function OrphanedPagesView({ query }: { query: SearchParams }) {
  const { limit, offset } = paging(query);
  const [{ items, hasMore }, t] = await Promise.all([orphanedPages({ limit, offset }), getTranslations('special.orphanedPages')]);
  return (
    <>
      <p>{t('intro')}</p>
      {items.length === 0 ? (
        <p className="empty-list">{t('none')}</p>
      ) : (
        <ol className="special-list" start={offset + 1}>
          {items.map((title) => (
            <li key={title.prefixedDbKey}>
              <Link href={titleToUrlPath(title)}>{title.prefixedText}</Link>
            </li>
          ))}
        </ol>
      )}
      <Pager base="/wiki/Special:OrphanedPages" limit={limit} offset={offset} hasMore={hasMore} />
    </>
  );
}

