import { describe, expect, it } from 'vitest';
import { defaultImageName, extensionForMime, screenshotName, withExtensionFor } from '@/lib/domain/files/pasted-image';
import { imageEmbedMarkup, isImageFile } from '@/lib/domain/files/pasted-image-markup';

// A local time: the name shows the paster's clock, whatever the machine's zone.
const NOW = new Date(2026, 11, 5, 9, 4, 7);

describe('images pasted into the editor', () => {
  it('takes image types only', () => {
    expect(isImageFile({ type: 'image/png' })).toBe(true);
    expect(isImageFile({ type: 'image/svg+xml' })).toBe(true);
    expect(isImageFile({ type: 'text/plain' })).toBe(false);
    expect(isImageFile({ type: '' })).toBe(false);
  });

  it('knows the usual extension of each type the wiki accepts', () => {
    expect(extensionForMime('image/png')).toBe('png');
    expect(extensionForMime('image/jpeg')).toBe('jpg');
    expect(extensionForMime('IMAGE/WEBP')).toBe('webp');
    expect(extensionForMime('image/svg+xml')).toBe('svg');
    expect(extensionForMime('image/bmp')).toBeNull();
  });

  it('names a screenshot after the local time, zero-padded, without colons', () => {
    expect(screenshotName(NOW, 'image/png')).toBe('Screenshot 2026-12-05 09-04-07.png');
    expect(screenshotName(NOW, 'image/jpeg')).toBe('Screenshot 2026-12-05 09-04-07.jpg');
    expect(screenshotName(NOW, 'image/x-unknown')).toBe('Screenshot 2026-12-05 09-04-07.png');
  });

  it('gives clipboard images with a generic name a dated one', () => {
    expect(defaultImageName({ name: 'image.png', type: 'image/png' }, NOW)).toBe('Screenshot 2026-12-05 09-04-07.png');
    expect(defaultImageName({ name: '', type: 'image/gif' }, NOW)).toBe('Screenshot 2026-12-05 09-04-07.gif');
    expect(defaultImageName({ name: 'blob', type: 'image/webp' }, NOW)).toBe('Screenshot 2026-12-05 09-04-07.webp');
  });

  it('keeps a dropped file its own name, as a title, with an extension that fits its type', () => {
    expect(defaultImageName({ name: 'my photo.JPEG', type: 'image/jpeg' }, NOW)).toBe('My photo.JPEG');
    expect(defaultImageName({ name: 'C:\\fakepath\\logo.jpg', type: 'image/png' }, NOW)).toBe('Logo.png');
    expect(defaultImageName({ name: 'diagram', type: 'image/svg+xml' }, NOW)).toBe('Diagram.svg');
    expect(defaultImageName({ name: 'a:b.png', type: 'image/png' }, NOW)).toBe('A-b.png');
  });

  it('keeps, replaces or adds the extension', () => {
    expect(withExtensionFor('Map.png', 'image/png')).toBe('Map.png');
    expect(withExtensionFor('Map.jpe', 'image/jpeg')).toBe('Map.jpe');
    expect(withExtensionFor('Map.gif', 'image/png')).toBe('Map.png');
    expect(withExtensionFor('Map', 'image/png')).toBe('Map.png');
    expect(withExtensionFor('v1.2 notes', 'image/png')).toBe('v1.2 notes.png');
    expect(withExtensionFor('  Map.PNG  ', 'image/png')).toBe('Map.PNG');
    expect(withExtensionFor('Map.tiff', 'image/tiff')).toBe('Map.tiff');
    expect(withExtensionFor('', 'image/png')).toBe('');
  });

  it('inserts a thumbnail with the caret in its empty caption', () => {
    const markup = imageEmbedMarkup('Screenshot 2026-12-05 09-04-07.png');
    expect(markup.text).toBe('[[File:Screenshot 2026-12-05 09-04-07.png|thumb|]]');
    expect(markup.text.slice(0, markup.caption)).toBe('[[File:Screenshot 2026-12-05 09-04-07.png|thumb|');
    expect(imageEmbedMarkup('File:Logo.png').text).toBe('[[File:Logo.png|thumb|]]');
  });
});
