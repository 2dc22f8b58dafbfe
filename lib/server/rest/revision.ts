import 'server-only';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import { diffRevisions, type ChangedRow, type DiffRow, type WordSegment } from '@/lib/domain/diff';
import { titleToUrlPath } from '@/lib/domain/titles';
import type { UserSummary } from '@/lib/domain/wiki';
import { getDb } from '@/lib/server/db';
import { getRevision, getRevisionWithRendering, type RevisionDetail } from '@/lib/server/revisions';
import { credentialsFromRequest } from '@/lib/server/session';
import type { Actor } from '@/lib/domain/policy';
import { HIDDEN_TEXT_MESSAGE } from '@/lib/domain/visibility';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { jsonResponse, requestOrigin } from '@/lib/server/rest/http';
import { LICENSE, mediaWikiTimestamp } from '@/lib/server/rest/page-object';

/*
 * MediaWiki's revision endpoints (https://www.mediawiki.org/wiki/API:REST_API/Reference#Revision):
 *
 *   GET /w/rest.php/v1/revision/{id}                 metadata and source
 *   GET /w/rest.php/v1/revision/{id}/bare            metadata and html_url
 *   GET /w/rest.php/v1/revision/{id}/html            the HTML stored when the revision was saved
 *   GET /w/rest.php/v1/revision/{from}/compare/{to}  wikidiff2's inline JSON diff of two revisions of one page
 */

export const REST_REVISION_PATH = '/w/rest.php/v1/revision';

/** Revision ids are PostgreSQL INTEGERs: a larger number cannot name a revision. */
const MAX_REVISION_ID = 2_147_483_647;

/** MediaWiki's user object: anonymous edits (attributed to an IP address) have no user id. */
export interface RestUser {
  id: number | null;
  name: string;
}

/** Id 0 is no account: an author hidden from this reader comes as "(username removed)" with no id. */
export function restUser(author: UserSummary): RestUser {
  return { id: looksLikeIpAddress(author.name) || author.id === 0 ? null : author.id, name: author.name };
}

export interface RestRevision {
  id: number;
  size: number;
  minor: boolean;
  timestamp: string;
  content_model: 'markdown';
  page: { id: number; key: string; title: string };
  license: typeof LICENSE;
  user: RestUser;
  comment: string;
  /** Size minus the previous revision's size; null for a page's first revision, as MediaWiki. */
  delta: number | null;
}

// ---- Paths --------------------------------------------------------------------------------------

type RevisionRoute =
  | { kind: 'source' | 'bare' | 'html'; id: string }
  | { kind: 'compare'; from: string; to: string };

function noMatch(pathname: string): RestError {
  return new RestError(
    'NOT_FOUND',
    'rest-no-match',
    `There is no endpoint at ${JSON.stringify(pathname.slice(0, 200))}. Revision endpoints are /revision/{id}, /revision/{id}/bare, /revision/{id}/html and /revision/{from}/compare/{to}.`,
  );
}

function parseRoute(request: Request): RevisionRoute {
  const pathname = new URL(request.url).pathname;
  const rest = pathname.startsWith(`${REST_REVISION_PATH}/`) ? pathname.slice(REST_REVISION_PATH.length + 1) : '';
  const segments = rest.split('/');
  const [first = '', second, third] = segments;
  if (first === '') throw noMatch(pathname);
  if (segments.length === 1) return { kind: 'source', id: first };
  if (segments.length === 2 && (second === 'bare' || second === 'html')) return { kind: second, id: first };
  if (segments.length === 3 && second === 'compare' && third) return { kind: 'compare', from: first, to: third };
  throw noMatch(pathname);
}

/**
 * A revision id from the path: not a whole number → 400 (MediaWiki's integer parameter check);
 * a whole number that cannot be an id (0, or beyond the INTEGER range) → null, which the caller
 * answers with 404 like any id that names no revision.
 */
