import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Bad title', robots: { index: false } };

interface BadTitleProps {
  searchParams: Promise<{ title?: string; reason?: string }>;
}

/** Shown with status 400 by proxy.ts for /wiki/ addresses whose title breaks a naming rule. */
export default async function BadTitlePage({ searchParams }: BadTitleProps) {
  const { title, reason } = await searchParams;
  return (
    <article className="article">
      <h1 className="article-title">Bad title</h1>
      <p className="notice notice-error">
        The requested page title is invalid{title ? <> (“<code>{title}</code>”)</> : null}: {reason ?? 'it breaks a naming rule.'}
      </p>
      <p>
        Titles may not contain <code># &lt; &gt; [ ] | {'{'} {'}'}</code> or control characters and are at most 255 bytes long. Go to the{' '}
        <a href="/wiki/Main_Page">Main Page</a>.
      </p>
    </article>
  );
}
