'use client';

/**
 * Last-resort boundary: never shows a stack trace, only what the reader can do. When the cause was
 * the database being unavailable the response status is 503 (scripts/server.mjs); the page cannot
 * tell, so the wording fits both that and a bug.
 */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <article className="article">
      <h1 className="article-title">The wiki could not show this page</h1>
      <p className="notice notice-error">
        The wiki is temporarily unavailable or something went wrong on our side. Please try again in a moment.
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </article>
  );
}
