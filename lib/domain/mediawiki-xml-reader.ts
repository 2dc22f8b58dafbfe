/**
 * Reads MediaWiki XML exports (see mediawiki-xml.ts) as a stream: feed chunks of text, get back
 * pages and revisions as they complete, so a wiki of any size is read with one revision in memory.
 * Every revision is checked (required fields, timestamp, size and SHA-1 against its text) and a
 * problem is an AppError('VALIDATION') naming the page and the revision.
 *
 * Pure: no I/O (sax is a parser; the caller reads the file).
 */
import sax from 'sax';
import { AppError } from '@/lib/domain/errors';
import { HIDDEN_BITS } from '@/lib/domain/visibility';
import {
  BACKUP_NAMESPACE,
  CODE_MODELS,
  CONTENT_MODEL,
  decodeLeaf,
  IMPORTABLE_MODELS,
  DELETED,
  parseDumpTimestamp,
  requireContributorName,
  requireDumpTimestamp,
  sha1Base36,
  sha1Hex,
  sha1HexFromBase36,
  type DumpPage,
  type DumpRevision,
  type Leaf,
} from '@/lib/domain/mediawiki-xml';
import { closeUploadContents, finishUpload, openUploadContents, type DumpUpload, type PendingUpload } from '@/lib/domain/mediawiki-xml-uploads';
import { isStorableId } from '@/lib/domain/database-integer';

export type DumpEvent =
  | { type: 'siteinfo'; siteName: string | null }
  /** The wiki's main page, as its <base> (the main page's address) names it. */
  | { type: 'mainPage'; title: string }
  /** The dump's own names of its namespaces (a wiki in Italian writes "Categoria"), by number. */
  | { type: 'namespaces'; names: ReadonlyMap<number, string> }
  /** A page's header, before its revisions. */
  | { type: 'page'; page: DumpPage }
  | { type: 'revision'; page: DumpPage; revision: DumpRevision }
  /** A file version of a File page (after its revisions), with its bytes, checked against size and SHA-1. */
  | { type: 'upload'; page: DumpPage; upload: DumpUpload; bytes: Buffer }
  | { type: 'pageEnd'; page: DumpPage };

const EXPORT_NAMESPACE_PREFIX = 'http://www.mediawiki.org/xml/export-0.';

interface PendingRevision {
  fields: Map<string, Leaf>;
  contributor: Map<string, Leaf>;
  contributorDeleted: boolean;
  minor: boolean;
  archived: boolean;
  textAttributes: Record<string, string>;
  sourceModel: string | null;
}

/** `<fw:source>` as the reader's path names it (elements of other namespaces carry their URI). */
const SOURCE_ELEMENT = `{${BACKUP_NAMESPACE}}source`;

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

function positiveInteger(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,10}$/.test(value.trim())) return null;
  const number = Number(value.trim());
  return isStorableId(number) ? number : null;
}

export interface ReaderOptions {
  /** The most bytes one <upload> may hold (checked while its <contents> is read). */
  maxUploadBytes?: number;
}

/** Larger than any upload the wiki accepts (WIKI_UPLOAD_MAX_MB); bounds what a hostile file can make us hold. */
export const DEFAULT_MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

export class MediaWikiXmlReader {
  private readonly parser = sax.parser(true, { xmlns: true, position: true });
  private readonly stack: string[] = [];
  private events: DumpEvent[] = [];
  private buffer = '';
  private leafAttributes: Record<string, string> = {};
  private pageFields = new Map<string, Leaf>();
  private pageAttributes: Record<string, string> = {};
  private redirectTarget: string | null = null;
  private page: DumpPage | null = null;
  private revision: PendingRevision | null = null;
  private upload: PendingUpload | null = null;
  private seenRoot = false;
  private namespaceNames = new Map<number, string>();
  private readonly maxUploadBytes: number;

