import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { DeletePageForm } from '@/components/DeletePageForm';
import { UndeleteForm } from '@/components/UndeleteForm';
import { RevisionDeleteForm } from '@/components/RevisionDeleteForm';
import { AuthorLink, EditSummary, HiddenPart, RevisionVisibilityNotice } from '@/components/RevisionParts';
import { Timestamp } from '@/components/HistoryList';
import { submitDelete, submitUndelete } from '@/app/actions/delete';
import { submitRevisionVisibility } from '@/app/actions/revision-delete';
import { deleteFormState, getArchivedRevisions } from '@/lib/server/deletion';
import { visibilityFormState } from '@/lib/server/revision-visibility';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { parseId } from '@/lib/domain/query-params';
import { permalinkHref } from '@/lib/domain/history';
import { hiddenParts } from '@/lib/domain/visibility';
import { NS, titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function specialPath(name: string, title: ParsedTitle): string {
  return `/wiki/Special:${name}/${titleToUrlPath(title).slice('/wiki/'.length)}`;
}

/** /wiki/<Title>?action=delete: the confirmation form (administrators), or why the reader cannot delete. */
export async function DeleteView({ title }: { title: ParsedTitle }) {
  const [state, actor, t] = await Promise.all([deleteFormState(title), getActor(), getTranslations('admin.delete')]);
  const heading = <h1 className="article-title">{t('heading', { title: title.prefixedText })}</h1>;
  const decision = can(actor, 'delete', null, policySettings());
  let body;
  if (!decision.allowed) body = <PermissionNotice decision={decision} returnTo={`${titleToUrlPath(title)}?action=delete`} />;
  else if (!state) body = <p className="notice notice-error">{t('missing', { title: title.prefixedText })}</p>;
  else {
    body = (
      <>
        <p>
          {t.rich('intro', {
            title: title.prefixedText,
            page: (chunks) => <Link href={titleToUrlPath(title)}>{chunks}</Link>,
            undelete: (chunks) => <Link href={specialPath('Undelete', title)}>{chunks}</Link>,
          })}
        </p>
        <DeletePageForm
          action={submitDelete}
          hasTalkPage={state.hasTalkPage}
          initial={{ title: title.prefixedText, reason: '', deleteTalk: 'on', latestRevisionId: String(state.latestRevisionId) }}
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
  const [t, format] = await Promise.all([getTranslations('admin.undelete'), getFormatter()]);
  if (target === null) return <p>{t.rich('noTarget', { i: (chunks) => <i>{chunks}</i> })}</p>;
  const parsed = tryParseTitle(target);
  if (!parsed.ok || parsed.title.namespace === NS.SPECIAL) {
    return <p className="notice notice-error">{parsed.ok ? t('notTitle', { target }) : t('notTitleReason', { target, reason: parsed.reason })}</p>;
  }
  const title = parsed.title;
  const actor = await getActor();
  const decision = can(actor, 'undelete', null, policySettings());
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialPath('Undelete', title)} />;
  const archive = await getArchivedRevisions(actor, title);
  if (!archive) return <p className="notice">{t('nothingDeleted', { title: title.prefixedText })}</p>;
  const path = titleToUrlPath(title);
  return (
    <>
      <p>
        {archive.deleted
          ? t('deleted', { title: title.prefixedText })
          : t.rich('recreated', { title: title.prefixedText, page: (chunks) => <Link href={path}>{chunks}</Link> })}{' '}
        {t('restoreAll', { count: archive.revisions.length })}
      </p>
      <UndeleteForm
        action={submitUndelete}
        initial={{ title: title.prefixedText, reason: '', newestArchivedId: String(archive.revisions[0]!.id) }}
      />
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
              <span className="mw-diff-bytes">({revision.size === 0 ? t('empty') : format.number(revision.size, 'bytes')})</span> <EditSummary summary={revision.summary} visibility={revision.visibility} />
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** Special:RevisionDelete?target=<Title>&ids=<id>: which parts of one revision non-administrators see. */
export async function RevisionDeleteView({ query }: { query: SearchParams }) {
  // MediaWiki's ids= may list several revisions; this form changes one at a time (the first).
  const revisionId = parseId(first(query.ids)?.split(',')[0]);
  const t = await getTranslations('admin.revisionDelete');
  if (revisionId === null || revisionId === undefined) return <p className="notice notice-error">{t.rich('noRevision', { i: (chunks) => <i>{chunks}</i> })}</p>;
  const actor = await getActor();
  const decision = can(actor, 'hiderevision', null, policySettings());
  if (!decision.allowed) {
    return <PermissionNotice decision={decision} returnTo={`/wiki/Special:RevisionDelete?ids=${revisionId}`} />;
  }
  const state = await visibilityFormState(actor, revisionId);
  if (!state) return <p className="notice notice-error">{t('unknownRevision', { id: String(revisionId) })}</p>;
  const { detail, hidden, isCurrent } = state;
  const parts = hiddenParts(hidden);
  const box = (on: boolean) => (on ? 'on' : '');
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
      <RevisionDeleteForm
        action={submitRevisionVisibility}
        isCurrent={isCurrent}
        initial={{
          target: detail.title.prefixedText,
          revisionId: String(revisionId),
          hideText: box(parts.text),
          hideSummary: box(parts.summary),
          hideAuthor: box(parts.author),
          reason: '',
          seenHidden: String(hidden),
          latestRevisionId: detail.latestRevisionId === null ? '' : String(detail.latestRevisionId),
        }}
      />
    </>
  );
}
