import { describe, expect, it } from 'vitest';
import { parseImageOptions, splitLinkParts } from '@/lib/domain/files/image-options';

const options = (...parts: string[]) => parseImageOptions(parts).options;

describe('parseImageOptions (MediaWiki file-link options)', () => {
  it('reads nothing from no parts', () => {
    expect(parseImageOptions([])).toEqual({
      options: { type: null, align: null, width: null, height: null, upright: null, alt: null, link: null },
      extras: { border: false, valign: null, page: null, lang: null, class: null },
      caption: null,
      captionIndex: null,
    });
  });

  it('reads the frame types and their aliases', () => {
    expect(options('thumb').type).toBe('thumb');
    expect(options('thumbnail').type).toBe('thumb');
    expect(options('frame').type).toBe('frame');
    expect(options('framed').type).toBe('frame');
    expect(options('enframed').type).toBe('frame');
    expect(options('frameless').type).toBe('frameless');
    // A manual thumbnail (thumb=Other.png) is shown as an ordinary thumbnail.
    expect(options('thumb=Other.png').type).toBe('thumb');
  });

  it('lets a later option of a kind override an earlier one', () => {
    expect(options('thumb', 'frameless').type).toBe('frameless');
    expect(options('left', 'right').align).toBe('right');
    expect(options('100px', '200px').width).toBe(200);
  });

  it('reads sizes: width, height only, and a box', () => {
    expect(options('200px')).toMatchObject({ width: 200, height: null });
    expect(options('x100px')).toMatchObject({ width: null, height: 100 });
    expect(options('200x100px')).toMatchObject({ width: 200, height: 100 });
    expect(options('200 px')).toMatchObject({ width: 200, height: null });
    // A later size replaces the whole box.
    expect(options('200x100px', '50px')).toMatchObject({ width: 50, height: null });
  });

  it('treats invalid sizes as the caption', () => {
    for (const part of ['abcpx', '0px', 'px', '-5px', '200', '1.5px', '200x', '200xpx']) {
      const parsed = parseImageOptions([part]);
      expect(parsed.options.width, part).toBeNull();
      expect(parsed.caption, part).toBe(part);
    }
  });

  it('reads alignment, with the British spelling of centre', () => {
    expect(options('left').align).toBe('left');
    expect(options('right').align).toBe('right');
    expect(options('center').align).toBe('center');
    expect(options('centre').align).toBe('center');
    expect(options('none').align).toBe('none');
  });

  it('reads upright with and without a factor', () => {
    expect(options('upright').upright).toBe(0.75);
    expect(options('upright=0.5').upright).toBe(0.5);
    expect(options('upright 1.5').upright).toBe(1.5);
    expect(options('upright=2').upright).toBe(2);
    expect(options('upright=.5').upright).toBe(0.5);
  });

  it('treats an invalid upright factor as the caption', () => {
    for (const part of ['upright=big', 'upright=0', 'upright=', 'upright=-1', 'upright=1e3']) {
      const parsed = parseImageOptions([part]);
      expect(parsed.options.upright, part).toBeNull();
      expect(parsed.caption, part).toBe(part);
    }
  });

  it('reads alt= and link=, keeping "=" inside the value and allowing empty values', () => {
    expect(options('alt=A red logo')).toMatchObject({ alt: 'A red logo' });
    expect(options('alt=')).toMatchObject({ alt: '' });
    expect(options('link=Main Page')).toMatchObject({ link: 'Main Page' });
    expect(options('link=https://example.org/?a=b')).toMatchObject({ link: 'https://example.org/?a=b' });
    expect(options('link=')).toMatchObject({ link: '' });
  });

  it('reads the options MediaWiki knows but this wiki does not act on', () => {
    const { extras } = parseImageOptions(['border', 'text-top', 'page=3', 'lang=it', 'class=logo']);
    expect(extras).toEqual({ border: true, valign: 'text-top', page: 3, lang: 'it', class: 'logo' });
    expect(parseImageOptions(['sup']).extras.valign).toBe('super');
    expect(parseImageOptions(['page=two']).caption).toBe('page=two');
  });

  it('takes the last plain part as the caption, dropping earlier ones', () => {
    const parsed = parseImageOptions(['thumb', 'First caption', '200px', 'Second caption', 'left']);
    expect(parsed.caption).toBe('Second caption');
    expect(parsed.captionIndex).toBe(3);
    expect(parsed.options).toMatchObject({ type: 'thumb', width: 200, align: 'left' });
  });

  it('trims parts and matches option words case-sensitively, as MediaWiki', () => {
    expect(options('  thumb ', ' 200px').type).toBe('thumb');
    const parsed = parseImageOptions(['Thumb', 'LEFT']);
    expect(parsed.options.type).toBeNull();
    expect(parsed.options.align).toBeNull();
    expect(parsed.caption).toBe('LEFT');
  });

  it('treats an empty part as an (empty) caption, and unknown words as the caption', () => {
    expect(parseImageOptions(['A caption', '']).caption).toBe('');
    expect(parseImageOptions(['thumb', 'sideways']).caption).toBe('sideways');
    // The renderer's placeholder for a part with markup can only be the caption.
    expect(parseImageOptions(['thumb', '\u0000']).captionIndex).toBe(1);
  });

  it('parses the full example of the design', () => {
    const parsed = parseImageOptions(['thumb', '200px', 'left', 'upright', 'alt=Logo of ECPAT', 'Logo della ECPAT']);
    expect(parsed.options).toEqual({ type: 'thumb', align: 'left', width: 200, height: null, upright: 0.75, alt: 'Logo of ECPAT', link: null });
    expect(parsed.caption).toBe('Logo della ECPAT');
  });
});

describe('splitLinkParts', () => {
  it('splits on "|" outside nested links and templates', () => {
    expect(splitLinkParts('File:A.png|thumb|See [[B|the b page]] and {{T|x}}')).toEqual(['File:A.png', 'thumb', 'See [[B|the b page]] and {{T|x}}']);
    expect(splitLinkParts('File:A.png')).toEqual(['File:A.png']);
    expect(splitLinkParts('File:A.png||x')).toEqual(['File:A.png', '', 'x']);
  });

  it('survives unbalanced brackets', () => {
    expect(splitLinkParts('File:A.png|a ]] b|c')).toEqual(['File:A.png', 'a ]] b', 'c']);
    expect(splitLinkParts('File:A.png|a [[ b|c')).toEqual(['File:A.png', 'a [[ b|c']);
  });
});
