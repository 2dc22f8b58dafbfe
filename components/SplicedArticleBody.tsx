'use client';

import { useState } from 'react';

/** Bodies already read from a document, by digest: a back navigation re-renders from the router cache. */
const bodiesSeen = new Map<string, string>();

function bodyFromDocument(digest: string): string {
  const seen = bodiesSeen.get(digest);
  if (seen !== undefined) return seen;
  if (typeof document === 'undefined') return '';
  const element = document.querySelector(`[data-wiki-body="${digest}"]`);
  if (!element) return '';
  bodiesSeen.set(digest, element.innerHTML);
  return element.innerHTML;
}

/**
 * An article body that the server put into the HTML itself (runtime/article-body-splice.mjs), so
 * that the RSC payload carries only its digest. On the server this renders the empty placeholder
 * the server fills; in the browser it takes the body from the document it hydrates. React does not
 * hydrate inside `dangerouslySetInnerHTML`, so the body is never re-inserted; later renders of the
 * same page (a back navigation restores it from Next.js's router cache, with only the digest) get
 * it from `bodiesSeen`.
 */
export function SplicedArticleBody({ digest }: { digest: string }) {
  const [html] = useState(() => bodyFromDocument(digest));
  return <div className="article-body" data-wiki-body={digest} dangerouslySetInnerHTML={{ __html: html }} suppressHydrationWarning />;
}
