/**
 * The tags a shared link to an article shows (OpenGraph, Twitter cards, <meta name="description">),
 * built from what lib/server/link-preview.ts read: docs/sharing.md. The result has the shape of the
 * matching fields of Next.js's `Metadata`, which the route merges into its own (this module stays
 * framework-free, so the type is spelled out here).
 *
 * Pure: no I/O.
 */
import { renderWidth, thumbnailUrl, type OriginalImage } from '@/lib/domain/files/thumbnail-sizes';

/**
 * Previews are shown up to about 1200 pixels wide (Facebook's and LinkedIn's recommendation);
 * this is the largest thumbnail bucket (thumbnail-sizes.ts) not over it, so it is made once and
 * shared with pages that show the file that large.
 */
export const PREVIEW_IMAGE_WIDTH = 1024;

export interface PreviewImage {
  /** Absolute address of the picture. */
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** What a link to a current article shows; see lib/server/link-preview.ts. */
export interface LinkPreview {
  /** Plain text of the lead, '' when the page has none. */
  description: string;
  image: PreviewImage | null;
  /** The current revision's timestamp, ISO 8601. */
  modifiedTime: string;
}

/**
 * The preview picture of a file's current version: a thumbnail (never the original, so the format
 * follows what the crawler accepts and a drawing is rasterized), at most PREVIEW_IMAGE_WIDTH wide
 * and never wider than a bitmap's original.
 */
export function previewImage(origin: string, name: string, sha1: string, original: OriginalImage, alt: string): PreviewImage {
  const width = renderWidth(PREVIEW_IMAGE_WIDTH, original);
  const height = original.width > 0 && original.height > 0 ? Math.max(1, Math.round((width * original.height) / original.width)) : width;
  return { url: `${origin}${thumbnailUrl(sha1, name, width)}`, width, height, alt };
}

/** og:locale is language_TERRITORY; the wiki's interface languages and the territory they are written for. */
const OG_LOCALES: Readonly<Record<string, string>> = { en: 'en_US', it: 'it_IT' };

export function ogLocale(locale: string): string {
  return OG_LOCALES[locale] ?? locale.replace('-', '_');
}

export interface PreviewContext {
  siteName: string;
  /** The reader's interface language ("en", "it"). */
  locale: string;
  /** The article's canonical address: og:url when absolute (a root-relative one is left out, as OpenGraph wants absolute URLs). */
  canonicalUrl: string;
  /** The page's title as shown. */
  title: string;
}

/** The fields of Next.js's Metadata this module fills. */
export interface PreviewMetadata {
  description?: string;
  openGraph: {
    type: 'article';
    title: string;
    siteName: string;
    url?: string;
    locale: string;
    description?: string;
    images?: { url: string; width: number; height: number; alt: string }[];
    modifiedTime: string;
  };
  twitter: {
    card: 'summary' | 'summary_large_image';
    title: string;
    description?: string;
    images?: { url: string; alt: string }[];
  };
}

const ABSOLUTE_URL = /^https?:\/\//iu;

/**
 * The description, OpenGraph and Twitter card of an article. An empty description is left out
 * rather than sent empty; the large card only when there is a picture to fill it.
 */
export function previewMetadata(preview: LinkPreview, context: PreviewContext): PreviewMetadata {
  const description = preview.description === '' ? {} : { description: preview.description };
  const image = preview.image;
  return {
    ...description,
    openGraph: {
      type: 'article',
      title: context.title,
      siteName: context.siteName,
      ...(ABSOLUTE_URL.test(context.canonicalUrl) ? { url: context.canonicalUrl } : {}),
      locale: ogLocale(context.locale),
      ...description,
      ...(image === null ? {} : { images: [{ url: image.url, width: image.width, height: image.height, alt: image.alt }] }),
      modifiedTime: preview.modifiedTime,
    },
    twitter: {
      card: image === null ? 'summary' : 'summary_large_image',
      title: context.title,
      ...description,
      ...(image === null ? {} : { images: [{ url: image.url, alt: image.alt }] }),
    },
  };
}
