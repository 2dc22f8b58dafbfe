/**
 * MediaWiki's XML export format (Special:Export, https://www.mediawiki.org/xml/export-0.11.xsd),
 * written for this wiki's backups: one <page> per page, every <revision> oldest first, content
 * model "markdown". The parser that reads it back is mediawiki-xml-reader.ts.
 *
 * What a full backup needs and the schema cannot say travels in attributes of our own namespace
 * (`fw:`), which MediaWiki's importer ignores:
 * - `<page fw:deleted="<timestamp>">` a deleted page, `<revision fw:archived="archived">` its
 *   archived revisions (MediaWiki keeps those in its archive table, outside page dumps);
 * - `fw:encoding="base64"` on a text, summary or username holding characters XML 1.0 cannot
 *   carry at all (U+0001–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF: not even as
 *   character references). Saves allow them; MediaWiki replaces them with U+FFFD, which would
 *   lose data, so we encode the UTF-8 bytes instead (as MediaWiki does for <upload><contents>).
 * Hidden parts carry MediaWiki's `deleted="deleted"`; a full backup also keeps their content.
 *
 * Timestamps keep milliseconds (`2026-11-28T12:00:00.123Z`): the database stores them, xs:dateTime
 * allows fractional seconds and MediaWiki's importer reads them, while cutting to MediaWiki's
 * whole seconds would make the restored history differ from the original.
 *
 * Pure: no I/O.
 */
import { createHash } from 'node:crypto';
import { AppError } from '@/lib/domain/errors';
import { HIDDEN_BITS } from '@/lib/domain/visibility';

export const EXPORT_NAMESPACE = 'http://www.mediawiki.org/xml/export-0.11/';
export const BACKUP_NAMESPACE = 'urn:x-fans-wiki:backup:1';
export const CONTENT_MODEL = 'markdown';
export const CONTENT_FORMAT = 'text/markdown';
export const DELETED = 'deleted';
/** MediaWiki's text model; the import converts it to markdown (lib/domain/wikitext). */
export const WIKITEXT_MODEL = 'wikitext';
export const IMPORTABLE_MODELS: ReadonlySet<string> = new Set([CONTENT_MODEL, WIKITEXT_MODEL]);
/**
 * Models of MediaWiki's code and data pages (site CSS/JS, Lua modules, JSON). This wiki has no
 * page that runs or styles anything from the database (that would be a way to inject script),
 * so such pages are listed in the import report instead of imported.
 */
export const CODE_MODELS: ReadonlySet<string> = new Set(['css', 'sanitized-css', 'javascript', 'json', 'Scribunto', 'text', 'GadgetDefinition', 'MassMessageListContent']);

export interface DumpSiteInfo {
  siteName: string;
  dbName: string;
  /** The main page's address, when the wiki's public address is known. */
  base: string | null;
  generator: string;
  namespaces: ReadonlyArray<{ key: number; name: string }>;
}

export interface DumpPage {
  /** Prefixed title with spaces ("Talk:Foo bar"). */
  title: string;
  namespace: number;
  id: number;
  /** Prefixed title of the redirect target, when the current text is a redirect. */
  redirectTarget: string | null;
  /** Set for a deleted page (full backups only). */
  deletedAt: Date | null;
}

export interface DumpRevision {
  id: number;
  parentId: number | null;
  timestamp: Date;
  author: { id: number | null; name: string };
  minor: boolean;
  summary: string;
  text: string;
  /** The content model (<model>); absent means markdown, this wiki's own. */
  model?: string;
  /**
   * What an imported revision was converted from (`<fw:source model="wikitext">`, full backups
   * only): kept so that a restored wiki still has the original of every imported revision.
   */
  source?: { model: string; text: string } | null;
  /** Hex SHA-1 of the UTF-8 text, as the database stores it. */
  sha1: string;
  /** Bits of HIDDEN_BITS (MediaWiki's rev_deleted). */
  hidden: number;
  /** The revision of a deleted page (full backups only). */
  archived: boolean;
}

// Anything outside XML 1.0's Char production (tab, newline, carriage return, U+0020–U+D7FF,
// U+E000–U+FFFD, U+10000–U+10FFFF); in a `u` regex that includes unpaired surrogates.
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether XML 1.0 can carry the string (escaped) at all. */
export function isXmlSafe(value: string): boolean {
  return !NOT_XML_CHARACTER.test(value);
}