function parseRevisionId(raw: string, name: string): number | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    text = raw;
  }
  if (!/^\d{1,30}$/u.test(text)) {
    throw new RestError('VALIDATION', 'paramvalidator-badinteger', `The ${name} in the address must be a revision id (a whole number), not ${JSON.stringify(text.slice(0, 50))}.`, {
      fieldErrors: { [name]: 'Must be a whole number.' },
    });
  }
  const id = Number(text);
  return id >= 1 && id <= MAX_REVISION_ID ? id : null;
}

// ---- Metadata -----------------------------------------------------------------------------------

/** Archived revisions do not exist for readers who may not see deleted material (404, as a missing id). */
async function findRevision(raw: string, viewer: Actor): Promise<RevisionDetail> {
  const id = parseRevisionId(raw, 'id');
  const detail = id === null ? null : await getRevision(id, viewer);
  if (!detail) throw new RestError('NOT_FOUND', 'rest-nonexistent-revision', `There is no revision with id ${raw.slice(0, 30)}.`);
  return detail;
}

/** MediaWiki's answer when a revision's text was hidden from the reader. */
function textOf(detail: RevisionDetail): string {
  if (detail.text === null) throw new RestError('FORBIDDEN', 'rest-permission-denied-revision', `${HIDDEN_TEXT_MESSAGE} (revision ${detail.revision.id})`);
  return detail.text;
}

async function parentSize(parentId: number | null): Promise<number | null> {
  if (parentId === null) return null;
  const parent = await getDb().revision.findUnique({ where: { id: parentId }, select: { size: true } });
  return parent?.size ?? null;
}

async function restRevision(detail: RevisionDetail): Promise<RestRevision> {
  const { revision, title } = detail;
  const previous = await parentSize(revision.parentId);
  return {
    id: revision.id,
    size: revision.size,
    minor: revision.minor,
    timestamp: mediaWikiTimestamp(revision.createdAt),
    content_model: 'markdown',
    page: { id: revision.pageId, key: title.prefixedDbKey, title: title.prefixedText },
    license: LICENSE,
    user: restUser(revision.author),
    comment: revision.summary,
    delta: previous === null ? null : revision.size - previous,
  };
}

