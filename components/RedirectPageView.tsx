import Link from 'next/link';
import { PageTabs, type DiscussionTabs, type PageAccess } from '@/components/PageTabs';

const WARNINGS = {
  self: 'This page redirects to itself, so the redirect was not followed.',
  double: 'This is a double redirect: you were sent here by another redirect, and redirects are followed only once. The redirect that led here should point straight at the final page.',
  loop: 'This redirect points back at the page that redirected here (a redirect loop), so it was not followed.',
} as const;

/** A redirect page shown as itself (?redirect=no, double redirects, loops): "Redirect page" and its target. */
export function RedirectPageView({
  path,
  displayTitle,
  target,
  warning,
  redirectedFrom,
  discussion,
  access,
}: {
  path: string;
  displayTitle: string;
  target: { text: string; href: string };
  warning: keyof typeof WARNINGS | null;
  redirectedFrom?: { text: string; href: string };
  discussion?: DiscussionTabs;
  /** The viewer's rights on the page and its lock (see PageTabs). */
  access?: PageAccess;
}) {
  return (
    <article className="article">
      <PageTabs path={path} current="read" discussion={discussion} access={access} />
      <h1 className="article-title">{displayTitle}</h1>
      {redirectedFrom && (
        <p className="redirected-from">
          (Redirected from <Link href={redirectedFrom.href}>{redirectedFrom.text}</Link>)
        </p>
      )}
      {warning && (
        <p className="notice notice-warning" role="alert">
          {WARNINGS[warning]}
        </p>
      )}
      <div className="redirect-page">
        <p className="redirect-label">Redirect page</p>
        <p className="redirect-target">
          <span aria-hidden="true">↳ </span>
          <Link href={target.href}>{target.text}</Link>
        </p>
      </div>
    </article>
  );
}