/** Element content: `\r` as a reference, because XML parsers turn a literal CR into LF. */
export function escapeXmlText(value: string): string {
  return value.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

/** Attribute values: also quotes and the whitespace that attribute normalization would flatten. */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/["\t\n]/g, (c) => (c === '"' ? '&quot;' : c === '\t' ? '&#9;' : '&#10;'));
}

export function sha1Hex(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/** MediaWiki's dump SHA-1: base 36, zero-padded to 31 digits (Wikimedia\base_convert). */
export function sha1Base36(hex: string): string {
  if (!/^[0-9a-f]{40}$/.test(hex)) throw new Error(`Not a hex SHA-1: "${hex}"`);
  return BigInt(`0x${hex}`).toString(36).padStart(31, '0');
}

/** The hex form of a base-36 SHA-1, or null when it is not one. */
export function sha1HexFromBase36(base36: string): string | null {
  if (!/^[0-9a-z]{1,31}$/.test(base36)) return null;
  let value = 0n;
  for (const digit of base36) value = value * 36n + BigInt(parseInt(digit, 36));
  const hex = value.toString(16).padStart(40, '0');
  return hex.length === 40 ? hex : null;
}

/** ISO 8601 UTC as MediaWiki writes it, with milliseconds when there are any. */
export function formatDumpTimestamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;

export function parseDumpTimestamp(value: string): Date | null {
  if (!TIMESTAMP.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

type Attributes = Record<string, string | number | undefined>;

function attributes(attrs: Attributes): string {
  let out = '';
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    const text = String(value);
    if (!isXmlSafe(text)) throw new Error(`The ${name} attribute "${text}" contains characters XML cannot carry.`);
    out += ` ${name}="${escapeXmlAttribute(text)}"`;
  }
  return out;
}

/**
 * An element with text content. Content XML cannot carry is written as base64 of its UTF-8 bytes
 * with fw:encoding; lone surrogates cannot be UTF-8 at all (and cannot come from the database).
 */
export function textElement(name: string, value: string, attrs: Attributes = {}): string {
  if (!isXmlSafe(value)) {
    if (LONE_SURROGATE.test(value)) throw new Error(`The ${name} contains an unpaired surrogate, which is not Unicode text.`);
    return `<${name}${attributes({ ...attrs, 'fw:encoding': 'base64' })}>${Buffer.from(value, 'utf8').toString('base64')}</${name}>`;
  }
  if (value === '') return `<${name}${attributes(attrs)} />`;
  return `<${name}${attributes(attrs)}>${escapeXmlText(value)}</${name}>`;
}

export function dumpHeader(site: DumpSiteInfo): string {
  const lines = [
    `<mediawiki xmlns="${EXPORT_NAMESPACE}" xmlns:fw="${BACKUP_NAMESPACE}" version="0.11" xml:lang="en">`,
    '  <siteinfo>',
    `    ${textElement('sitename', site.siteName)}`,
    `    ${textElement('dbname', site.dbName)}`,
    ...(site.base ? [`    ${textElement('base', site.base)}`] : []),
    `    ${textElement('generator', site.generator)}`,
    '    <case>first-letter</case>',
    '    <namespaces>',
    ...site.namespaces.map((ns) => `      ${textElement('namespace', ns.name, { key: ns.key, case: 'first-letter' })}`),
    '    </namespaces>',
    '  </siteinfo>',
  ];
  return `${lines.join('\n')}\n`;
}

export function dumpFooter(): string {
  return '</mediawiki>\n';
}

export function pageOpening(page: DumpPage): string {
  const deleted = page.deletedAt ? { 'fw:deleted': formatDumpTimestamp(page.deletedAt) } : {};
  const lines = [
    `  <page${attributes(deleted)}>`,
    `    ${textElement('title', page.title)}`,
    `    <ns>${page.namespace}</ns>`,
    `    <id>${page.id}</id>`,
    ...(page.redirectTarget === null ? [] : [`    <redirect${attributes({ title: page.redirectTarget })} />`]),
  ];
  return `${lines.join('\n')}\n`;
}

export function pageClosing(): string {
  return '  </page>\n';
}

/**
 * One <revision>. `withHidden`: a full backup keeps hidden parts (marked deleted="deleted");
 * otherwise they are left out as on MediaWiki's public dumps.
 */
export function revisionXml(revision: DumpRevision, withHidden: boolean): string {
  const hidden = (part: keyof typeof HIDDEN_BITS) => (revision.hidden & HIDDEN_BITS[part]) !== 0;
  const omit = (part: keyof typeof HIDDEN_BITS) => hidden(part) && !withHidden;
  const deleted = (part: keyof typeof HIDDEN_BITS) => (hidden(part) ? { deleted: DELETED } : {});
  const bytes = Buffer.byteLength(revision.text, 'utf8');
  const sha1 = sha1Base36(revision.sha1);
  const lines = [
    `    <revision${attributes(revision.archived ? { 'fw:archived': 'archived' } : {})}>`,
    `      <id>${revision.id}</id>`,
    ...(revision.parentId === null ? [] : [`      <parentid>${revision.parentId}</parentid>`]),
    `      <timestamp>${formatDumpTimestamp(revision.timestamp)}</timestamp>`,
    omit('author')
      ? `      <contributor deleted="${DELETED}" />`
      : [
          `      <contributor${attributes(deleted('author'))}>`,
          `        ${textElement('username', revision.author.name)}`,
          ...(revision.author.id === null ? [] : [`        <id>${revision.author.id}</id>`]),
          '      </contributor>',
        ].join('\n'),
    ...(revision.minor ? ['      <minor />'] : []),
    ...(omit('summary') ? [`      <comment deleted="${DELETED}" />`] : []),
    ...(!omit('summary') && (revision.summary !== '' || hidden('summary')) ? [`      ${textElement('comment', revision.summary, deleted('summary'))}`] : []),
    `      <model>${CONTENT_MODEL}</model>`,
    `      <format>${CONTENT_FORMAT}</format>`,
    omit('text')
      ? `      <text bytes="${bytes}" sha1="${sha1}" deleted="${DELETED}" />`
      : `      ${textElement('text', revision.text, { bytes, sha1, 'xml:space': 'preserve', ...deleted('text') })}`,
    omit('text') ? '      <sha1 />' : `      <sha1>${sha1}</sha1>`,
    ...(withHidden && revision.source ? [`      ${textElement('fw:source', revision.source.text, { model: revision.source.model, 'xml:space': 'preserve' })}`] : []),
    '    </revision>',
  ];
  return `${lines.join('\n')}\n`;
}

/** An element's text as the reader collected it, with the attributes that change its meaning. */
export interface Leaf {
  text: string;
  /** deleted="deleted": a hidden part. */
  deleted: boolean;
  /** fw:encoding="base64": the UTF-8 bytes of a text XML cannot carry. */
  base64: boolean;
}

/** A leaf's text, decoded when it was written as base64 (see textElement). */
export function decodeLeaf(leaf: Leaf, where: string): string {
  if (!leaf.base64) return leaf.text;
  const compact = leaf.text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new AppError('VALIDATION', `${where} says fw:encoding="base64" but is not base64.`);
  return Buffer.from(compact, 'base64').toString('utf8');
}

/** The <timestamp> of a revision or upload as a Date; an import refusal naming `where` otherwise. */
export function requireDumpTimestamp(text: string | undefined, where: string): Date {
  const trimmed = text?.trim() ?? '';
  const timestamp = parseDumpTimestamp(trimmed);
  if (!timestamp) throw new AppError('VALIDATION', `${where}: <timestamp> "${trimmed}" is not a UTC time like 2026-11-28T12:00:00Z.`);
  return timestamp;
}

/**
 * The <contributor>'s name (<username>, or <ip>); an import refusal naming `where` otherwise: the
 * `who` (author, uploader) hidden and left out by a public export, or no name at all.
 */
export function requireContributorName(contributor: ReadonlyMap<string, Leaf>, hidden: boolean, where: string, who: 'author' | 'uploader'): Leaf {
  const name = contributor.get('username') ?? contributor.get('ip');
  if (name && name.text !== '') return name;
  throw new AppError(
    'VALIDATION',
    hidden ? `${where}: the ${who} is hidden and not in the file (a public export). Restore from a full export.` : `${where}: the <contributor> has no <username>.`,
  );
}
