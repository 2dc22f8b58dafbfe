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
  return (
    <article className="article missing-page">
      <h1 className="article-title">{title ?? 'Page not found'}</h1>
      <p className="notice">
        <strong>This page does not exist yet.</strong> Check the spelling of the title, or go back to the{' '}
        <a href="/wiki/Main_Page">Main Page</a>.
      </p>
    </article>
  );
}