function revisionUrl(request: Request, id: number, suffix = ''): string {
  return `${requestOrigin(request)}${REST_REVISION_PATH}/${id}${suffix}`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The stored rendering as a complete document, its <base> the revision's permalink. */
async function htmlResponse(request: Request, raw: string, viewer: Actor): Promise<Response> {
  const id = parseRevisionId(raw, 'id');
  const revision = id === null ? null : await getRevisionWithRendering(id, viewer);
  if (!revision) throw new RestError('NOT_FOUND', 'rest-nonexistent-revision', `There is no revision with id ${raw.slice(0, 30)}.`);
  textOf(revision);
  const permalink = `${requestOrigin(request)}${titleToUrlPath(revision.title)}?oldid=${revision.revision.id}`;
  const document = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(revision.title.prefixedText)}</title>`,
    `<base href="${escapeHtml(permalink)}">`,
    `<link rel="canonical" href="${escapeHtml(permalink)}">`,
    '</head>',
    `<body>${revision.html}</body>`,
    '</html>',
    '',
  ].join('\n');
  return new Response(document, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
  });
}

// ---- Compare ------------------------------------------------------------------------------------

/** wikidiff2's DiffType. */
export const DiffLineType = { CONTEXT: 0, ADD: 1, DELETE: 2, CHANGE: 3, MOVE_SOURCE: 4, MOVE_DESTINATION: 5 } as const;
/** wikidiff2's HighlightType. */
export const HighlightType = { ADD: 0, DELETE: 1 } as const;

export interface HighlightRange {
  /** Byte offset (UTF-8) in `text`. */
  start: number;
  /** Length in bytes. */
  length: number;
  type: (typeof HighlightType)[keyof typeof HighlightType];
}

export interface CompareLine {
  type: (typeof DiffLineType)[keyof typeof DiffLineType];
  /** The line's number in the `to` revision; absent for deleted and moved-away lines. */
  lineNumber?: number;
  text: string;
  /** Byte offsets of the line in the `from` and `to` texts; null on the side the line is not on. */
  offset: { from: number | null; to: number | null };
  highlightRanges?: HighlightRange[];
  moveInfo?: { id: string; linkId: string; linkDirection: 0 | 1 };
}

export interface CompareSection {
  level: number;
  heading: string;
  /** Byte offset of the heading line in the revision's text. */
  offset: number;
}

export interface CompareResponse {
  from: { id: number; slot_role: 'main'; sections: CompareSection[] };
  to: { id: number; slot_role: 'main'; sections: CompareSection[] };
  diff: CompareLine[];
}

const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

/** Byte offset of the start of each line (0-based index), splitting on "\n" as diff.ts does. */
function lineOffsets(text: string): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    offsets.push(offset);
    offset += byteLength(line) + 1;
  }
  return offsets;
}

type Piece = { kind: 'copy' | 'add' | 'delete'; text: string };

/**
 * One changed line as wikidiff2 writes it: the words both sides share once, removed and inserted
 * words in between, and byte ranges marking which is which. Built from diff.ts's two segment lists
 * so that, whatever the alignment, dropping the "add" ranges gives exactly the old line and dropping
 * the "delete" ranges exactly the new one.
 */
export function inlineChange(oldSegments: WordSegment[], newSegments: WordSegment[]): { text: string; highlightRanges: HighlightRange[] } {
  const pieces: Piece[] = [];
  const push = (kind: Piece['kind'], text: string) => {
    if (text === '') return;
    const last = pieces[pieces.length - 1];
    if (last?.kind === kind) last.text += text;
    else pieces.push({ kind, text });
  };
  // Cursors: segment index and how much of that segment is already written.
  let i = 0;
  let iUsed = 0;
  let j = 0;
  let jUsed = 0;
  const oldAt = () => oldSegments[i];
  const newAt = () => newSegments[j];
  while (i < oldSegments.length || j < newSegments.length) {
    // Everything changed at the cursors first: removed words, then inserted words.
    while (oldAt()?.changed) {
      push('delete', (oldAt() as WordSegment).text.slice(iUsed));
      i++;
      iUsed = 0;
    }
    while (newAt()?.changed) {
      push('add', (newAt() as WordSegment).text.slice(jUsed));
      j++;
      jUsed = 0;
    }
    const oldSegment = oldAt();
    const newSegment = newAt();
    if (oldSegment === undefined && newSegment === undefined) break;
    const a = oldSegment ? oldSegment.text.slice(iUsed) : '';
    const b = newSegment ? newSegment.text.slice(jUsed) : '';
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    // Do not cut a surrogate pair in two.
    if (common > 0 && common < a.length && /[\uD800-\uDBFF]/u.test(a[common - 1] ?? '')) common--;
    if (common > 0) {
      push('copy', a.slice(0, common));
    } else if (a !== '') {
      // The sides disagree on what is shared (diff.ts tidies each side separately): the old
      // side's next character counts as removed, so both lines still read back exactly.
      common = Math.min(a.length, /[\uD800-\uDBFF]/u.test(a[0] ?? '') ? 2 : 1);
      push('delete', a.slice(0, common));
      iUsed += common;
      if (iUsed >= (oldSegment?.text.length ?? 0)) {
        i++;
        iUsed = 0;
      }
      continue;
    } else {
      common = Math.min(b.length, /[\uD800-\uDBFF]/u.test(b[0] ?? '') ? 2 : 1);
      push('add', b.slice(0, common));
      jUsed += common;
      if (jUsed >= (newSegment?.text.length ?? 0)) {
        j++;
        jUsed = 0;
      }
      continue;
    }
    iUsed += common;
    jUsed += common;
    if (oldSegment && iUsed >= oldSegment.text.length) {
      i++;
      iUsed = 0;
    }
    if (newSegment && jUsed >= newSegment.text.length) {
      j++;
      jUsed = 0;
    }
  }

  let text = '';
  let bytes = 0;
  const highlightRanges: HighlightRange[] = [];
  for (const piece of pieces) {
    const length = byteLength(piece.text);
    if (piece.kind !== 'copy') highlightRanges.push({ start: bytes, length, type: piece.kind === 'add' ? HighlightType.ADD : HighlightType.DELETE });
    text += piece.text;
    bytes += length;
  }
  return { text, highlightRanges };
}

const joinSegments = (segments: WordSegment[] | null): string => (segments ?? []).map((segment) => segment.text).join('');

/** diff.ts's rows as wikidiff2's inline JSON (what MediaWiki's compare endpoint returns). */
export function compareLines(oldText: string, newText: string): CompareLine[] {
  const { rows } = diffRevisions(oldText, newText);
  const oldOffsets = lineOffsets(oldText);
  const newOffsets = lineOffsets(newText);
  const oldOffset = (line: number) => oldOffsets[line - 1] ?? 0;
  const newOffset = (line: number) => newOffsets[line - 1] ?? 0;

  // Where each moved line is shown, so each end of a move can say whether the other is below or above.
  const visible = rows.filter((row): row is DiffRow & { kind: 'context' | 'changed' } => row.kind !== 'collapsed');
  const movedAwayAt = new Map<number, number>();
  const movedHereAt = new Map<number, number>();
  visible.forEach((row, index) => {
    if (row.kind !== 'changed' || !row.moved) return;
    if (row.oldLine !== null) movedAwayAt.set(row.oldLine, index);
    if (row.newLine !== null) movedHereAt.set(row.newLine, index);
  });

  return visible.map((row, index): CompareLine => {
    if (row.kind === 'context') {
      return { type: DiffLineType.CONTEXT, lineNumber: row.newLine, text: row.text, offset: { from: oldOffset(row.oldLine), to: newOffset(row.newLine) } };
    }
    return changedLine(row, index, { oldOffset, newOffset, movedAwayAt, movedHereAt });
  });
}

function changedLine(
  row: ChangedRow,
  index: number,
  context: {
    oldOffset: (line: number) => number;
    newOffset: (line: number) => number;
    movedAwayAt: Map<number, number>;
    movedHereAt: Map<number, number>;
  },
): CompareLine {
  const { oldOffset, newOffset, movedAwayAt, movedHereAt } = context;
  if (row.oldLine !== null && row.newLine !== null) {
    return {
      type: DiffLineType.CHANGE,
      lineNumber: row.newLine,
      ...inlineChange(row.old ?? [], row.new ?? []),
      offset: { from: oldOffset(row.oldLine), to: newOffset(row.newLine) },
    };
  }
  if (row.oldLine !== null) {
    const text = joinSegments(row.old);
    const offset = { from: oldOffset(row.oldLine), to: null };
    if (row.moved && row.movedLine !== undefined) {
      const other = movedHereAt.get(row.movedLine) ?? index;
      const moveInfo = { id: `movedpara_${row.oldLine}_lhs`, linkId: `movedpara_${row.movedLine}_rhs`, linkDirection: other > index ? 0 : 1 } as const;
      return { type: DiffLineType.MOVE_SOURCE, moveInfo, text, offset };
    }
    return { type: DiffLineType.DELETE, text, offset };
  }
  const newLine = row.newLine ?? 0;
  const text = joinSegments(row.new);
  const offset = { from: null, to: newOffset(newLine) };
  if (row.moved && row.movedLine !== undefined) {
    const other = movedAwayAt.get(row.movedLine) ?? index;
    const moveInfo = { id: `movedpara_${newLine}_rhs`, linkId: `movedpara_${row.movedLine}_lhs`, linkDirection: other > index ? 0 : 1 } as const;
    return { type: DiffLineType.MOVE_DESTINATION, lineNumber: newLine, moveInfo, text, offset, highlightRanges: [] };
  }
  return { type: DiffLineType.ADD, lineNumber: newLine, text, offset };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/u;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/u;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/u;
// A line that starts a list item, quote, table row, HTML block or indented code cannot be a setext heading's text.
const NOT_PARAGRAPH_TEXT = /^(?: {4}|\t| {0,3}(?:[-*+>|<]|\d{1,9}[.)])(?:\s|$))/u;

/**
 * The headings of a Markdown text with byte offsets, as MediaWiki lists a wikitext's sections in
 * the compare answer (the lead section, before the first heading, is left out there too). A linear
 * line scan: ATX ("## Title") and setext ("Title" over "===") headings outside fenced code.
 */
export function markdownSections(text: string): CompareSection[] {
  const sections: CompareSection[] = [];
  const lines = text.split('\n');
  const offsets = lineOffsets(text);
  let fence: string | null = null;
  let previous: { text: string; offset: number } | null = null;
  lines.forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const offset = offsets[index] ?? 0;
    const fenceMatch = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (fenceMatch !== undefined && fenceMatch[0] === fence[0] && fenceMatch.length >= fence.length && line.trim() === fenceMatch) fence = null;
      previous = null;
      return;
    }
    if (fenceMatch !== undefined) {
      fence = fenceMatch;
      previous = null;
      return;
    }
    const atx = ATX_HEADING.exec(line);
    if (atx) {
      sections.push({ level: atx[1]?.length ?? 1, heading: (atx[2] ?? '').trim(), offset });
      previous = null;
      return;
    }
    const underline = SETEXT_UNDERLINE.exec(line)?.[1];
    if (underline !== undefined && previous !== null) {
      sections.push({ level: underline.startsWith('=') ? 1 : 2, heading: previous.text, offset: previous.offset });
      previous = null;
      return;
    }
    if (line.trim() === '' || NOT_PARAGRAPH_TEXT.test(line)) previous = null;
    // A paragraph's lines all belong to the heading an underline makes of it.
    else previous = previous === null ? { text: line.trim(), offset } : { text: `${previous.text} ${line.trim()}`, offset: previous.offset };
  });
  return sections;
}

async function compare(raw: { from: string; to: string }, viewer: Actor): Promise<CompareResponse> {
  // Both ids are checked (400) before either is looked up (404), as MediaWiki validates parameters first.
  const ids = { from: parseRevisionId(raw.from, 'from'), to: parseRevisionId(raw.to, 'to') };
  const load = async (name: 'from' | 'to'): Promise<RevisionDetail> => {
    const id = ids[name];
    const detail = id === null ? null : await getRevision(id, viewer);
    if (!detail) {
      throw new RestError('NOT_FOUND', 'rest-compare-nonexistent', `The "${name}" revision (${raw[name].slice(0, 30)}) does not exist.`);
    }
    return detail;
  };
  const from = await load('from');
  const to = await load('to');
  if (from.revision.pageId !== to.revision.pageId) {
    throw new RestError(
      'VALIDATION',
      'rest-compare-page-mismatch',
      `Revisions ${from.revision.id} ("${from.title.prefixedText}") and ${to.revision.id} ("${to.title.prefixedText}") belong to different pages; only revisions of the same page can be compared.`,
    );
  }
  const [fromText, toText] = [textOf(from), textOf(to)];
  return {
    from: { id: from.revision.id, slot_role: 'main', sections: markdownSections(fromText) },
    to: { id: to.revision.id, slot_role: 'main', sections: markdownSections(toText) },
    diff: compareLines(fromText, toText),
  };
}

// ---- Handler ------------------------------------------------------------------------------------

export async function getRevisionEndpoint(request: Request): Promise<Response> {
  try {
    const route = parseRoute(request);
    // Reading needs no sign-in; who reads decides what of deleted or hidden revisions is shown.
    const { actor } = await credentialsFromRequest(request);
    switch (route.kind) {
      case 'compare':
        return jsonResponse(await compare(route, actor));
      case 'html':
        return await htmlResponse(request, route.id, actor);
      case 'bare': {
        const detail = await findRevision(route.id, actor);
        return jsonResponse({ ...(await restRevision(detail)), html_url: revisionUrl(request, detail.revision.id, '/html') });
      }
      default: {
        const detail = await findRevision(route.id, actor);
        return jsonResponse({ ...(await restRevision(detail)), source: textOf(detail) });
      }
    }
  } catch (error) {
    return restErrorResponse(error);
  }
}
