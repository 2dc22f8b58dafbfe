'use client';

/**
 * Replaces the root layout when the layout itself fails. Never shows a stack trace. (When the
 * cause is the database being unavailable, scripts/server.mjs answers 503 with its own page.)
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ maxWidth: '40rem', margin: '4rem auto', fontFamily: 'sans-serif', lineHeight: 1.5 }}>
          <h1>The wiki could not show this page</h1>
          <p>The wiki is temporarily unavailable or something went wrong on our side. Please try again in a moment.</p>
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
