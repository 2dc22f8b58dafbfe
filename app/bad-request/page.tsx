import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Bad request', robots: { index: false } };

/** Shown with status 400 by proxy.ts when a /wiki/ address has a malformed parameter. */
export default async function BadRequestPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <article className="article">
      <h1 className="article-title">Bad request</h1>
      <p className="notice notice-error">The address is not valid: {reason ?? 'a parameter is malformed.'}</p>
      <p>
        Go to the <a href="/wiki/Main_Page">Main Page</a>.
      </p>
    </article>
  );
}
