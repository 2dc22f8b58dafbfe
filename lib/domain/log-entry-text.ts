/**
 * Special:Log's lines: the sentence that describes an audit-log entry, built from its type, action
 * and params (MediaWiki's LogFormatter). The sentence is data, not text: a message key of the
 * `history.log` catalog and its values, some of them links, dates or nested messages, so that the
 * page renders it in the reader's language as React text and links: nothing here is HTML, and no
 * translator either (plain text in a language: lib/i18n/log-entry-text.ts).
 *
 * Params are read defensively: they are JSON from the database, and an entry written by an older
 * version must still produce a sentence, never an exception. Pure: no I/O.
 */
import { userPageHref } from '@/lib/domain/history';
import type { LogType } from '@/lib/domain/log';
import { titleToUrlPath, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
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

type EntryKey =
  | 'move'
  | 'moveNoRedirect'
  | 'protect'
  | 'modifyProtection'
  | 'unprotect'
  | 'delete'
  | 'restore'
  | 'revisionVisibility'
  | 'block'
  | 'reblock'
  | 'unblock'
  | 'createAccount'
  | 'createAccountFor'
  | 'rights'
  | 'upload'
  | 'overwrite'
  | 'revertFile'
  | 'fileVersionVisibility'
  | 'thank'
  | 'other';
type PartKey =
  | 'maintenanceScript'
  | 'unknownPage'
  | 'listComma'
  | 'listAnd'
  | 'indefinite'
  | 'expiryTime'
  | 'expires'
  | 'protection'
  | 'actionEdit'
  | 'actionMove'
  | 'actionUpload'
  | 'roleRegistered'
  | 'roleAdmin'
  | 'roleNone'
  | 'groupBot'
  | 'textHidden'
  | 'textUnhidden'
  | 'summaryHidden'
  | 'summaryUnhidden'
  | 'userHidden'
  | 'userUnhidden'
  | 'fileHidden'
  | 'fileUnhidden';

/** A key of the `history.log` catalog: whole sentences under `entry.`, pieces of them under `part.`. */
export type LogMessageKey = `entry.${EntryKey}` | `part.${PartKey}`;

/**
 * A value of a log message. Strings and numbers are ICU arguments (`{count, plural, …}`, `{hasId,
 * select, …}`); the others fill the message's empty tags (`<page></page>`), since they render as
 * more than text: a link, a formatted date, a nested message, a list.
 */
export type LogValue =
  | string
  | number
  | { kind: 'link'; text: string; href: string }
  /** Shown as it is: a title that could not be parsed, a role the wiki does not know. */
  | { kind: 'text'; text: string }
  | { kind: 'date'; date: Date }
  | { kind: 'message'; message: LogMessage }
  /** "A, B and C" ("and": the last separator is the language's "and"), or items side by side ("space"). */
  | { kind: 'list'; style: 'and' | 'comma' | 'space'; items: LogValue[] };

export interface LogMessage {
  key: LogMessageKey;
  values: Record<string, LogValue>;
}

const part = (key: PartKey, values: Record<string, LogValue> = {}): LogValue => ({ kind: 'message', message: { key: `part.${key}`, values } });
const text = (value: string): LogValue => ({ kind: 'text', text: value });

/** "indefinite", or the date with "expires …" (protections) or bare (blocks). */
function expiry(value: unknown, wording: 'expires' | 'expiryTime'): LogValue {
  const date = typeof value === 'string' ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? part(wording, { time: { kind: 'date', date } }) : part('indefinite');
}

function pageLink(title: ParsedTitle): LogValue {
  return { kind: 'link', text: title.prefixedText, href: titleToUrlPath(title) };
}

function titleLink(value: unknown): LogValue {
  if (typeof value !== 'string') return part('unknownPage');
  const parsed = tryParseTitle(value);
  return parsed.ok ? pageLink(parsed.title) : text(value);
}

function userLink(name: string): LogValue {
  return { kind: 'link', text: name, href: userPageHref(name) };
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** " [edit=admin] (indefinite) [move=autoconfirmed] (expires …)": the settings that parse. */
function protectionSettings(params: Record<string, unknown>): Record<string, LogValue> {
  const items: LogValue[] = [];
  for (const action of ['edit', 'move', 'upload'] as const) {
    const setting = record(params[action]);
    if (!setting || typeof setting.level !== 'string') continue;
    const name = part(action === 'edit' ? 'actionEdit' : action === 'move' ? 'actionMove' : 'actionUpload');
    items.push(part('protection', { action: name, level: setting.level, expiry: expiry(setting.expiresAt, 'expires') }));
  }
  return { hasSettings: items.length > 0 ? 'yes' : 'no', settings: { kind: 'list', style: 'space', items } };
}

const HIDDEN_PARTS: readonly [number, PartKey, PartKey][] = [
  [1, 'textHidden', 'textUnhidden'],
  [2, 'summaryHidden', 'summaryUnhidden'],
  [4, 'userHidden', 'userUnhidden'],
];

/** A file version's bit 1 is the file itself (docs/files.md); 2 and 4 as for revisions. */
const FILE_HIDDEN_PARTS: readonly [number, PartKey, PartKey][] = [[1, 'fileHidden', 'fileUnhidden'], HIDDEN_PARTS[1]!, HIDDEN_PARTS[2]!];

/** ": text hidden, summary unhidden", from the visibility bits before and after. */
function visibilityChange(params: Record<string, unknown>, parts: readonly [number, PartKey, PartKey][] = HIDDEN_PARTS): Record<string, LogValue> {
  const before = typeof params.hiddenBefore === 'number' ? params.hiddenBefore : 0;
  const after = typeof params.hiddenAfter === 'number' ? params.hiddenAfter : 0;
  const changes: LogValue[] = [];
  for (const [bit, hidden, unhidden] of parts) {
    if ((after & bit) !== 0 && (before & bit) === 0) changes.push(part(hidden));
    if ((after & bit) === 0 && (before & bit) !== 0) changes.push(part(unhidden));
  }
  return { hasChanges: changes.length > 0 ? 'yes' : 'no', changes: { kind: 'list', style: 'comma', items: changes } };
}

function role(value: unknown): LogValue {
  if (value === 'registered') return part('roleRegistered');
  if (value === 'admin') return part('roleAdmin');
  return value === null || value === undefined ? part('roleNone') : text(String(value));
}

/**
 * A user's explicit groups, "administrator, bot"; none is a registered user (this wiki's wording
 * for MediaWiki's "(none)", as the role-only entries have always read).
 */
function groups(values: unknown[]): LogValue {
  if (values.length === 0) return part('roleRegistered');
  return { kind: 'list', style: 'comma', items: values.map((value) => (value === 'bot' ? part('groupBot') : role(value))) };
}

/** Partial blocks name their pages ("from editing the pages A and B"); sitewide ones say nothing. */
function blockValues(entry: LogEntryRow): Record<string, LogValue> {
  const titles: unknown[] = Array.isArray(entry.params.pageTitles) ? entry.params.pageTitles : [];
  const partial = entry.params.sitewide === false && titles.length > 0;
  return {
    user: userLink(entry.title.text),
    scope: !partial ? 'sitewide' : titles.length === 1 ? 'page' : 'pages',
    pages: { kind: 'list', style: 'and', items: titles.map(titleLink) },
    expiry: expiry(entry.params.expiresAt, 'expiryTime'),
  };
}

/**
 * The whole sentence of an entry, performer included (for a self-created account MediaWiki puts
 * the performer in the middle: "User account Bob was created"). The reason is not part of it.
 */
export function describeLogEntry(entry: LogEntryRow): LogMessage {
  const performer = entry.performer ? userLink(entry.performer.name) : part('maintenanceScript');
  const page = pageLink(entry.title);
  const params = entry.params;
  const sentence = (key: EntryKey, values: Record<string, LogValue> = {}): LogMessage => ({ key: `entry.${key}`, values: { performer, page, ...values } });
  const type = entry.type as LogType;
  switch (`${type}/${entry.action}`) {
    case 'move/move':
      return sentence('move', { target: titleLink(params.target) });
    case 'move/move_noredirect':
      return sentence('moveNoRedirect', { target: titleLink(params.target) });
    case 'protect/protect':
      return sentence('protect', protectionSettings(params));
    case 'protect/modify':
      return sentence('modifyProtection', protectionSettings(params));
    case 'protect/unprotect':
      return sentence('unprotect');
    case 'delete/delete':
      return sentence('delete');
    case 'delete/restore':
      return sentence('restore', typeof params.revisions === 'number' ? { hasCount: 'yes', count: params.revisions } : { hasCount: 'no', count: 0 });
    case 'delete/revision':
      if (typeof params.fileVersionId === 'number') {
        return sentence('fileVersionVisibility', { hasId: 'yes', id: String(params.fileVersionId), ...visibilityChange(params, FILE_HIDDEN_PARTS) });
      }
      return sentence('revisionVisibility', {
        // A string: a revision id is a name, not a quantity ("revision 12345", not "12,345").
        ...(typeof params.revisionId === 'number' ? { hasId: 'yes', id: String(params.revisionId) } : { hasId: 'no', id: '' }),
        ...visibilityChange(params),
      });
    case 'block/block':
      return sentence('block', blockValues(entry));
    case 'block/reblock':
      return sentence('reblock', blockValues(entry));
    case 'block/unblock':
      return sentence('unblock', { user: userLink(entry.title.text) });
    case 'newusers/create':
      return sentence('createAccount');
    case 'newusers/create2':
      return sentence('createAccountFor', { user: userLink(entry.title.text) });
    case 'rights/rights':
      // Entries since the bot flag list the groups (MediaWiki's oldgroups/newgroups); older ones the role alone.
      if (Array.isArray(params.oldGroups) && Array.isArray(params.newGroups)) {
        return sentence('rights', { user: userLink(entry.title.text), from: groups(params.oldGroups), to: groups(params.newGroups) });
      }
      return sentence('rights', { user: userLink(entry.title.text), from: role(params.from), to: role(params.to) });
    case 'upload/upload':
      return sentence('upload');
    case 'upload/overwrite':
      return sentence('overwrite');
    case 'upload/revert':
      // A string: a version id is a name, not a quantity.
      return sentence('revertFile', typeof params.revertedFrom === 'number' ? { hasId: 'yes', id: String(params.revertedFrom) } : { hasId: 'no', id: '' });
    case 'thanks/thank':
      // MediaWiki's "A thanked B": the edit itself is not named (its id is in params).
      return sentence('thank', { user: userLink(entry.title.text) });
    default:
      return sentence('other', { type: entry.type, action: entry.action });
  }
}

/**
 * How one language shows a log message: `message` translates a key with its ICU arguments and
 * its tags already rendered; the rest render the non-text values.
 */
export interface LogRenderer<T> {
  message(key: LogMessageKey, args: Record<string, string | number>, tags: Record<string, T>): T;
  link(text: string, href: string): T;
  text(text: string): T;
  date(date: Date): T;
  join(items: T[]): T;
}

const SEPARATORS = { and: ['part.listComma', 'part.listAnd'], comma: ['part.listComma', 'part.listComma'] } as const;

/** Renders a log message and its nested values, whatever the output (React nodes, plain text). */
export function renderLogMessage<T>(message: LogMessage, renderer: LogRenderer<T>): T {
  const args: Record<string, string | number> = {};
  const tags: Record<string, T> = {};
  for (const [name, value] of Object.entries(message.values)) {
    if (typeof value === 'string' || typeof value === 'number') args[name] = value;
    else tags[name] = renderValue(value, renderer);
  }
  return renderer.message(message.key, args, tags);
}

function renderValue<T>(value: Exclude<LogValue, string | number>, renderer: LogRenderer<T>): T {
  switch (value.kind) {
    case 'link':
      return renderer.link(value.text, value.href);
    case 'text':
      return renderer.text(value.text);
    case 'date':
      return renderer.date(value.date);
    case 'message':
      return renderLogMessage(value.message, renderer);
    case 'list': {
      const items = value.items.map((item) => (typeof item === 'object' ? renderValue(item, renderer) : renderer.text(String(item))));
      const parts: T[] = [];
      items.forEach((item, index) => {
        if (index > 0) {
          if (value.style === 'space') parts.push(renderer.text(' '));
          else {
            const [comma, last] = SEPARATORS[value.style];
            parts.push(renderer.message(index === items.length - 1 ? last : comma, {}, {}));
          }
        }
        parts.push(item);
      });
      return renderer.join(parts);
    }
  }
}
