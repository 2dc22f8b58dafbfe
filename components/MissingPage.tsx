import { encodeTitleForUrl } from '@/lib/domain/titles';

export function MissingPage({ title, revision }: { title: string | null; revision?: string | null }) {
  if (revision && /^\d+$/.test(revision)) {
    return (
      <article className="article missing-page">
        <h1 className="article-title">Revision not found</h1>
        <p className="notice">
          There is no revision {revision}
          {title ? <> of “{title}”</> : null}. It may never have existed; check the link, or see the page’s history.
        </p>
      </article>
    );
  }
  if (title?.startsWith('Special:')) {
    return (
      <article className="article missing-page">
        <h1 className="article-title">No such special page</h1>
        <p className="notice">
          There is no special page called “{title.slice('Special:'.length)}”. Go back to the <a href="/wiki/Main_Page">Main Page</a>.
        </p>
      </article>
    );
  }
  const editHref = title ? `/wiki/${encodeTitleForUrl(title.replaceAll(' ', '_'))}?action=edit` : null;
  return (
    <article className="article missing-page">
      <h1 className="article-title">{title ?? 'Page not found'}</h1>
      <p className="notice">
        <strong>This page does not exist yet.</strong>{' '}
        {editHref && (
          <>
            You can <a href={editHref}>create this page</a>, or go back to the{' '}
          </>
        )}
        {!editHref && 'Go back to the '}
        <a href="/wiki/Main_Page">Main Page</a>.
      </p>
    </article>
  );
}
