/**
 * A corpus of hostile and valid uploads, built in code (no binary fixtures): each entry says what
 * the wiki must do with it. Shared by the sniffing unit tests, the image-probe integration test
 * and the REST/browser tests, which upload the same files and expect the same answers.
 *
 * `refusedBy`: 'sniff' — sniffUpload refuses it (its `reason`); 'probe' — the bytes pass the
 * structural checks but probeImage refuses them (pixel limit, undecodable data). Valid entries
 * have `mime` and no `refusedBy`.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { SniffRefusal } from '@/lib/domain/files/sniff';

export interface CorpusFile {
  /** What a test calls it. */
  label: string;
  /** The name it is uploaded under. */
  name: string;
  bytes: Uint8Array;
  /** The sniffed type of an accepted file. */
  mime?: string;
  refusedBy?: 'sniff' | 'probe';
  reason?: SniffRefusal;
  /** A valid file whose name's extension does not fit its type (the upload is refused by name). */
  wrongExtension?: true;
}

const text = (value: string) => new TextEncoder().encode(value);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(text(type), 4);
  const crc = new Uint8Array(4);
  new DataView(crc.buffer).setUint32(0, crc32(concat(text(type), data)));
  return concat(head, data, crc);
}

/**
 * A PNG declaring width × height (grayscale, 1 bit) whose pixel data is all zero rows, compressed:
 * 30000 × 30000 is 900 megapixels in about a hundred kilobytes — a decompression bomb.
 */
export function bombPng(width: number, height: number): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, grayscale, deflate, adaptive filter, no interlace
  const row = Math.ceil(width / 8) + 1;
  const pixels = deflateSync(new Uint8Array(row * height), { level: 9 });
  return concat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', pixels), pngChunk('IEND', new Uint8Array()));
}

/** A GIF declaring a 65535 × 65535 screen and image (4.3 gigapixels) in 32 bytes. */
export function bombGif(): Uint8Array {
  const screen = [0xff, 0xff, 0xff, 0xff, 0, 0, 0]; // 65535 × 65535, no colour table
  const image = [0x2c, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0]; // one image, as large
  const pixels = [2, 2, 0x44, 0x01, 0]; // LZW minimum code size 2, one data sub-block, end
  return concat(text('GIF89a'), new Uint8Array([...screen, ...image, ...pixels, 0x3b]));
}

/** Valid images of each allowed type, made with sharp (a small gradient-free picture). */
export async function validImages(): Promise<Record<'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'svg', Uint8Array>> {
  const base = () => sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } } });
  const svg = text(
    '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="80" viewBox="0 0 120 80">' +
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#c33"/><stop offset="1" stop-color="#33c"/></linearGradient></defs>' +
      '<rect width="120" height="80" fill="url(#g)"/><use xlink:href="#g"/><style>rect { stroke: black; }</style></svg>\n',
  );
  return {
    png: new Uint8Array(await base().png().toBuffer()),
    jpeg: new Uint8Array(await base().jpeg().toBuffer()),
    gif: new Uint8Array(await base().gif().toBuffer()),
    webp: new Uint8Array(await base().webp().toBuffer()),
    avif: new Uint8Array(await base().avif().toBuffer()),
    svg,
  };
}

const svg = (body: string, head = '') =>
  text(`${head}<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="100" height="100">${body}</svg>`);

