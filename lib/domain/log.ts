/**
 * The audit log's vocabulary (MediaWiki's log types and actions). Entries are append-only: written
 * by the action they record, in the same transaction, and never updated or deleted.
 *
 * Each type/action says what its `params` hold, so Special:Log can describe any entry without
 * guessing. Pure: no I/O.
 */

export type LogType = 'move' | 'protect' | 'delete' | 'block' | 'newusers' | 'rights' | 'upload' | 'thanks';

export const LOG_ACTIONS = {
  move: ['move', 'move_noredirect'],
  protect: ['protect', 'modify', 'unprotect'],
  /** delete: the page; restore: undelete; revision: a revision's visibility changed. */
  delete: ['delete', 'restore', 'revision'],
  block: ['block', 'reblock', 'unblock'],
  newusers: ['create', 'create2'],
  rights: ['rights'],
  /** upload: a file's first version; overwrite: a new version; revert: an old version's bytes again (docs/files.md). */
  upload: ['upload', 'overwrite', 'revert'],
  /** thank: someone thanked an edit's author (MediaWiki's Thanks extension; docs/notifications.md). */
  thanks: ['thank'],
} as const satisfies Record<LogType, readonly string[]>;

export type LogAction<T extends LogType = LogType> = (typeof LOG_ACTIONS)[T][number];

export const LOG_TYPES = Object.keys(LOG_ACTIONS) as LogType[];

/** Human names of the log types, for Special:Log's filter and headings. */
export const LOG_TYPE_NAMES: Readonly<Record<LogType, string>> = {
  move: 'Move log',
  protect: 'Protection log',
  delete: 'Deletion log',
  block: 'Block log',
  newusers: 'User creation log',
  rights: 'User rights log',
  upload: 'Upload log',
  thanks: 'Thanks log',
};

/** What each kind of entry stores in `params` (all JSON). */
export interface LogParams {
  move: { target: string; targetNamespace: number; targetTitle: string; noredirect: boolean };
  /** One entry per change; `edit`/`move` absent = unprotected for that action. Expiry as ISO or null (indefinite). */
  protect: {
    edit?: { level: string; expiresAt: string | null };
    move?: { level: string; expiresAt: string | null };
    /** File: pages: uploads of new versions. */
    upload?: { level: string; expiresAt: string | null };
  };
  /**
   * delete/restore: how many revisions (and file versions); revision: which revision, or which file
   * version (fileVersionId), and the bits before and after.
   */
  delete: { revisions?: number; fileVersions?: number; revisionId?: number; fileVersionId?: number; hiddenBefore?: number; hiddenAfter?: number };
  /** The entry's title is the blocked user's page (User:Name). */
  block: { expiresAt?: string | null; sitewide?: boolean; pageIds?: number[]; pageTitles?: string[] };
  newusers: { userId: number };
  /** The stored role before and after; since the bot flag, also the explicit groups ("admin", "bot") as MediaWiki's oldgroups/newgroups. */
  rights: { from: string; to: string; oldGroups?: string[]; newGroups?: string[] };
  /** The version the entry made current, its bytes' SHA-1, and for a revert the version they came from. */
  upload: { versionId: number; sha1: string; revertedFrom?: number };
  /** The entry's title is the thanked user's page (User:Name); the edit they were thanked for. */
  thanks: { revisionId: number };
}

export function isLogType(value: string): value is LogType {
  return Object.hasOwn(LOG_ACTIONS, value);
}