  constructor(options: ReaderOptions = {}) {
    this.maxUploadBytes = options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
    this.parser.onerror = (error) => {
      throw invalid(`The file is not well-formed XML (line ${this.parser.line + 1}): ${error.message.split('\n')[0]}`);
    };
    // A file's base64 goes straight to its decoder, never into one string.
    this.parser.ontext = (text) => (this.upload?.contents ? this.upload.contents.write(text) : (this.buffer += text));
    this.parser.oncdata = (text) => (this.upload?.contents ? this.upload.contents.write(text) : (this.buffer += text));
    this.parser.onopentag = (tag) => this.open(tag as sax.QualifiedTag);
    this.parser.onclosetag = () => this.close();
  }

  /** Parses the next chunk; returns the pages and revisions it completed. */
  write(chunk: string): DumpEvent[] {
    this.parser.write(chunk);
    return this.take();
  }

  /** Ends the input; throws if the document is incomplete. */
  end(): DumpEvent[] {
    // Elements still open at the end: the file was cut short (sax would only say "unclosed tag").
    if (this.stack.length > 0) throw invalid(`The file ends in the middle of ${this.whereCut()} (it may have been cut short).`);
    this.parser.close();
    if (!this.seenRoot) throw invalid('The file is empty: expected a MediaWiki XML export (<mediawiki>).');
    return this.take();
  }

  /** Where a file that stops too early stops: the page and revision being read, when known. */
  private whereCut(): string {
    const title = this.page?.title ?? this.pageFields.get('title')?.text.trim();
    if (!title) return 'the export';
    const revision = this.revision?.fields.get('id')?.text.trim();
    return `page "${title}"${revision ? `, revision ${revision}` : ''}`;
  }

  private take(): DumpEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  private path(): string {
    return this.stack.join('/');
  }

  private open(tag: sax.QualifiedTag): void {
    if (this.stack.length === 0) {
      if (this.seenRoot) throw invalid('The file has content after </mediawiki>.');
      if (tag.local !== 'mediawiki' || !tag.uri.startsWith(EXPORT_NAMESPACE_PREFIX)) {
        throw invalid(
          `This is not a MediaWiki XML export: the root element is <${tag.name}>${tag.uri ? ` in ${tag.uri}` : ''}, expected <mediawiki xmlns="${EXPORT_NAMESPACE_PREFIX}…">.`,
        );
      }
      this.seenRoot = true;
    }
    // Elements of other namespaces are not ours: keep their place in the path, ignore them.
    const foreign = !tag.uri.startsWith(EXPORT_NAMESPACE_PREFIX);
    this.stack.push(foreign ? `{${tag.uri}}${tag.local}` : tag.local);
    this.buffer = '';
    const attrs: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) {
      const key = attribute.uri === BACKUP_NAMESPACE ? `fw:${attribute.local}` : attribute.uri ? `{${attribute.uri}}${attribute.local}` : attribute.local;
      attrs[key] = attribute.value;
    }
    this.leafAttributes = attrs;

