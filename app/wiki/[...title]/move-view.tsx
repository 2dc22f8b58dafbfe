import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { MovePageForm } from '@/components/LazyForms';
import { submitMove } from '@/app/actions/move';
import { loadMoveScreen } from '@/lib/server/screens/move';
import type { SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath } from '@/lib/domain/titles';
import { noRedirectHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Special:MovePage/<Title>: the move form, the outcome of a move, or why the reader cannot move. */
export async function MovePageView({ target, query }: { target: string | null; query: SearchParams }) {
  const [screen, t] = await Promise.all([loadMoveScreen(target, query), getTranslations('admin.move')]);
  if (screen.kind === 'moved') {
    const { from, to } = screen;
    return (
      <div role="status" className="move-success">
        <p>
          {t.rich('moved', {
            from: from.prefixedText,
            to: to.prefixedText,
            fromLink: (chunks) => <Link href={noRedirectHref(from)}>{chunks}</Link>,
            toLink: (chunks) => <Link href={titleToUrlPath(to)}>{chunks}</Link>,
          })}
        </p>
        {screen.talkMoved && <p>{t('talkMoved')}</p>}
        {screen.talkNotMoved && <p className="notice notice-warning">{t('talkNotMoved')}</p>}
      </div>
    );
  }
  if (screen.kind === 'no-target') return <p>{t.rich('noTarget', { i: (chunks) => <i>{chunks}</i> })}</p>;
  if (screen.kind === 'bad-target') {
    return <p className="notice notice-error">{t('cannotMove', { target: screen.target, reason: screen.reason ?? t('specialPage') })}</p>;
  }
  const { title } = screen;
  if (screen.kind === 'missing') {
    return <p className="notice notice-error">{t('missing', { title: title.prefixedText })}</p>;
  }
  if (screen.kind === 'denied') {
    return <PermissionNotice decision={screen.decision} returnTo={specialPageHref('MovePage', title)} />;
  }
  return (
    <>
      <p>{t.rich('intro', { title: title.prefixedText, page: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link> })}</p>
      <MovePageForm
        action={submitMove}
        hasTalkPage={screen.hasTalkPage}
        initial={{ from: title.prefixedText, to: title.prefixedText, reason: '', leaveRedirect: true, moveTalk: true, baseRevisionId: String(screen.baseRevisionId) }}
      />
    </>
  );
}
