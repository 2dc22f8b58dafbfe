import Link from '@/components/Link';
import { useTranslations } from 'next-intl';
import type { WatchAction } from '@/components/watchlist/WatchStar';
import { PageTabs, type DiscussionTabs, type PageAccess } from '@/components/PageTabs';

/** Why a redirect was not followed; the text is article.redirect.warning.<kind>. */
export type RedirectWarning = 'self' | 'double' | 'loop';

/** A redirect page shown as itself (?redirect=no, double redirects, loops): "Redirect page" and its target. */
export function RedirectPageView({
  path,
  displayTitle,
  target,
  warning,
  redirectedFrom,
  discussion,
  access,
  watchAction,
}: {
  path: string;
  displayTitle: string;
  target: { text: string; href: string };
  warning: RedirectWarning | null;
  redirectedFrom?: { text: string; href: string };
  discussion?: DiscussionTabs;
  /** The viewer's rights on the page and its lock (see PageTabs). */
  access?: PageAccess;
  /** The watch star's Server Action (see PageTabs). */
  watchAction?: WatchAction;
}) {
  const t = useTranslations('article.redirect');
  return (
    <article className="article">
      <PageTabs path={path} current="read" discussion={discussion} access={access} watchAction={watchAction} />
      <h1 className="article-title">{displayTitle}</h1>
      {redirectedFrom && (
        <p className="redirected-from">{t.rich('redirectedFrom', { title: redirectedFrom.text, link: (chunks) => <Link href={redirectedFrom.href}>{chunks}</Link> })}</p>
      )}
      {warning && (
        <p className="notice notice-warning" role="alert">
          {t(`warning.${warning}`)}
        </p>
      )}
      <div className="redirect-page">
        <p className="redirect-label">{t('redirectPage')}</p>
        <p className="redirect-target">
          <span aria-hidden="true">↳ </span>
          <Link href={target.href}>{target.text}</Link>
        </p>
      </div>
    </article>
  );
}