    const path = this.path();
    if (path === 'mediawiki/page') {
      this.pageFields = new Map();
      this.pageAttributes = attrs;
      this.redirectTarget = null;
      this.page = null;
    } else if (path === 'mediawiki/page/revision') {
      this.emitPage();
      this.revision = {
        fields: new Map(),
        contributor: new Map(),
        contributorDeleted: false,
        minor: false,
        archived: attrs['fw:archived'] === 'archived',
        textAttributes: {},
        sourceModel: null,
      };
    } else if (path === 'mediawiki/page/revision/contributor' && this.revision) {
      this.revision.contributorDeleted = attrs.deleted === DELETED;
    } else if (path === 'mediawiki/page/upload') {
      this.emitPage();
      this.upload = { attributes: attrs, fields: new Map(), contributor: new Map(), contributorDeleted: false, contents: null, contentsAttributes: null };
    } else if (path === 'mediawiki/page/upload/contributor' && this.upload) {
      this.upload.contributorDeleted = attrs.deleted === DELETED;
    } else if (path === 'mediawiki/page/upload/contents' && this.upload) {
      openUploadContents(this.upload, this.page!, attrs, this.maxUploadBytes);
    } else if (path === 'mediawiki/page/redirect' && attrs.title) {
      this.redirectTarget = attrs.title;
    }
  }

  private close(): void {
    const path = this.path();
    const local = this.stack.pop()!;
    const leaf: Leaf = { text: this.buffer, deleted: this.leafAttributes.deleted === DELETED, base64: this.leafAttributes['fw:encoding'] === 'base64' };
    const parent = this.stack.join('/');
    if (parent === 'mediawiki/siteinfo' && local === 'sitename') {
      this.events.push({ type: 'siteinfo', siteName: leaf.text });
    } else if (parent === 'mediawiki/siteinfo' && local === 'base') {
      const title = mainPageOf(leaf.text.trim());
      if (title) this.events.push({ type: 'mainPage', title });
    } else if (parent === 'mediawiki/siteinfo/namespaces' && local === 'namespace') {
      const key = this.leafAttributes.key;
      if (key !== undefined && /^-?\d{1,6}$/.test(key)) this.namespaceNames.set(Number(key), leaf.text.trim());
    } else if (path === 'mediawiki/siteinfo/namespaces') {
      this.events.push({ type: 'namespaces', names: this.namespaceNames });
    } else if (parent === 'mediawiki/page' && ['title', 'ns', 'id'].includes(local)) {
      this.pageFields.set(local, leaf);
    } else if (parent === 'mediawiki/page/revision' && this.revision) {
      if (local === 'minor') this.revision.minor = true;
      else this.revision.fields.set(local, leaf);
      if (local === 'text') this.revision.textAttributes = this.leafAttributes;
      if (local === SOURCE_ELEMENT) this.revision.sourceModel = this.leafAttributes.model?.trim() || 'wikitext';
    } else if (parent === 'mediawiki/page/revision/contributor' && this.revision) {
      this.revision.contributor.set(local, leaf);
    } else if (parent === 'mediawiki/page/upload' && this.upload) {
      this.upload.fields.set(local, leaf);
      if (local === 'contents') closeUploadContents(this.upload);
    } else if (parent === 'mediawiki/page/upload/contributor' && this.upload) {
      this.upload.contributor.set(local, leaf);
    } else if (path === 'mediawiki/page/upload') {
      this.events.push({ type: 'upload', page: this.page!, ...finishUpload(this.upload!, this.page!) });
      this.upload = null;
    } else if (path === 'mediawiki/page/revision') {
      this.events.push({ type: 'revision', page: this.page!, revision: this.finishRevision() });
      this.revision = null;
    } else if (path === 'mediawiki/page') {
      this.emitPage();
      this.events.push({ type: 'pageEnd', page: this.page! });
    }
    this.leafAttributes = {};
    this.buffer = '';
  }

  private emitPage(): void {
    if (this.page) return;
    const title = this.pageFields.get('title')?.text.trim();
    const where = title ? `Page "${title}"` : 'A page';
    if (!title) throw invalid(`${where} has no <title>.`);
    const ns = this.pageFields.get('ns')?.text.trim();
    const namespace = ns !== undefined && /^-?\d+$/.test(ns) ? Number(ns) : null;
    if (namespace === null) throw invalid(`${where} has no valid <ns> (namespace number).`);
    const id = positiveInteger(this.pageFields.get('id')?.text);
    if (id === null) throw invalid(`${where} has no valid <id>.`);
    let deletedAt: Date | null = null;
    const deleted = this.pageAttributes['fw:deleted'];
    if (deleted !== undefined) {
      deletedAt = parseDumpTimestamp(deleted);
      if (!deletedAt) throw invalid(`${where}: fw:deleted="${deleted}" is not a timestamp like 2026-11-28T12:00:00Z.`);
    }
    this.page = { title, namespace, id, redirectTarget: this.redirectTarget, deletedAt };
    this.events.push({ type: 'page', page: this.page });
  }

  private finishRevision(): DumpRevision {
    const pending = this.revision!;
    const page = this.page!;
    const field = (name: string) => pending.fields.get(name);
    const id = positiveInteger(field('id')?.text);
    const where = `Page "${page.title}", revision ${id ?? '(no id)'}`;
    if (id === null) throw invalid(`${where}: the revision has no valid <id>.`);
    const parentText = field('parentid')?.text;
    const parentId = parentText === undefined ? null : positiveInteger(parentText);
    if (parentText !== undefined && parentId === null) throw invalid(`${where}: <parentid> "${parentText}" is not a revision id.`);

    const timestamp = requireDumpTimestamp(field('timestamp')?.text, where);
    const nameLeaf = requireContributorName(pending.contributor, pending.contributorDeleted, where, 'author');
    const userIdText = pending.contributor.get('id')?.text;
    const authorId = userIdText === undefined ? null : positiveInteger(userIdText);

    const model = field('model')?.text.trim() || CONTENT_MODEL;
    if (!IMPORTABLE_MODELS.has(model) && !CODE_MODELS.has(model)) {
      throw invalid(
        `${where}: the content model is "${model}", which this wiki cannot read. It imports "${CONTENT_MODEL}" and MediaWiki's "wikitext" (converted to markdown); pages of ${[...CODE_MODELS].join(', ')} are listed in the report, not imported.`,
      );
    }
    const textLeaf = field('text');
    if (!textLeaf) throw invalid(`${where}: the revision has no <text>.`);
    const text = decodeLeaf(textLeaf, `${where}: <text>`);
    const actual = sha1Hex(text);
    const declared = field('sha1')?.text.trim() || pending.textAttributes.sha1;
    if (!declared) throw invalid(`${where}: the revision has no <sha1>, so its text cannot be checked.`);
    if (sha1HexFromBase36(declared) !== actual) {
      throw invalid(
        textLeaf.deleted && text === ''
          ? `${where}: the text is hidden and not in the file (a public export). Restore from a full export.`
          : `${where}: the SHA-1 does not match the text (the file says ${declared}, the text hashes to ${sha1Base36(actual)}). The file is damaged.`,
      );
    }
    const bytes = pending.textAttributes.bytes;
    if (bytes !== undefined && Number(bytes) !== Buffer.byteLength(text, 'utf8')) {
      throw invalid(`${where}: <text bytes="${bytes}"> does not match the text (${Buffer.byteLength(text, 'utf8')} bytes).`);
    }
    const comment = field('comment');
    const hidden = (textLeaf.deleted ? HIDDEN_BITS.text : 0) | (comment?.deleted ? HIDDEN_BITS.summary : 0) | (pending.contributorDeleted ? HIDDEN_BITS.author : 0);
    return {
      id,
      parentId,
      timestamp,
      author: { id: authorId, name: decodeLeaf(nameLeaf, `${where}: <username>`) },
      minor: pending.minor,
      summary: comment ? decodeLeaf(comment, `${where}: <comment>`) : '',
      text,
      model,
      source: sourceOf(pending, where),
      sha1: actual,
      hidden,
      archived: pending.archived,
    };
  }
}

function sourceOf(pending: PendingRevision, where: string): DumpRevision['source'] {
  const leaf = pending.fields.get(SOURCE_ELEMENT);
  if (!leaf || pending.sourceModel === null) return null;
  return { model: pending.sourceModel, text: decodeLeaf(leaf, `${where}: <fw:source>`) };
}

/** "https://x.fandom.com/wiki/Skyreach_Wiki" or "…/index.php?title=Main_Page" → "Skyreach Wiki". */
export function mainPageOf(base: string): string | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  const raw = url.searchParams.get('title') ?? url.pathname.split('/').at(-1) ?? '';
  let title: string;
  try {
    title = decodeURIComponent(raw);
  } catch {
    return null;
  }
  title = title.replace(/_/g, ' ').trim();
  return title === '' || title === 'index.php' ? null : title;
}
