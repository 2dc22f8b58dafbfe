/**
 * File versions in MediaWiki's XML export format: one <upload> per version inside the File page's
 * <page>, after its revisions, oldest first, as MediaWiki's XmlDumpWriter::writeUploads writes them
 * with --uploads --include-files: <timestamp>, <contributor>, <comment>, <filename> (database key,
 * no "File:"), <archivename> on versions that are not the current one, <src>, <size>,
 * <sha1base36>, then the bytes in <contents encoding="base64"> (76-character lines).
 *
 * Ours on top (namespace fw:, which MediaWiki ignores): `fw:id` the version's id (kept on import
 * when free) and `fw:archived="archived"` on the versions of a deleted file. Hidden parts carry
 * MediaWiki's `deleted="deleted"` (the file itself on <contents>); a full backup keeps them.
 *
 * Reading <contents> is streamed: `Base64Sink` decodes the base64 as the parser hands it over and
 * hashes it on the way, so one version's bytes are in memory once, never its text as well.
 *
 * Pure: no I/O.
 */
import { createHash, type Hash } from 'node:crypto';
import { AppError } from '@/lib/domain/errors';
import { HIDDEN_BITS } from '@/lib/domain/visibility';
import {
  decodeLeaf,
  DELETED,
  formatDumpTimestamp,
  requireContributorName,
  requireDumpTimestamp,
  sha1Base36,
  sha1HexFromBase36,
  textElement,
  type DumpPage,
  type Leaf,
} from '@/lib/domain/mediawiki-xml';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

export interface DumpUpload {
  /** The version's id in the wiki it came from (fw:id); null in MediaWiki's own dumps. */
  id: number | null;
  timestamp: Date;
  uploader: { id: number | null; name: string };
  comment: string;
  /** The file's name as a database key ("Logo_2.png"), without "File:". */
  filename: string;
  /** MediaWiki's name of a superseded version ("20261205080000!Logo.png"); null for the current one. */
  archiveName: string | null;
  /** Where the original is served; MediaWiki's importer may fetch it from there. */
  src: string;
  size: number;
  /** Hex SHA-1 of the bytes. */
  sha1: string;
  /** Bits of HIDDEN_BITS: text = the file itself, summary = the comment, author = the uploader. */
  hidden: number;
  /** A version of a deleted file (full backups only). */
  archived: boolean;
}

/** Base64 bytes per line: 57 bytes make MediaWiki's 76-character lines (chunk_split). */
const LINE_BYTES = 57;
/** Lines handed to the writer at a time, so a large file is never one string. */
const LINES_PER_CHUNK = 1024;

/** MediaWiki's oldimage name: when the version was superseded (YYYYMMDDhhmmss), "!", the name. */
export function archiveNameFor(filename: string, supersededAt: Date): string {
  return `${supersededAt.toISOString().replace(/[-:T]/g, '').slice(0, 14)}!${filename}`;
}

/**
 * One <upload>, as pieces of text (the base64 lines come a thousand at a time). `bytes` is null
 * when the file itself is hidden and `withHidden` is false (a public export): the bytes are left
 * out, as hidden revision texts are. Throws before writing anything it cannot write.
 */
export function* uploadXml(upload: DumpUpload, bytes: Uint8Array | null, withHidden: boolean): Generator<string> {
  const hidden = (part: keyof typeof HIDDEN_BITS) => (upload.hidden & HIDDEN_BITS[part]) !== 0;
  const omit = (part: keyof typeof HIDDEN_BITS) => hidden(part) && !withHidden;
  const deleted = (part: keyof typeof HIDDEN_BITS) => (hidden(part) ? ` deleted="${DELETED}"` : '');
  const attributes = `${upload.id === null ? '' : ` fw:id="${upload.id}"`}${upload.archived ? ' fw:archived="archived"' : ''}`;
  const lines = [
    `    <upload${attributes}>`,
    `      <timestamp>${formatDumpTimestamp(upload.timestamp)}</timestamp>`,
    omit('author')
      ? `      <contributor deleted="${DELETED}" />`
      : [
          `      <contributor${deleted('author')}>`,
          `        ${textElement('username', upload.uploader.name)}`,
          ...(upload.uploader.id === null ? [] : [`        <id>${upload.uploader.id}</id>`]),
          '      </contributor>',
        ].join('\n'),
    ...(omit('summary') ? [`      <comment deleted="${DELETED}" />`] : []),
    ...(!omit('summary') && (upload.comment !== '' || hidden('summary'))
      ? [`      ${textElement('comment', upload.comment, hidden('summary') ? { deleted: DELETED } : {})}`]
      : []),
    `      ${textElement('filename', upload.filename)}`,
    ...(upload.archiveName === null ? [] : [`      ${textElement('archivename', upload.archiveName)}`]),
    `      ${textElement('src', upload.src)}`,
    `      <size>${upload.size}</size>`,
    `      <sha1base36>${sha1Base36(upload.sha1)}</sha1base36>`,
  ];
  if (omit('text') || bytes === null) {
    yield `${lines.join('\n')}\n      <contents deleted="${DELETED}" />\n    </upload>\n`;
    return;
  }
  if (bytes.length !== upload.size) throw new Error(`The stored file has ${bytes.length} bytes, its version says ${upload.size}.`);
  yield `${lines.join('\n')}\n      <contents encoding="base64"${deleted('text')}>\n`;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let start = 0; start < buffer.length; start += LINE_BYTES * LINES_PER_CHUNK) {
    let chunk = '';
    const end = Math.min(buffer.length, start + LINE_BYTES * LINES_PER_CHUNK);
    for (let line = start; line < end; line += LINE_BYTES) chunk += `${buffer.toString('base64', line, Math.min(end, line + LINE_BYTES))}\n`;
    yield chunk;
  }
  yield '      </contents>\n    </upload>\n';
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