/** The whole corpus: hostile files first, then one valid file of each type. */
export async function hostileCorpus(): Promise<CorpusFile[]> {
  const valid = await validImages();
  const zip = concat(text('PK\x03\x04'), new Uint8Array([20, 0, 0, 0, 8, 0]), new Uint8Array(20), text('notes.txt'), text('just some notes, stored'));
  const gifPolyglot = concat(text('GIF89a/*'), valid.gif.subarray(8), text('*/=alert(document.domain);'));
  return [
    { label: 'an empty (0-byte) file', name: 'Empty.png', bytes: new Uint8Array(), refusedBy: 'sniff', reason: 'empty' },
    {
      label: 'an HTML page named .png',
      name: 'Page.png',
      bytes: text('<!DOCTYPE html>\n<html><head><title>x</title></head><body>hello</body></html>'),
      refusedBy: 'sniff',
      reason: 'script',
    },
    { label: '<html><script> bytes', name: 'Script.png', bytes: text('<html><script>alert(document.cookie)</script></html>'), refusedBy: 'sniff', reason: 'script' },
    {
      label: 'UTF-16 HTML',
      name: 'Utf16.png',
      bytes: concat(new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from('<html><script>alert(1)</script>', 'utf16le'))),
      refusedBy: 'sniff',
      reason: 'script',
    },
    { label: 'UTF-7 HTML', name: 'Utf7.png', bytes: text('+ADw-html+AD4APA-script+AD4-alert(1)+ADw-/script+AD4-'), refusedBy: 'sniff', reason: 'script' },
    { label: 'a GIF/JS polyglot', name: 'Polyglot.gif', bytes: gifPolyglot, refusedBy: 'sniff', reason: 'polyglot' },
    {
      label: 'a PNG with HTML after IEND',
      name: 'Appended.png',
      bytes: concat(valid.png, text('<html><script>alert(1)</script></html>')),
      refusedBy: 'sniff',
      reason: 'polyglot',
    },
    { label: 'a JPEG with script after EOI', name: 'Appended.jpg', bytes: concat(valid.jpeg, text('<script>alert(1)</script>')), refusedBy: 'sniff', reason: 'polyglot' },
    {
      label: 'a PNG with script in a text chunk',
      name: 'TextChunk.png',
      bytes: pngWithText(valid.png, 'Comment', '<script>alert(1)</script>'),
      refusedBy: 'sniff',
      reason: 'script',
    },
    { label: 'an SVG with <script>', name: 'Script.svg', bytes: svg('<script>alert(1)</script>'), refusedBy: 'sniff', reason: 'svg-unsafe' },
    {
      label: 'an SVG with onload=',
      name: 'Onload.svg',
      bytes: text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>'),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    {
      label: 'an SVG with an external href',
      name: 'External.svg',
      bytes: svg('<image xlink:href="https://evil.example/x.png" width="10" height="10"/>'),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    {
      label: 'an SVG with a javascript: link',
      name: 'Link.svg',
      bytes: svg('<a href="javascript:alert(1)"><rect width="5" height="5"/></a>'),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    {
      label: 'an SVG with <foreignObject>',
      name: 'Foreign.svg',
      bytes: svg('<foreignObject width="100" height="100"><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    {
      label: 'an SVG with entity expansion (billion laughs)',
      name: 'Laughs.svg',
      bytes: text(
        '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&lol2;</text></svg>',
      ),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    {
      label: 'an SVG with an xml-stylesheet instruction',
      name: 'Stylesheet.svg',
      bytes: svg('<rect width="1" height="1"/>', '<?xml-stylesheet href="https://evil.example/x.css"?>'),
      refusedBy: 'sniff',
      reason: 'svg-unsafe',
    },
    { label: 'an SVG whose CSS imports', name: 'Import.svg', bytes: svg('<style>@import url(https://evil.example/x.css);</style>'), refusedBy: 'sniff', reason: 'svg-unsafe' },
    { label: 'a zip archive', name: 'Archive.png', bytes: zip, refusedBy: 'sniff', reason: 'type-not-allowed' },
    { label: 'a truncated PNG', name: 'Truncated.png', bytes: valid.png.subarray(0, Math.floor(valid.png.length * 0.6)), refusedBy: 'sniff', reason: 'truncated' },
    { label: 'a truncated JPEG', name: 'Truncated.jpg', bytes: valid.jpeg.subarray(0, Math.floor(valid.jpeg.length * 0.7)), refusedBy: 'sniff', reason: 'truncated' },
    { label: 'a GIF declaring 65535 × 65535 pixels', name: 'Bomb.gif', bytes: bombGif(), mime: 'image/gif', refusedBy: 'probe' },
    { label: 'a PNG decompression bomb (30000 × 30000)', name: 'Bomb.png', bytes: bombPng(30_000, 30_000), mime: 'image/png', refusedBy: 'probe' },
    {
      label: 'an SVG declaring 100000 × 100000 pixels',
      name: 'Huge.svg',
      bytes: text('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"><rect width="10" height="10"/></svg>'),
      mime: 'image/svg+xml',
      refusedBy: 'probe',
    },
    { label: 'a JPEG named .png', name: 'Photo.png', bytes: valid.jpeg, mime: 'image/jpeg', wrongExtension: true },
    { label: 'a valid PNG', name: 'Valid.png', bytes: valid.png, mime: 'image/png' },
    { label: 'a valid JPEG', name: 'Valid.jpg', bytes: valid.jpeg, mime: 'image/jpeg' },
    { label: 'a valid GIF', name: 'Valid.gif', bytes: valid.gif, mime: 'image/gif' },
    { label: 'a valid WebP', name: 'Valid.webp', bytes: valid.webp, mime: 'image/webp' },
    { label: 'a valid AVIF', name: 'Valid.avif', bytes: valid.avif, mime: 'image/avif' },
    { label: 'a valid SVG', name: 'Valid.svg', bytes: valid.svg, mime: 'image/svg+xml' },
  ];
}

/** A PNG with a tEXt chunk inserted after IHDR (where editors put comments). */
export function pngWithText(png: Uint8Array, keyword: string, value: string): Uint8Array {
  const afterHeader = 8 + 12 + 13;
  return concat(png.subarray(0, afterHeader), pngChunk('tEXt', concat(text(keyword), new Uint8Array([0]), text(value))), png.subarray(afterHeader));
}
