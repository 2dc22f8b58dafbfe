import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { MovePageForm } from '@/components/MovePageForm';
import { submitMove } from '@/app/actions/move';
import { getEditableSource, pageExists } from '@/lib/server/pages';
import { getActor } from '@/lib/server/session';
import { pageContextFor } from '@/lib/server/protection';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { isTalkNamespace, talkTitleOf } from '@/lib/domain/talk';
import { NS, titleToUrlPath, tryParseTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Special:MovePage/<Title>: the move form, the outcome of a move, or why the reader cannot move. */
export async function MovePageView({ target, query }: { target: string | null; query: SearchParams }) {
  const t = await getTranslations('admin.move');
  const movedFrom = first(query.from);
  const movedTo = first(query.to);
  if (target === null && movedFrom && movedTo) {
    const from = tryParseTitle(movedFrom);
    const to = tryParseTitle(movedTo);
    if (from.ok && to.ok) {
      return (
        <div role="status" className="move-success">
          <p>
            {t.rich('moved', {
              from: from.title.prefixedText,
              to: to.title.prefixedText,
              fromLink: (chunks) => <Link href={`${titleToUrlPath(from.title)}?redirect=no`}>{chunks}</Link>,
              toLink: (chunks) => <Link href={titleToUrlPath(to.title)}>{chunks}</Link>,
            })}
          </p>
          {first(query.talk) === '1' && <p>{t('talkMoved')}</p>}
          {first(query.talkwarning) === '1' && <p className="notice notice-warning">{t('talkNotMoved')}</p>}
        </div>
      );
    }
  }
  if (target === null) return <p>{t.rich('noTarget', { i: (chunks) => <i>{chunks}</i> })}</p>;
  const parsed = tryParseTitle(target);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) {
    return <p className="notice notice-error">{t('cannotMove', { target, reason: parsed.ok ? t('specialPage') : parsed.reason })}</p>;
  }
  const title = parsed.title;
  const [source, actor] = await Promise.all([getEditableSource(title), getActor()]);
  if (!source) {
    return <p className="notice notice-error">{t('missing', { title: title.prefixedText })}</p>;
  }
  const decision = can(actor, 'move', await pageContextFor(source.pageId), policySettings());
  if (!decision.allowed) {
    const returnTo = `/wiki/Special:MovePage/${titleToUrlPath(title).slice('/wiki/'.length)}`;
    return (
      <PermissionNotice decision={decision} returnTo={returnTo} />
    );
  }
  const talk = isTalkNamespace(title.namespace) ? null : talkTitleOf(title);
  const hasTalkPage = talk !== null && (await pageExists(talk));
  return (
    <>
      <p>{t.rich('intro', { title: title.prefixedText, page: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link> })}</p>
      <MovePageForm
        action={submitMove}
        hasTalkPage={hasTalkPage}
        initial={{ from: title.prefixedText, to: title.prefixedText, reason: '', leaveRedirect: true, moveTalk: true, baseRevisionId: String(source.revisionId) }}
      />
    </>
  );
}
