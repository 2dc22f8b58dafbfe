import Link from '@/components/Link';
import type { ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { contributionsHref, userPageHref, userTalkHref } from '@/lib/domain/history';
import type { RevisionMarks } from '@/lib/domain/visibility';
import type { UserSummary } from '@/lib/domain/wiki';
import { SummaryText } from '@/components/SummaryText';

/*
 * A revision's summary and author as the viewer may see them (lib/domain/visibility.ts): the
 * removed markers when withheld, struck through and marked "(hidden)" for administrators.
 */

/** A part an administrator hid, as administrators see it. */
export function HiddenPart({ children }: { children: ReactNode }) {
  const t = useTranslations('history.parts');
  return (
    <span className="history-hidden">
      <s>{children}</s> <span className="history-hidden-mark">{t('hidden')}</span>
    </span>
  );
}

/**
 * An edit summary, as MediaWiki shows it: in parentheses, in italics; nothing for an empty one. With
 * the page's path, a section edit's "/* Section *\/" links to the section (components/SummaryText.tsx).
 */
export function EditSummary({ summary, visibility, pagePath }: { summary: string; visibility?: RevisionMarks; pagePath?: string }) {
  const t = useTranslations('history.parts');
  if (visibility?.withheld.summary) return <span className="comment history-deleted">{t('removedSummary')}</span>;
  if (summary === '') return null;
  const text = (
    <span className="comment">
      (<SummaryText summary={summary} pagePath={pagePath} />)
    </span>
  );
  return visibility?.hidden.summary ? <HiddenPart>{text}</HiddenPart> : text;
}

/** The author, linked to their contributions (not when withheld: the link would name them). */
export function AuthorLink({ author, visibility }: { author: UserSummary; visibility?: RevisionMarks }) {
  const t = useTranslations('history.parts');
  if (visibility?.withheld.author) return <span className="history-deleted">{t('removedUser')}</span>;
  // MediaWiki's user links: the name leads to the user page, then "(talk | contribs)".
  const link = (
    <span className="mw-userlinks">
      <Link href={userPageHref(author.name)} className="mw-userlink">
        {author.name}
      </Link>{' '}
      <span className="mw-usertoollinks">
        (<Link href={userTalkHref(author.name)}>{t('talk')}</Link> | <Link href={contributionsHref(author.name)}>{t('contribs')}</Link>)
      </span>
    </span>
  );
  return visibility?.hidden.author ? <HiddenPart>{link}</HiddenPart> : link;
}

/** Special:RevisionDelete for one revision (MediaWiki's URL). */
export function revisionDeleteHref(targetDbKey: string, revisionId: number): string {
  return `/wiki/Special:RevisionDelete?target=${encodeURIComponent(targetDbKey)}&ids=${revisionId}`;
}

/**
 * Above a revision's content: that its text is withheld from this viewer (MediaWiki's
 * rev-deleted-text-permission), or, for administrators, that parts of it are hidden or archived.
 */
export function RevisionVisibilityNotice({ visibility }: { visibility?: RevisionMarks }) {
  const t = useTranslations('history.parts');
  if (!visibility) return null;
  if (visibility.withheld.text) {
    return (
      <p className="notice notice-error revision-hidden-notice" role="alert">
        {t('textWithheld')}
      </p>
    );
  }
  const notes: string[] = [];
  if (visibility.archived) notes.push(t('archivedNote'));
  if (visibility.hidden.text) notes.push(t('textHiddenNote'));
  if (notes.length === 0) return null;
  return (
    <p className="notice notice-warning revision-hidden-notice" role="note">
      {notes.join(' ')}
    </p>
  );
}
