/**
 * MediaWiki's UploadBase::detectScript: does the start of a file look like HTML or JavaScript to
 * a browser? Old browsers sniffed the first bytes and ran them as HTML whatever the type header
 * said; the wiki serves files with nosniff and a sandboxing CSP, and also refuses them here, so a
 * disguised page is never stored.
 *
 * Like MediaWiki: the first 1024 bytes of a bitmap (the whole text of a drawing), lower-cased,
 * decoded from UTF-16 when a byte-order mark says so, then searched for an HTML doctype, the tags
 * browsers sniff (<html>, <head>, <body>, <script>), script types and javascript: URLs once
 * character references are resolved. Beyond MediaWiki: the same text with NUL bytes dropped (UTF-16
 * without a byte-order mark) and with UTF-7 sequences decoded (`+ADw-script+AD4-`), two encodings
 * old Internet Explorer guessed.
 *
 * Pure: no I/O.
 */

const SNIFFED_TAGS = ['<body', '<head', '<html', '<script'];

/** The bytes as text: UTF-16 when a byte-order mark says so, else one character per byte (what PHP's string functions see). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  return new TextDecoder('latin1').decode(bytes);
}

/** UTF-7's `+…-` runs: modified base64 of UTF-16BE. */
export function decodeUtf7(text: string): string {
  return text.replace(/\+([A-Za-z0-9+/]+)-?/g, (run, base64: string) => {
    const bits = [...base64].map((char) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.indexOf(char));
    let buffer = 0;
    let count = 0;
    let decoded = '';
    let high: number | null = null;
    for (const value of bits) {
      buffer = (buffer << 6) | value;
      count += 6;
      if (count >= 8) {
        count -= 8;
        const byte = (buffer >> count) & 0xff;
        if (high === null) high = byte;
        else {
          decoded += String.fromCharCode((high << 8) | byte);
          high = null;
        }
      }
    }
    return decoded === '' ? run : decoded;
  });
}

const NAMED_REFERENCES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", colon: ':', sol: '/', lpar: '(', rpar: ')', tab: '\t', newline: '\n' };

/** Sanitizer::decodeCharReferences: &#60; &#x3c; &lt; (and a few names attackers use) to characters. */
function decodeCharacterReferences(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (reference, decimal?: string, hex?: string, name?: string) => {
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    return NAMED_REFERENCES[name!.toLowerCase()] ?? reference;
  });
}

function textLooksLikeScript(raw: string): boolean {
  const chunk = raw.toLowerCase().trim();
  if (chunk === '') return false;
  if (/<!doctype *x?html/.test(chunk)) return true;
  if (SNIFFED_TAGS.some((tag) => chunk.includes(tag))) return true;
  const decoded = decodeCharacterReferences(chunk);
  if (SNIFFED_TAGS.some((tag) => decoded.includes(tag))) return true;
  // Script types, html-style and css-style script URLs.
  if (/type\s*=\s*['"]?\s*(?:\w*\/)?(?:ecma|java)/m.test(decoded)) return true;
  if (/(?:href|src|data)\s*=\s*['"]?\s*(?:ecma|java|vb)script:/m.test(decoded)) return true;
  if (/url\s*\(\s*['"]?\s*(?:ecma|java|vb)script:/m.test(decoded)) return true;
  return false;
}

/**
 * Whether the file looks like HTML or script to a browser. `whole`: also scan everything after the
 * first kilobyte (drawings, which are text). The NUL-free and UTF-7 readings are of the first
 * kilobyte only: they are how a browser sniffing the start of a file could misread it, and path
 * data such as "+20-5" would make decoding a whole drawing as UTF-7 slow and pointless.
 */
export function looksLikeScript(bytes: Uint8Array, whole = false): boolean {
  const head = decode(bytes.subarray(0, 1024));
  if ([head, head.replace(/\0/g, ''), decodeUtf7(head)].some(textLooksLikeScript)) return true;
  return whole && bytes.length > 1024 && textLooksLikeScript(decode(bytes));
}
