/**
 * Walks a bitmap's own structure (PNG chunks, JPEG segments, GIF blocks, the RIFF size of WebP,
 * the boxes of AVIF) to find where the image ends. Bytes after that end are how polyglots carry
 * their payload (a PNG with HTML after IEND, a GIF whose trailer is followed by `*\/=alert(1)`),
 * and an image that ends before its structure does was cut short. Only headers are read, never
 * pixel data, so this is cheap on any size.
 *
 * Pure: no I/O.
 */

export type Structure = 'complete' | 'truncated' | 'trailing';

function u32be(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** PNG: signature, then chunks (length, type, data, CRC) up to IEND. */
export function pngStructure(bytes: Uint8Array): Structure {
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    const end = at + 12 + length;
    if (end > bytes.length) return 'truncated';
    if (type === 'IEND') return end === bytes.length ? 'complete' : 'trailing';
    at = end;
  }
  return 'truncated';
}

/**
 * JPEG: segments after SOI; entropy-coded data after SOS runs to the next marker that is not a
 * restart or a stuffed 0xFF00. After EOI, cameras may append further whole JPEGs (the
 * Multi-Picture Format of stereo and preview images) or zero padding; neither carries a payload a
 * browser could run, so those still count as complete. Anything else after EOI is trailing.
 */
export function jpegStructure(bytes: Uint8Array): Structure {
  const end = jpegEnd(bytes, 0);
  if (typeof end === 'string') return end;
  let at = end;
  while (at < bytes.length && bytes[at] === 0xff && bytes[at + 1] === 0xd8) {
    const next = jpegEnd(bytes, at);
    if (next === 'truncated') return 'truncated';
    at = next;
  }
  return bytes.subarray(at).every((byte) => byte === 0) ? 'complete' : 'trailing';
}

/** Where the JPEG starting at `start` ends (just after its EOI), or 'truncated'. */
function jpegEnd(bytes: Uint8Array, start: number): number | 'truncated' {
  let at = start + 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return 'truncated';
    // Fill bytes: any number of 0xFF may precede a marker.
    while (at < bytes.length && bytes[at] === 0xff) at += 1;
    if (at >= bytes.length) return 'truncated';
    const marker = bytes[at]!;
    at += 1;
    if (marker === 0xd9) return at;
    // Markers without a length: TEM, RST0–7 (outside scans), SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) continue;
    if (at + 2 > bytes.length) return 'truncated';
    const length = (bytes[at]! << 8) + bytes[at + 1]!;
    if (length < 2) return 'truncated';
    at += length;
    if (at > bytes.length) return 'truncated';
    if (marker === 0xda) {
      // Scan data: stop at 0xFF followed by a byte that is neither 0x00 (stuffing) nor RST0–7.
      while (at < bytes.length) {
        if (bytes[at] === 0xff && at + 1 < bytes.length) {
          const next = bytes[at + 1]!;
          if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break;
        }
        at += 1;
      }
      if (at >= bytes.length - 1) return 'truncated';
    }
  }
  return 'truncated';
}

/** Skips a run of GIF data sub-blocks (a length byte, that many bytes, … a zero length). */
function gifSubBlocks(bytes: Uint8Array, at: number): number {
  while (at < bytes.length) {
    const size = bytes[at]!;
    at += 1;
    if (size === 0) return at;
    at += size;
  }
  return -1;
}

/** GIF: header, logical screen (and global color table), then images and extensions up to the trailer 0x3B. */
export function gifStructure(bytes: Uint8Array): Structure {
  if (bytes.length < 13) return 'truncated';
  let at = 13;
  const screenFlags = bytes[10]!;
  if (screenFlags & 0x80) at += 3 * (1 << ((screenFlags & 0x07) + 1));
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x3b) return at + 1 === bytes.length ? 'complete' : 'trailing';
    if (block === 0x21) {
      at = gifSubBlocks(bytes, at + 2);
    } else if (block === 0x2c) {
      if (at + 10 > bytes.length) return 'truncated';
      const imageFlags = bytes[at + 9]!;
      at += 10;
      if (imageFlags & 0x80) at += 3 * (1 << ((imageFlags & 0x07) + 1));
      at = at + 1 > bytes.length ? -1 : gifSubBlocks(bytes, at + 1); // after the LZW minimum code size
    } else {
      // Neither an image, an extension nor the trailer: what follows is not GIF.
      return 'trailing';
    }
    if (at < 0) return 'truncated';
  }
  return 'truncated';
}

/** WebP: a RIFF file whose header states its size. */
export function webpStructure(bytes: Uint8Array): Structure {
  if (bytes.length < 12) return 'truncated';
  const size = bytes[4]! + (bytes[5]! << 8) + (bytes[6]! << 16) + ((bytes[7]! << 24) >>> 0);
  const end = 8 + size + (size % 2);
  if (end > bytes.length) return 'truncated';
  return end === bytes.length ? 'complete' : 'trailing';
}

/** AVIF (ISO base media): top-level boxes, each stating its size, must fill the file exactly. */
export function avifStructure(bytes: Uint8Array): Structure {
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return 'trailing';
    let size = u32be(bytes, at);
    const type = ascii(bytes, at + 4, 4);
    // Box types are four printable characters; anything else is not part of the image.
    if (!/^[\x20-\x7e]{4}$/.test(type) || /[<>]/.test(type)) return 'trailing';
    if (size === 1) {
      if (at + 16 > bytes.length) return 'truncated';
      const high = u32be(bytes, at + 8);
      size = high * 2 ** 32 + u32be(bytes, at + 12);
    } else if (size === 0) {
      size = bytes.length - at; // "to the end of the file"
    }
    if (size < 8) return 'trailing';
    if (at + size > bytes.length) return 'truncated';
    at += size;
  }
  return 'complete';
}

export function structureOf(bytes: Uint8Array, mime: string): Structure {
  switch (mime) {
    case 'image/png':
      return pngStructure(bytes);
    case 'image/jpeg':
      return jpegStructure(bytes);
    case 'image/gif':
      return gifStructure(bytes);
    case 'image/webp':
      return webpStructure(bytes);
    case 'image/avif':
      return avifStructure(bytes);
    default:
      return 'complete';
  }
}

/**
 * A GIF whose header doubles as the start of a JavaScript comment: `GIF89a/*` declares a width of
 * 0x2A2F (10799) pixels, which no real GIF has but every GIF/JS polyglot needs.
 */
export function gifIsScriptHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && bytes[6] === 0x2f && bytes[7] === 0x2a;
}
