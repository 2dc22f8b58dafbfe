/**
 * Special:Log's lines: the sentence that describes an audit-log entry, built from its type, action
 * and params (MediaWiki's LogFormatter). The sentence is a list of parts, text or links, so the
 * page renders them as React text and links: nothing here is HTML.
 *
 * Params are read defensively: they are JSON from the database, and an entry written by an older
 * version must still produce a sentence, never an exception. Pure: no I/O.
 */
import { formatTimestamp } from '@/lib/domain/format';
import { userPageHref } from '@/lib/domain/history';
import type { LogType } from '@/lib/domain/log';
import { titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { STORED_ROLE_NAMES, type StoredRole } from '@/lib/domain/user-rights';
import type { UserSummary } from '@/lib/domain/wiki';

/** One audit-log entry as the data layer hands it out. */
export interface LogEntryRow {
  id: number;
  type: string;
  action: string;
  createdAt: Date;
  /** null: an entry without a performer (written by a maintenance script with no account). */
  performer: UserSummary | null;
  /** The page (or User: page) the entry is about. */
  title: ParsedTitle;
  comment: string;
  params: Record<string, unknown>;
}

/** Keyset-paged list of entries, newest first (cursors are entry ids, as in lib/domain/history.ts). */
export interface LogPage {
  rows: LogEntryRow[];
  older: number | null;
  newer: number | null;
}

export type TextPart = string | { text: string; href: string };

/** "20:38, 28 November 2026", as MediaWiki's log and history lines. */
export function formatLogTime(date: Date): string {
  const { date: day, time } = formatTimestamp(date);
  return `${time}, ${day}`;
}

function expiryText(value: unknown): string {
  if (typeof value !== 'string') return 'indefinite';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? 'indefinite' : `${formatLogTime(date)} (UTC)`;
}

function pageLink(title: ParsedTitle): TextPart {
  return { text: title.prefixedText, href: titleToUrlPath(title) };
}

function titleLink(text: unknown): TextPart {
  if (typeof text !== 'string') return '(unknown page)';
  const parsed = tryParseTitle(text);
  return parsed.ok ? pageLink(parsed.title) : text;
}

function userLink(name: string): TextPart {
  return { text: name, href: userPageHref(name) };
}

function performerPart(entry: LogEntryRow): TextPart {
  return entry.performer ? userLink(entry.performer.name) : 'A maintenance script';
}

/** "A", "A and B", "A, B and C", with each title a link. */
function listOfTitles(titles: unknown[]): TextPart[] {
  const parts: TextPart[] = [];
  titles.forEach((title, index) => {
    if (index > 0) parts.push(index === titles.length - 1 ? ' and ' : ', ');
    parts.push(titleLink(title));
  });
  return parts;
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** " [edit=admin] (indefinite) [move=autoconfirmed] (expires …)" */
function protectionSettings(params: Record<string, unknown>): string {
  let text = '';
  for (const action of ['edit', 'move'] as const) {
    const setting = record(params[action]);
    if (!setting || typeof setting.level !== 'string') continue;
    const expiry = typeof setting.expiresAt === 'string' ? `expires ${expiryText(setting.expiresAt)}` : 'indefinite';
    text += ` [${action}=${setting.level}] (${expiry})`;
  }
  return text;
}

const HIDDEN_PARTS: readonly [number, string][] = [
  [1, 'text'],
  [2, 'summary'],
  [4, 'user'],
];

/** ": text hidden, summary unhidden", from the visibility bits before and after. */
function visibilityChange(params: Record<string, unknown>): string {
  const before = typeof params.hiddenBefore === 'number' ? params.hiddenBefore : 0;
  const after = typeof params.hiddenAfter === 'number' ? params.hiddenAfter : 0;
  const changes: string[] = [];
  for (const [bit, name] of HIDDEN_PARTS) {
    if ((after & bit) !== 0 && (before & bit) === 0) changes.push(`${name} hidden`);
    if ((after & bit) === 0 && (before & bit) !== 0) changes.push(`${name} unhidden`);
  }
  return changes.length === 0 ? '' : `: ${changes.join(', ')}`;
}

function roleName(value: unknown): string {
  return value === 'registered' || value === 'admin' ? STORED_ROLE_NAMES[value as StoredRole] : String(value ?? '(none)');
}

function revisionsCount(params: Record<string, unknown>): string {
  const count = params.revisions;
  if (typeof count !== 'number') return '';
  return ` (${count} ${count === 1 ? 'revision' : 'revisions'})`;
}

function blockScope(params: Record<string, unknown>): TextPart[] {
  const titles = Array.isArray(params.pageTitles) ? params.pageTitles : [];
  if (params.sitewide !== false || titles.length === 0) return [];
  return [titles.length === 1 ? ' from editing the page ' : ' from editing the pages ', ...listOfTitles(titles)];
}

/**
 * The whole sentence of an entry, performer included (for a self-created account MediaWiki puts
 * the performer in the middle: "User account Bob was created"). The reason is not part of it.
 */
export function describeLogEntry(entry: LogEntryRow): TextPart[] {
  const who = performerPart(entry);
  const page = pageLink(entry.title);
  const params = entry.params;
  const type = entry.type as LogType;
  switch (`${type}/${entry.action}`) {
    case 'move/move':
      return [who, ' moved page ', page, ' to ', titleLink(params.target)];
    case 'move/move_noredirect':
      return [who, ' moved page ', page, ' to ', titleLink(params.target), ' without leaving a redirect'];
    case 'protect/protect':
      return [who, ' protected ', page, protectionSettings(params)];
    case 'protect/modify':
      return [who, ' changed protection settings for ', page, protectionSettings(params)];
    case 'protect/unprotect':
      return [who, ' removed protection from ', page];
    case 'delete/delete':
      return [who, ' deleted page ', page];
    case 'delete/restore':
      return [who, ' restored page ', page, revisionsCount(params)];
    case 'delete/revision': {
      const revision = typeof params.revisionId === 'number' ? ` ${params.revisionId}` : '';
      return [who, ` changed visibility of revision${revision} on page `, page, visibilityChange(params)];
    }
    case 'block/block':
      return [who, ' blocked ', userLink(entry.title.text), ...blockScope(params), ` with an expiry time of ${expiryText(params.expiresAt)}`];
    case 'block/reblock':
      return [who, ' changed block settings for ', userLink(entry.title.text), ...blockScope(params), ` with an expiry time of ${expiryText(params.expiresAt)}`];
    case 'block/unblock':
      return [who, ' unblocked ', userLink(entry.title.text)];
    case 'newusers/create':
      return ['User account ', who, ' was created'];
    case 'newusers/create2':
      return [who, ' created user account ', userLink(entry.title.text)];
    case 'rights/rights':
      return [who, ' changed group membership for ', userLink(entry.title.text), ` from ${roleName(params.from)} to ${roleName(params.to)}`];
    default:
      return [who, ` performed ${entry.type}/${entry.action} on `, page];
  }
}

/** The sentence as plain text (feeds, tests, the CLI). */
export function logEntryPlainText(entry: LogEntryRow): string {
  return describeLogEntry(entry)
    .map((part) => (typeof part === 'string' ? part : part.text))
    .join('');
}
