import 'server-only';
import type { DerivedDataUpdater } from '@/lib/server/derived';

/**
 * The search document of a page (MediaWiki's SearchUpdate): rebuilt from the latest revision
 * inside the save transaction.
 *
 * Text-search configurations. The wiki's content is Italian and English, often mixed within one
 * page, and PostgreSQL stems with exactly one language per to_tsvector call. So the vector holds
 * the text three times:
 *   - 'simple'  — lower-cased words, no stemming, no stop words: exact matches for names, quotes
 *                 and words of either language (including Italian words English would stem badly);
 *   - 'english' — English stems ("episodes" finds "episode");
 *   - 'italian' — Italian stems ("bambini" finds "bambino").
 * Queries are parsed with the same three configurations and OR-ed (lib/server/search.ts), so a
 * word matches if any analysis of it matches. Weights: the title is 'A' in all three; body exact
 * words are 'B' and body stems 'C', so exact matches outrank stem-only matches. All three configs
 * are built into PostgreSQL and PGlite alike (no dictionary files or extensions needed).
 */
export const SEARCH_CONFIGS = ['simple', 'english', 'italian'] as const;

/** Private-use characters ts_headline wraps matches in; removed from the stored text so no page can forge them. */
/** Unpaired UTF-16 surrogates: PostgreSQL cannot store them (String.prototype.toWellFormed is not in our lib target). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';
/**
 * ts_headline's parser takes "<…>" for tags and "&…;" for entities and drops or mangles them, so
 * the text it highlights has '<' and '&' swapped for these (swapped back before escaping).
 */
export const LT_STANDIN = '\uE002';
export const AMP_STANDIN = '\uE003';

/** Caps the body indexed and stored: to_tsvector refuses more than 1 MB of positions anyway. */
const MAX_BODY_CHARS = 200_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Plain text of rendered HTML, as readers see it: tags removed, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (Object.hasOwn(ENTITIES, lower)) return ENTITIES[lower]!;
      if (lower.startsWith('#')) {
        const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
      }
      return whole;
    })
    .replace(/[\0\uE000-\uE003]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(LONE_SURROGATE, '\uFFFD');
}

export const updateSearchDocument: DerivedDataUpdater = async (tx, page) => {
  const body = htmlToPlainText(page.rendered.html).slice(0, MAX_BODY_CHARS).replace(LONE_SURROGATE, '\uFFFD');
  const title = page.title.text;
  const titleLower = title.toLowerCase();
  await tx.$executeRaw`
    INSERT INTO search_documents (page_id, namespace, title_lower, body_text, vector)
    VALUES (
      ${page.pageId}, ${page.title.namespace}, ${titleLower}, ${body},
      setweight(to_tsvector('simple', ${title}), 'A') ||
      setweight(to_tsvector('english', ${title}), 'A') ||
      setweight(to_tsvector('italian', ${title}), 'A') ||
      setweight(to_tsvector('simple', ${body}), 'B') ||
      setweight(to_tsvector('english', ${body}), 'C') ||
      setweight(to_tsvector('italian', ${body}), 'C')
    )
    ON CONFLICT (page_id) DO UPDATE SET
      namespace = EXCLUDED.namespace,
      title_lower = EXCLUDED.title_lower,
      body_text = EXCLUDED.body_text,
      vector = EXCLUDED.vector`;
};
