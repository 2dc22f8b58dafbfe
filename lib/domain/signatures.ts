/**
 * Signature expansion at save time (MediaWiki's pre-save transform for tildes):
 * "~~~" → user link, "~~~~" → user link + timestamp, "~~~~~" → timestamp only. Tildes inside
 * code spans and fenced code blocks are left alone, so documentation about signatures survives.
 *
 * Pure: no I/O.
 */

export interface Signer {
  /** The user name, or the IP address of an anonymous editor. */
  name: string;
  /** Anonymous editors sign with a link to their contributions, as on MediaWiki. */
  anonymous?: boolean;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "20:38, 28 November 2026 (UTC)", MediaWiki's signature timestamp. */
export function signatureTimestamp(now: Date): string {
  const hh = String(now.getUTCHours()).padStart(2, '0');
  const mm = String(now.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm}, ${now.getUTCDate()} ${MONTHS[now.getUTCMonth()]} ${now.getUTCFullYear()} (UTC)`;
}

export function signatureLink(signer: Signer): string {
  const name = signer.name;
  if (signer.anonymous) return `[[Special:Contributions/${name}|${name}]]`;
  return `[[User:${name}|${name}]] ([[User talk:${name}|talk]])`;
}

export function hasSignature(text: string): boolean {
  return /~~~/.test(text);
}

function expandTildes(text: string, signer: Signer, now: Date): string {
  // Longest first: five, then four, then three tildes (runs of more than five are left as is, as MediaWiki).
  return text.replace(/(?<!~)~{3,5}(?!~)/g, (run) => {
    if (run.length === 5) return signatureTimestamp(now);
    if (run.length === 4) return `${signatureLink(signer)} ${signatureTimestamp(now)}`;
    return signatureLink(signer);
  });
}

/**
 * Expands signatures outside fenced code blocks (```) and inline code spans. A line of tildes is a
 * signature here, never a "~~~" code fence: on a wiki, tildes mean signatures.
 */
export function expandSignatures(text: string, signer: Signer, now: Date = new Date()): string {
  if (!hasSignature(text)) return text;
  let fence: string | null = null;
  return text
    .split('\n')
    .map((line) => {
      const fenceMatch = /^\s{0,3}(`{3,})/.exec(line);
      if (fence !== null) {
        if (fenceMatch && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) fence = null;
        return line;
      }
      if (fenceMatch) {
        fence = fenceMatch[1]!;
        return line;
      }
      return expandOutsideCodeSpans(line, signer, now);
    })
    .join('\n');
}

function expandOutsideCodeSpans(line: string, signer: Signer, now: Date): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick < 0) {
      out += expandTildes(line.slice(i), signer, now);
      break;
    }
    out += expandTildes(line.slice(i, tick), signer, now);
    let run = 1;
    while (line[tick + run] === '`') run += 1;
    const opener = '`'.repeat(run);
    const close = findClosingRun(line, tick + run, run);
    if (close < 0) {
      out += opener;
      i = tick + run;
      continue;
    }
    out += line.slice(tick, close + run);
    i = close + run;
  }
  return out;
}

function findClosingRun(line: string, from: number, run: number): number {
  let i = from;
  while (i < line.length) {
    const tick = line.indexOf('`', i);
    if (tick < 0) return -1;
    let len = 1;
    while (line[tick + len] === '`') len += 1;
    if (len === run) return tick;
    i = tick + len;
  }
  return -1;
}
