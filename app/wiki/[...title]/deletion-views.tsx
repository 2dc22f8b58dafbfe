import Link from '@/components/Link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { DeletePageForm } from '@/components/LazyForms';
import { UndeleteForm } from '@/components/LazyForms';
import { RevisionDeleteForm } from '@/components/LazyForms';
import { AuthorLink, EditSummary, HiddenPart, RevisionVisibilityNotice } from '@/components/RevisionParts';
import { Timestamp } from '@/components/HistoryList';
import { submitDelete, submitUndelete } from '@/app/actions/delete';
import { submitRevisionVisibility } from '@/app/actions/revision-delete';
import { loadDeleteScreen, loadRevisionDeleteScreen, loadUndeleteScreen } from '@/lib/server/screens/deletion';
import type { SearchParams } from '@/lib/domain/query-params';
import { permalinkHref } from '@/lib/domain/history';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/** /wiki/<Title>?action=delete: the confirmation form (administrators), or why the reader cannot delete. */
export async function DeleteView({ title }: { title: ParsedTitle }) {
  const [screen, t] = await Promise.all([loadDeleteScreen(title), getTranslations('admin.delete')]);
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  let body;
  if (screen.kind === 'denied') body = <PermissionNotice decision={screen.decision} returnTo={`${titleToUrlPath(title)}?action=delete`} />;
  else if (screen.kind === 'missing') body = <p className="notice notice-error">{t('missing', { title: title.prefixedText })}</p>;
  else {
    body = (
      <>
        <p>
          {t.rich('intro', {
            title: title.prefixedText,
            page: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link>,
            undelete: (chunks) => <Link href={specialPageHref('Undelete', title)}>{chunks}</Link>,
          })}
        </p>
        <DeletePageForm
          action={submitDelete}
          hasTalkPage={screen.hasTalkPage}
          initial={{ title: title.prefixedText, reason: '', deleteTalk: 'on', latestRevisionId: String(screen.latestRevisionId) }}
        />
      </>
    );
  }
  return (
    <article className="article">
      {heading}
      {body}
    </article>
  );
}

/** Special:Undelete/<Title>: a page's deleted revisions (date, author, summary) and the restore form. */
export async function UndeleteView({ target }: { target: string | null }) {
  const [screen, t, format] = await Promise.all([loadUndeleteScreen(target), getTranslations('admin.undelete'), getFormatter()]);
  if (screen.kind === 'no-target') return <p>{t.rich('noTarget', { i: (chunks) => <i>{chunks}</i> })}</p>;
  if (screen.kind === 'bad-target') {
    const { reason } = screen;
    return <p className="notice notice-error">{reason === null ? t('notTitle', { target: screen.target }) : t('notTitleReason', { target: screen.target, reason })}</p>;
  }
  const { title } = screen;
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={specialPageHref('Undelete', title)} />;
  if (screen.kind === 'nothing-deleted') return <p className="notice">{t('nothingDeleted', { title: title.prefixedText })}</p>;
  const { archive } = screen;
  const path = titleToUrlPath(title);
  return (
    <>
      <p>
        {archive.deleted
          ? t('deleted', { title: title.prefixedText })
          : t.rich('recreated', { title: title.prefixedText, page: (chunks) => <Link href={path}>{chunks}</Link> })}{' '}
        {t('restoreAll', { count: archive.revisions.length })}
      </p>
      <UndeleteForm action={submitUndelete} initial={{ title: title.prefixedText, reason: '', newestArchivedId: String(archive.revisions[0]!.id) }} />
      <h2>{t('revisionsHeading')}</h2>
      <ul className="history-list undelete-list">
        {archive.revisions.map((revision) => {
          const date = (
            <Link href={permalinkHref(title, revision.id)}>
              <Timestamp date={revision.createdAt} />
            </Link>
          );
          return (
            <li key={revision.id} data-revision-id={revision.id}>
              {revision.visibility?.hidden.text ? <HiddenPart>{date}</HiddenPart> : date} <AuthorLink author={revision.author} visibility={revision.visibility} />{' '}
              <span className="mw-diff-bytes">({revision.size === 0 ? t('empty') : format.number(revision.size, 'bytes')})</span>{' '}
              <EditSummary summary={revision.summary} visibility={revision.visibility} />
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Special:RevisionDelete?target=<Title>&ids=<id>: which parts of one revision non-administrators see. */
export async function RevisionDeleteView({ query }: { query: SearchParams }) {
  const [screen, t] = await Promise.all([loadRevisionDeleteScreen(query), getTranslations('admin.revisionDelete')]);
  if (screen.kind === 'no-revision') return <p className="notice notice-error">{t.rich('noRevision', { i: (chunks) => <i>{chunks}</i> })}</p>;
  const { revisionId } = screen;
  if (screen.kind === 'denied') {
    return <PermissionNotice decision={screen.decision} returnTo={`/wiki/Special:RevisionDelete?ids=${revisionId}`} />;
  }
  if (screen.kind === 'unknown-revision') return <p className="notice notice-error">{t('unknownRevision', { id: String(revisionId) })}</p>;
  const { detail } = screen;
  return (
    <>
      <p>
        {t.rich('summary', {
          title: detail.title.prefixedText,
          page: (chunks) => <Link href={titleToUrlPath(detail.title)}>{chunks}</Link>,
          date: () => (
            <Link href={permalinkHref(detail.title, revisionId)}>
              <Timestamp date={detail.revision.createdAt} />
            </Link>
          ),
          author: () => <AuthorLink author={detail.revision.author} visibility={detail.revision.visibility} />,
        })}{' '}
        <EditSummary summary={detail.revision.summary} visibility={detail.revision.visibility} />
      </p>
      <RevisionVisibilityNotice visibility={detail.revision.visibility} />
      <p>{t('explanation')}</p>
      <RevisionDeleteForm action={submitRevisionVisibility} isCurrent={screen.isCurrent} initial={screen.initial} />
    </>
  );
}
