'use client';

/** Last-resort boundary: never shows a stack trace, only what the reader can do. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <article className="article">
      <h1 className="article-title">Something went wrong</h1>
      <p className="notice notice-error">The wiki could not show this page right now. Please try again in a moment.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </article>
  );
}
