import 'server-only';
import { createHash } from 'node:crypto';

/**
 * The page's side of runtime/article-body-splice.mjs: whether the production server will put the
 * article's HTML into this response's HTML itself, so that the page leaves it out of the React tree
 * (and so out of the RSC payload, the second copy). Only for a browser's document request; a
 * client-side navigation, a form post, `next dev` and tests render the body in the tree as before.
 */
type BodyStore = { getStore(): Map<string, string> | undefined };
const ARTICLE_BODIES = Symbol.for('wiki.articleBodies');

/** Notes a body for the server to insert; returns the digest its placeholder names. */
export type DeferArticleBody = (html: string) => string;

export function articleBodyDeferral(): DeferArticleBody | undefined {
  const bodies = (globalThis as Record<symbol, BodyStore | undefined>)[ARTICLE_BODIES]?.getStore();
  if (!bodies) return undefined;
  return (html) => {
    // A digest, not a random name: the same page renders the same bytes on every instance, which
    // keeps ETags and shared caches consistent.
    const digest = createHash('sha256').update(html).digest('base64url').slice(0, 22);
    bodies.set(digest, html);
    return digest;
  };
}
