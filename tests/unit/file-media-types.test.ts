import { describe, expect, it } from 'vitest';
import { englishText } from '@/lib/domain/error-messages';
import {
  ALL_UPLOAD_TYPES,
  allowedTypesMessage,
  extensionFits,
  extensionOf,
  isAllowed,
  MEDIA_TYPES,
  mediaTypeOf,
  uploadTypeSettings,
  wrongExtensionMessage,
} from '@/lib/domain/files/media-types';

describe('media types', () => {
  it('knows PNG, JPEG, GIF, WebP, AVIF as bitmaps and SVG as a drawing', () => {
    expect(MEDIA_TYPES.map((type) => [type.label, type.kind])).toEqual([
      ['PNG', 'BITMAP'],
      ['JPEG', 'BITMAP'],
      ['GIF', 'BITMAP'],
      ['WebP', 'BITMAP'],
      ['AVIF', 'BITMAP'],
      ['SVG', 'DRAWING'],
    ]);
    expect(mediaTypeOf('image/jpeg')?.extensions).toEqual(['jpg', 'jpeg', 'jpe']);
    expect(mediaTypeOf('text/html')).toBeUndefined();
  });

  it('reads extensions case-insensitively, and none from dotfiles or trailing dots', () => {
    expect(extensionOf('Logo.PNG')).toBe('png');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('.png')).toBeNull();
    expect(extensionOf('Logo.')).toBeNull();
    expect(extensionOf('Logo')).toBeNull();
  });

  it('says whether a name fits the sniffed type', () => {
    expect(extensionFits('Photo.jpg', 'image/jpeg')).toBe(true);
    expect(extensionFits('Photo.JPEG', 'image/jpeg')).toBe(true);
    expect(extensionFits('Photo.jpe', 'image/jpeg')).toBe(true);
    expect(extensionFits('Photo.png', 'image/jpeg')).toBe(false);
    expect(extensionFits('Drawing.svg', 'image/svg+xml')).toBe(true);
    expect(extensionFits('Drawing.svgz', 'image/svg+xml')).toBe(false);
    expect(extensionFits('Page.html', 'text/html')).toBe(false);
    expect(extensionFits('NoExtension', 'image/png')).toBe(false);
  });

  it('narrows the allowed list from WIKI_UPLOAD_TYPES, by extension, label or MIME type', () => {
    expect(uploadTypeSettings(undefined)).toBe(ALL_UPLOAD_TYPES);
    expect(uploadTypeSettings('  ')).toBe(ALL_UPLOAD_TYPES);
    const narrowed = uploadTypeSettings('svg, .JPG image/png');
    expect(narrowed.types.map((type) => type.label)).toEqual(['PNG', 'JPEG', 'SVG']);
    expect(isAllowed('image/png', narrowed)).toBe(true);
    expect(isAllowed('image/gif', narrowed)).toBe(false);
    expect(() => uploadTypeSettings('png, exe')).toThrow(/"exe"/);
  });

  it('says what is allowed, and how to name a file', () => {
    expect(englishText(allowedTypesMessage())).toBe('Allowed types: PNG, JPEG, GIF, WebP, AVIF, SVG (names ending in .png, .jpg, .jpeg, .jpe, .gif, .webp, .avif, .svg).');
    expect(englishText(allowedTypesMessage(uploadTypeSettings('png')))).toBe('Allowed types: PNG (names ending in .png).');
    expect(englishText(wrongExtensionMessage('Photo.png', 'image/jpeg'))).toBe(
      'The name ends in .png, but the file is a JPEG image. Please give it a name ending in .jpg, .jpeg, .jpe.',
    );
    expect(englishText(wrongExtensionMessage('Photo', 'image/png'))).toContain('has no extension');
  });
});
