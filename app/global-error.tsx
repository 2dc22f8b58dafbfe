'use client';

import english from '@/messages/en/boundary.json';
import italian from '@/messages/it/boundary.json';

/**
 * Replaces the root layout when the layout itself fails. Never shows a stack trace. (When the
 * cause is the database being unavailable, runtime/server.mjs answers 503 with its own page.)
 * Without the layout there is no language negotiation and no NextIntlClientProvider, so the
 * page says it in every interface language, each marked with its `lang`.
 */
const LANGUAGES = [
  { lang: 'en', text: english },
  { lang: 'it', text: italian },
] as const;

export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <main style={{ maxWidth: '40rem', margin: '4rem auto', fontFamily: 'sans-serif', lineHeight: 1.5 }}>
          {LANGUAGES.map(({ lang, text }) => (
            <section key={lang} lang={lang}>
              <h1>{text.title}</h1>
              <p>{text.message}</p>
              <button type="button" onClick={reset}>
                {text.tryAgain}
              </button>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
