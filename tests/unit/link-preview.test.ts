// The link-preview tags of an article (lib/domain/link-preview.ts): what Next.js writes as
// <meta name="description">, og:* and twitter:* from the stored description and picture.
import { describe, expect, it } from 'vitest';
import { ogLocale, previewImage, previewMetadata, PREVIEW_IMAGE_WIDTH, type LinkPreview } from '@/lib/domain/link-preview';

const SHA1 = 'a'.repeat(40);
const context = { siteName: 'Telefono Azzurro Fans Wiki', locale: 'it', canonicalUrl: 'https://fans.example.org/wiki/ECPAT', title: 'ECPAT' };

describe('previewMetadata', () => {
  it('gives an article with a picture the description, OpenGraph article tags and a large Twitter card', () => {
    const image = previewImage('https://fans.example.org', 'ECPAT_logo.png', SHA1, { width: 2000, height: 1000, mime: 'image/png' }, 'File:ECPAT logo.png');
    const preview: LinkPreview = { description: 'ECPAT is a network.', image, modifiedTime: '2026-12-05T10:00:00.000Z' };
    expect(previewMetadata(preview, context)).toEqual({
      description: 'ECPAT is a network.',
      openGraph: {
        type: 'article',
        title: 'ECPAT',
        siteName: 'Telefono Azzurro Fans Wiki',
        url: 'https://fans.example.org/wiki/ECPAT',
        locale: 'it_IT',
        description: 'ECPAT is a network.',
        images: [{ url: `https://fans.example.org/images/thumb/${SHA1}/1024px-ECPAT_logo.png`, width: 1024, height: 512, alt: 'File:ECPAT logo.png' }],
        modifiedTime: '2026-12-05T10:00:00.000Z',
      },
      twitter: {
        card: 'summary_large_image',
        title: 'ECPAT',
        description: 'ECPAT is a network.',
        images: [{ url: `https://fans.example.org/images/thumb/${SHA1}/1024px-ECPAT_logo.png`, alt: 'File:ECPAT logo.png' }],
      },
    });
  });

  it('leaves out an empty description, a missing picture (small card) and a root-relative og:url', () => {
    const metadata = previewMetadata({ description: '', image: null, modifiedTime: '2026-12-05T10:00:00.000Z' }, { ...context, locale: 'en', canonicalUrl: '/wiki/ECPAT' });
    expect(metadata).toEqual({
      openGraph: { type: 'article', title: 'ECPAT', siteName: 'Telefono Azzurro Fans Wiki', locale: 'en_US', modifiedTime: '2026-12-05T10:00:00.000Z' },
      twitter: { card: 'summary', title: 'ECPAT' },
    });
  });
});

describe('previewImage', () => {
  it('asks for a 1024-pixel thumbnail, never more than a bitmap has, and rasterizes drawings at 1024', () => {
    expect(PREVIEW_IMAGE_WIDTH).toBe(1024);
    expect(previewImage('https://w.example', 'Small.jpg', SHA1, { width: 300, height: 200, mime: 'image/jpeg' }, 'x')).toMatchObject({
      url: `https://w.example/images/thumb/${SHA1}/300px-Small.jpg`,
      width: 300,
      height: 200,
    });
    expect(previewImage('https://w.example', 'Map.svg', SHA1, { width: 100, height: 50, mime: 'image/svg+xml' }, 'x')).toMatchObject({
      url: `https://w.example/images/thumb/${SHA1}/1024px-Map.svg`,
      width: 1024,
      height: 512,
    });
  });
});

describe('ogLocale', () => {
  it("writes the reader's language as og:locale wants it", () => {
    expect(ogLocale('en')).toBe('en_US');
    expect(ogLocale('it')).toBe('it_IT');
  });
});
