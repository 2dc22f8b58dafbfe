import { encodeTitleForUrl } from '@/lib/domain/titles';

export function MissingPage({ title }: { title: string | null }) {
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