/**
 * Decodes base64 text handed over in arbitrary pieces (whitespace anywhere, as MediaWiki's line
 * breaks), hashing the bytes as they come. Refuses anything that is not base64, and more bytes
 * than `maxBytes` as soon as they arrive (a hostile file cannot make it hold more).
 */
export class Base64Sink {
  private readonly chunks: Buffer[] = [];
  private readonly hash: Hash = createHash('sha1');
  private pending = '';
  private padding = 0;
  private length = 0;

  constructor(
    private readonly where: string,
    private readonly maxBytes: number,
  ) {}

  write(text: string): void {
    const compact = text.replace(/\s+/g, '');
    if (compact === '') return;
    const padding = compact.indexOf('=');
    // Padding ("=" or "==") may only end the text; a piece may stop between its two "=".
    const valid =
      /^[A-Za-z0-9+/=]*$/.test(compact) &&
      (this.padding === 0 || /^=*$/.test(compact)) &&
      (padding < 0 || /^=*$/.test(compact.slice(padding))) &&
      this.padding + (padding < 0 ? 0 : compact.length - padding) <= 2;
    if (!valid) throw invalid(`${this.where}: <contents> is not base64.`);
    if (padding >= 0) this.padding += compact.length - padding;
    this.pending += compact;
    const whole = this.pending.length - (this.pending.length % 4);
    if (whole === 0) return;
    this.push(Buffer.from(this.pending.slice(0, whole), 'base64'));
    this.pending = this.pending.slice(whole);
  }

  /** The bytes and their hex SHA-1; throws if the text stopped in the middle of a base64 group. */
  end(): { bytes: Buffer; sha1: string } {
    if (this.pending !== '') throw invalid(`${this.where}: <contents> is not base64 (it ends in the middle of a group; the file may be cut short).`);
    return { bytes: Buffer.concat(this.chunks, this.length), sha1: this.hash.digest('hex') };
  }

  private push(bytes: Buffer): void {
    this.length += bytes.length;
    if (this.length > this.maxBytes) throw invalid(`${this.where}: <contents> holds more than the ${this.maxBytes} bytes its <size> allows.`);
    this.hash.update(bytes);
    this.chunks.push(bytes);
  }
}

/** An <upload> being read: its leaves so far and the decoder of its <contents>. */
export interface PendingUpload {
  attributes: Record<string, string>;
  fields: Map<string, Leaf>;
  contributor: Map<string, Leaf>;
  contributorDeleted: boolean;
  /** The decoder while inside <contents>. */
  contents: Base64Sink | null;
  contentsAttributes: Record<string, string> | null;
  /** What <contents> held, once closed. */
  decoded?: { bytes: Buffer; sha1: string };
}

/** How messages name a version: `Page "File:Logo.png", file version 12 of 2026-12-05T08:00:00Z`. */
export function uploadPlace(pageTitle: string, id: string | number | null | undefined, timestamp: string | undefined): string {
  return `Page "${pageTitle}", file version ${id ? `${id} ` : ''}of ${timestamp || '(no timestamp)'}`;
}

function pendingPlace(pending: PendingUpload, page: DumpPage): string {
  return uploadPlace(page.title, pending.attributes['fw:id'], pending.fields.get('timestamp')?.text.trim());
}

