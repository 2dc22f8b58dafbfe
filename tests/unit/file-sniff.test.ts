import { beforeAll, describe, expect, it } from 'vitest';
import { englishText } from '@/lib/domain/error-messages';
import { uploadTypeSettings } from '@/lib/domain/files/media-types';
import { sniffUpload } from '@/lib/domain/files/sniff';
import { checkSvg, NOT_SVG } from '@/lib/domain/files/svg-safety';
import { looksLikeScript } from '@/lib/domain/files/script-scan';
import { gifStructure, jpegStructure, pngStructure, webpStructure, avifStructure } from '@/lib/domain/files/image-structure';
import { hostileCorpus, validImages, type CorpusFile } from '@/tests/support/hostile-files';

const text = (value: string) => new TextEncoder().encode(value);
const svg = (body: string, attributes = '') => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>${body}</svg>`;

let corpus: CorpusFile[];
let valid: Awaited<ReturnType<typeof validImages>>;
beforeAll(async () => {
  corpus = await hostileCorpus();
  valid = await validImages();
});

describe('sniffUpload over the hostile corpus', () => {
  it('refuses every hostile file for its reason and accepts every valid one with its real type', async () => {
    expect(corpus.length).toBeGreaterThan(25);
    for (const file of corpus) {
      const result = await sniffUpload(file.bytes);
      if (file.refusedBy === 'sniff') {
        expect(result.ok, file.label).toBe(false);
        if (!result.ok) expect(result.reason, file.label).toBe(file.reason);
      } else {
        expect(result, file.label).toMatchObject({ ok: true, mime: file.mime });
      }
    }
  });

  it('answers 415 for types and content, 400 for empty and cut files, always saying what to do', async () => {
    for (const file of corpus.filter((entry) => entry.refusedBy === 'sniff')) {
      const result = await sniffUpload(file.bytes);
      if (result.ok) continue;
      expect(result.code, file.label).toBe(['empty', 'truncated', 'svg-invalid'].includes(result.reason) ? 'VALIDATION' : 'UNSUPPORTED_MEDIA_TYPE');
      expect(englishText(result.text), file.label).toMatch(/Please|Allowed types/);
    }
  });
});

describe('sniffUpload decisions', () => {
  it('decides by the bytes, whatever the name: a JPEG is a JPEG', async () => {
    expect(await sniffUpload(valid.jpeg)).toEqual({ ok: true, mime: 'image/jpeg', extension: 'jpg', kind: 'BITMAP' });
    expect(await sniffUpload(valid.svg)).toEqual({ ok: true, mime: 'image/svg+xml', extension: 'svg', kind: 'DRAWING' });
  });

  it('names the allowed types when refusing one the wiki does not take', async () => {
    const result = await sniffUpload(valid.gif, uploadTypeSettings('png,jpg'));
    expect(result).toMatchObject({ ok: false, reason: 'type-not-allowed', code: 'UNSUPPORTED_MEDIA_TYPE' });
    if (!result.ok)
      expect(englishText(result.text)).toBe('This file is a GIF file, which this wiki does not accept. Allowed types: PNG, JPEG (names ending in .png, .jpg, .jpeg, .jpe).');
    expect(await sniffUpload(valid.svg, uploadTypeSettings('png'))).toMatchObject({ ok: false, reason: 'type-not-allowed' });
  });

  it('refuses plain text and unknown binaries as unknown', async () => {
    expect(await sniffUpload(text('just some words'))).toMatchObject({ ok: false, reason: 'unknown-type' });
    expect(await sniffUpload(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toMatchObject({ ok: false, reason: 'unknown-type' });
    // file-type knows XML: refused by name.
    const xml = await sniffUpload(text('<?xml version="1.0"?><note>hi</note>'));
    expect(xml).toMatchObject({ ok: false, reason: 'type-not-allowed' });
    if (!xml.ok) expect(englishText(xml.text)).toMatch(/^This file is a XML file/);
  });

  it('reads SVG written in UTF-16 or in the Latin-1 its declaration names', async () => {
    const source = `<?xml version="1.0" encoding="ISO-8859-1"?>${svg('<text>caffè</text>')}`;
    const latin1 = new Uint8Array([...source].map((char) => char.charCodeAt(0)));
    expect(await sniffUpload(latin1)).toMatchObject({ ok: true, mime: 'image/svg+xml' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(svg('<rect/>'), 'utf16le')]);
    expect(await sniffUpload(utf16)).toMatchObject({ ok: true, mime: 'image/svg+xml' });
    const hostile16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(svg('<script>alert(1)</script>'), 'utf16le')]);
    expect(await sniffUpload(hostile16)).toMatchObject({ ok: false, reason: 'svg-unsafe' });
  });

  it('refuses malformed SVG as invalid, saying where', async () => {
    const result = await sniffUpload(text('<svg xmlns="http://www.w3.org/2000/svg"><rect></svg>'));
    expect(result).toMatchObject({ ok: false, reason: 'svg-invalid', code: 'VALIDATION' });
    if (!result.ok) expect(englishText(result.text)).toMatch(/not well-formed XML \(.+\)/);
  });

  it('refuses bytes after the end of WebP and GIF images', async () => {
    const trailing = (bytes: Uint8Array) => new Uint8Array([...bytes, ...text('<script>x</script>')]);
    expect(await sniffUpload(trailing(valid.webp))).toMatchObject({ ok: false, reason: 'polyglot' });
    expect(await sniffUpload(trailing(valid.gif))).toMatchObject({ ok: false, reason: 'polyglot' });
    expect(await sniffUpload(trailing(valid.avif))).toMatchObject({ ok: false, reason: 'polyglot' });
  });

  it('refuses cut-short GIF, WebP and AVIF files', async () => {
    for (const bytes of [valid.gif, valid.webp, valid.avif]) {
      const result = await sniffUpload(bytes.subarray(0, Math.floor(bytes.length * 0.8)));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toBe('truncated');
    }
  });
});

describe('image structure walkers', () => {
  it('find the end of each valid image exactly', () => {
    expect(pngStructure(valid.png)).toBe('complete');
    expect(jpegStructure(valid.jpeg)).toBe('complete');
    expect(gifStructure(valid.gif)).toBe('complete');
    expect(webpStructure(valid.webp)).toBe('complete');
    expect(avifStructure(valid.avif)).toBe('complete');
  });

  it('accept the further pictures and zero padding cameras put after a JPEG, but nothing else', () => {
    const join = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));
    expect(jpegStructure(join(valid.jpeg, valid.jpeg))).toBe('complete');
    expect(jpegStructure(join(valid.jpeg, new Uint8Array(64)))).toBe('complete');
    expect(jpegStructure(join(valid.jpeg, valid.jpeg, text('<script>')))).toBe('trailing');
    expect(jpegStructure(join(valid.jpeg, valid.jpeg.subarray(0, 100)))).toBe('truncated');
  });

  it('see one extra byte as trailing and one missing byte as truncated', () => {
    for (const [walk, bytes] of [
      [pngStructure, valid.png],
      [jpegStructure, valid.jpeg],
      [gifStructure, valid.gif],
      [webpStructure, valid.webp],
    ] as const) {
      expect(walk(new Uint8Array([...bytes, 0x3c, 0x3c]))).toBe('trailing');
      expect(walk(bytes.subarray(0, bytes.length - 1))).toBe('truncated');
    }
  });
});

describe('the script scan (MediaWiki detectScript)', () => {
  it('finds HTML and script however it is dressed', () => {
    for (const sample of [
      '<!DOCTYPE html><p>x',
      '<HTML>',
      '  <head>',
      '<body onload=x>',
      '<script>alert(1)</script>',
      '&#60;script&#62;',
      '<a href="javascript:alert(1)">',
      "<img src = 'vbscript:x'>",
      '<div style="background:url( javascript:alert(1))">',
      '<script type="text/javascript">',
      '+ADw-script+AD4-',
    ]) {
      expect(looksLikeScript(text(sample)), sample).toBe(true);
    }
    // UTF-16 with and without a byte-order mark.
    expect(looksLikeScript(new Uint8Array([0xfe, 0xff, ...Buffer.from('<html>', 'utf16le').swap16()]))).toBe(true);
    expect(looksLikeScript(new Uint8Array(Buffer.from('<script>', 'utf16le')))).toBe(true);
  });

  it('reads only the first kilobyte of a bitmap, as MediaWiki', () => {
    const late = new Uint8Array([...new Uint8Array(2000).fill(0x20), ...text('<script>')]);
    expect(looksLikeScript(late)).toBe(false);
    expect(looksLikeScript(late, true)).toBe(true);
  });

  it('leaves ordinary images and drawings alone', async () => {
    for (const bytes of Object.values(valid)) expect(looksLikeScript(bytes, true)).toBe(false);
    expect(looksLikeScript(text('a + b - c, 2+2-1'))).toBe(false);
  });
});

describe('the SVG rules', () => {
  const problem = (source: string) => {
    const result = checkSvg(source);
    if (result === NOT_SVG) return 'not svg';
    return result.ok ? null : englishText(result.problem);
  };

  it('accepts drawings with internal references, embedded bitmaps, standard DOCTYPEs and editor metadata', () => {
    expect(problem(svg('<rect id="r" width="1" height="1"/><use xlink:href="#r"/><use href="#r"/>'))).toBeNull();
    expect(problem(svg('<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>'))).toBeNull();
    expect(problem(svg('<rect style="fill:url(#g)" fill="url( \'#g\' )" width="1" height="1"/>'))).toBeNull();
    expect(problem(svg('<style><![CDATA[ rect { fill: url(#g) } ]]></style>'))).toBeNull();
    expect(problem(svg('<rect style="fill: url(&quot;data:image/png;base64,iVBORw0KGgo=&quot;)"/>'))).toBeNull();
    expect(
      problem(`<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${svg('<rect/>')}`),
    ).toBeNull();
    expect(
      problem(
        svg(
          '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>',
          ' xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.3"',
        ),
      ),
    ).toBeNull();
    expect(problem('<svg><rect/></svg>')).toBeNull();
  });

  it('refuses script, handlers, outside references, foreignObject and their disguises', () => {
    const cases: [string, RegExp][] = [
      [svg('<script>alert(1)</script>'), /a script element/],
      [svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:script>'), /a script element/],
      [svg('<rect onclick="alert(1)"/>'), /event handler attribute \(onclick\)/],
      [svg('<rect ONMOUSEOVER="alert(1)"/>'), /event handler attribute/],
      [svg('<handler type="application/ecmascript">alert(1)</handler>'), /a handler element/],
      [svg('<foreignObject/>'), /a foreignObject element/],
      [svg('<iframe/>'), /an? iframe element/],
      [svg('<use xlink:href="other.svg#x"/>'), /reference to another file or address \(other\.svg#x\)/],
      [svg('<image href="//evil.example/x.png"/>'), /reference to another file/],
      [svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), /reference to another file/],
      [svg('<a xlink:href="https://example.org"><rect/></a>'), /reference to another file/],
      [svg('<animate attributeName="href" to="javascript:alert(1)"/>'), /animation that changes a link/],
      [svg('<set attributeName="onmouseover" to="alert(1)"/>'), /animation that changes a link or an event handler/],
      [svg('<rect style="fill:url(https://evil.example/x)"/>'), /style that loads something from elsewhere/],
      [svg('<rect fill="url(http://evil.example/#g)"/>'), /style that loads/],
      [svg('<rect style="fill: url(\'data:image/svg+xml;base64,PHN2Zz4=\')"/>'), /style that loads/],
      [svg('<rect style="behavior: url(x.htc)"/>'), /style that loads/],
      [svg('<rect style="width: expression(alert(1))"/>'), /style that loads/],
      [svg('<style>@import "https://evil.example/x.css";</style>'), /@import/],
      [svg('<style>rect { background: u\\72l(https://evil.example) }</style>'), /style that loads/],
      [svg('<div xmlns="http://www.w3.org/1999/xhtml"/>'), /namespace that is not SVG \(http:\/\/www\.w3\.org\/1999\/xhtml\)/],
      [`<?xml-stylesheet type="text/xsl" href="x.xsl"?>${svg('')}`, /processing instruction \(xml-stylesheet\)/],
      [`<?xml version="1.0" encoding="UTF-7"?>${svg('')}`, /unusual character encoding \(UTF-7\)/],
      [`<!DOCTYPE svg SYSTEM "file:///etc/passwd">${svg('')}`, /DOCTYPE/],
      [`<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg('<text>&x;</text>')}`, /DOCTYPE/],
    ];
    for (const [source, expected] of cases) expect(problem(source), source).toMatch(expected);
  });

  it('is not an SVG when the root is something else', () => {
    expect(checkSvg('<html><body/></html>')).toBe(NOT_SVG);
    expect(checkSvg('<svg xmlns="http://example.org/other"/>')).toBe(NOT_SVG);
  });
});
