import { describe, expect, it } from 'vitest';
import { fitWithin, PREVIEW_BOX, uploadHref } from '@/lib/domain/files/file-page-view';
import { parseFileListSort } from '@/lib/domain/files/file-list-view';
import { fileRevertSchema } from '@/lib/domain/files/revert-input';
import { fieldErrorsOf } from '@/lib/domain/schemas';

describe('fitWithin', () => {
  it('fits the box keeping the aspect ratio, and never enlarges', () => {
    expect(fitWithin(1600, 1200, PREVIEW_BOX)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(1000, 3000, PREVIEW_BOX)).toEqual({ width: 200, height: 600 });
    expect(fitWithin(300, 200, PREVIEW_BOX)).toEqual({ width: 300, height: 200 });
    expect(fitWithin(10000, 1, { width: 120, height: 120 })).toEqual({ width: 120, height: 1 });
  });
});

describe('uploadHref', () => {
  it('names the destination as MediaWiki’s wpDestFile, and a new version with wpForReUpload', () => {
    expect(uploadHref('Logo_&_co.png')).toBe('/wiki/Special:Upload?wpDestFile=Logo_%26_co.png');
    expect(uploadHref('Logo.png', true)).toBe('/wiki/Special:Upload?wpDestFile=Logo.png&wpForReUpload=1');
  });
});

describe('parseFileListSort', () => {
  it('takes date, name or size, and falls back to the newest first', () => {
    expect(parseFileListSort('size')).toBe('size');
    expect(parseFileListSort(['name', 'size'])).toBe('name');
    expect(parseFileListSort('bytes')).toBe('date');
    expect(parseFileListSort(undefined)).toBe('date');
  });
});

describe('fileRevertSchema', () => {
  const valid = { title: 'File:Logo.png', versionId: '3', expect: '5', comment: ' back\nagain ' };

  it('parses the confirmation form', () => {
    const data = fileRevertSchema.parse(valid);
    expect([data.title.prefixedText, data.versionId, data.expect, data.comment]).toEqual(['File:Logo.png', 3, 5, 'back again']);
  });

  it('refuses what is not a file version to revert to', () => {
    const errors = (input: Record<string, unknown>) => {
      const result = fileRevertSchema.safeParse(input);
      return result.success ? {} : fieldErrorsOf(result.error);
    };
    expect(errors({ ...valid, title: 'Logo.png' }).title).toMatch(/Enter the name the file will have/);
    expect(errors({ ...valid, versionId: 'x' }).versionId).toBe('No file version was given to revert to.');
    expect(errors({ ...valid, expect: '0' }).expect).toMatch(/positive whole number/);
    expect(errors({ ...valid, comment: 'y'.repeat(501) }).comment).toMatch(/at most 500/);
  });
});