/** Called at <contents>: checks the encoding and readies the decoder, bounded by the declared <size>. */
export function openUploadContents(pending: PendingUpload, page: DumpPage, attributes: Record<string, string>, maxBytes: number): void {
  const where = pendingPlace(pending, page);
  pending.contentsAttributes = attributes;
  const encoding = attributes.encoding;
  // A hidden file in a public export: <contents deleted="deleted" />, refused with a reason at </upload>.
  if (encoding === undefined && attributes.deleted === DELETED) return;
  if (encoding !== 'base64') {
    throw invalid(`${where}: <contents encoding="${encoding ?? ''}"> is not supported; this wiki reads <contents encoding="base64"> (MediaWiki's).`);
  }
  const size = nonNegativeInteger(pending.fields.get('size')?.text);
  if (size !== null && size > maxBytes) throw invalid(`${where}: the file has ${size} bytes, more than the ${maxBytes} bytes an upload may have here.`);
  pending.contents = new Base64Sink(where, size ?? maxBytes);
}

export function closeUploadContents(pending: PendingUpload): void {
  pending.decoded = pending.contents?.end();
  pending.contents = null;
}

function nonNegativeInteger(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return null;
  const number = Number(value.trim());
  return number <= MAX_DATABASE_INTEGER ? number : null;
}

/** Checks a complete <upload>: required fields, and its bytes against <size> and <sha1base36>. */
export function finishUpload(pending: PendingUpload, page: DumpPage): { upload: DumpUpload; bytes: Buffer } {
  const where = pendingPlace(pending, page);
  const field = (name: string) => pending.fields.get(name);
  const idText = pending.attributes['fw:id'];
  const id = idText === undefined ? null : nonNegativeInteger(idText);
  if (idText !== undefined && !id) throw invalid(`${where}: fw:id="${idText}" is not a version id.`);
  const timestamp = requireDumpTimestamp(field('timestamp')?.text, where);
  const nameLeaf = requireContributorName(pending.contributor, pending.contributorDeleted, where, 'uploader');
  const uploaderIdText = pending.contributor.get('id')?.text;
  const filename = decodeLeaf(field('filename') ?? { text: '', deleted: false, base64: false }, `${where}: <filename>`).trim();
  if (filename === '') throw invalid(`${where}: the upload has no <filename>.`);
  const size = nonNegativeInteger(field('size')?.text);
  if (size === null) throw invalid(`${where}: <size> "${field('size')?.text ?? ''}" is not a number of bytes.`);
  const declared = field('sha1base36')?.text.trim() ?? '';
  const sha1 = sha1HexFromBase36(declared);
  if (!sha1) throw invalid(`${where}: <sha1base36> "${declared}" is not a SHA-1 in base 36, so the file cannot be checked.`);

  const contentsDeleted = pending.contentsAttributes?.deleted === DELETED;
  if (!pending.decoded || (contentsDeleted && pending.decoded.bytes.length === 0 && size > 0)) {
    throw invalid(
      contentsDeleted
        ? `${where}: the file is hidden and its bytes are not in the file (a public export). Restore from a full export.`
        : `${where}: the upload has no <contents>, only a link to the file (export with the file contents, as npm run export does).`,
    );
  }
  const { bytes, sha1: actual } = pending.decoded;
  if (bytes.length !== size) throw invalid(`${where}: <size> says ${size} bytes, <contents> holds ${bytes.length}. The file is damaged.`);
  if (actual !== sha1) {
    throw invalid(`${where}: the SHA-1 does not match the contents (the file says ${declared}, the contents hash to ${sha1Base36(actual)}). The file is damaged.`);
  }
  const comment = field('comment');
  const hidden = (contentsDeleted ? HIDDEN_BITS.text : 0) | (comment?.deleted ? HIDDEN_BITS.summary : 0) | (pending.contributorDeleted ? HIDDEN_BITS.author : 0);
  const archiveName = field('archivename');
  const upload: DumpUpload = {
    id,
    timestamp,
    uploader: { id: uploaderIdText === undefined ? null : nonNegativeInteger(uploaderIdText) || null, name: decodeLeaf(nameLeaf, `${where}: <username>`) },
    comment: comment ? decodeLeaf(comment, `${where}: <comment>`) : '',
    filename,
    archiveName: archiveName ? decodeLeaf(archiveName, `${where}: <archivename>`) : null,
    src: field('src')?.text.trim() ?? '',
    size,
    sha1,
    hidden,
    archived: pending.attributes['fw:archived'] === 'archived',
  };
  return { upload, bytes };
}
