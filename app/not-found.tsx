export default function NotFound() {
  return (
    <article className="article">
      <h1 className="article-title">Not found</h1>
      <p className="notice">There is nothing at this address. Wiki pages live under <a href="/wiki/Main_Page">/wiki/</a>.</p>
    </article>
  );
}
