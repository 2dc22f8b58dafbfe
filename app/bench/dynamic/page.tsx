/**
 * Baseline for `npm run bench`: Next.js's own floor for a dynamic page of this wiki, the root
 * layout (header, footer) around a body that needs no database. The signed-in article view is
 * compared with it. proxy.ts answers 404 here unless the server runs with WIKI_BENCH_BASELINES=1.
 */
export const dynamic = 'force-dynamic';

export default function DynamicBaselinePage() {
  return (
    <article className="article">
      <h1 className="article-title">Dynamic baseline</h1>
      <p>A trivial page, rendered on every request.</p>
    </article>
  );
}
