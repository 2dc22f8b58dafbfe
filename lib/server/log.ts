import 'server-only';
import type { LogAction, LogParams, LogType } from '@/lib/domain/log';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { Transaction } from '@/lib/server/transaction';

export interface NewLogEntry<T extends LogType> {
  type: T;
  action: LogAction<T>;
  actorId: number | null;
  /** The page (or User: page) the entry is about. */
  title: ParsedTitle;
  pageId?: number | null;
  /** The reason the actor gave. */
  comment: string;
  params: LogParams[T];
}

/**
 * Appends an audit log entry inside the caller's transaction, so an action and its record commit
 * together or not at all. The only writer of log_entries; nothing updates or deletes them.
 */
export async function writeLogEntry<T extends LogType>(tx: Transaction, entry: NewLogEntry<T>): Promise<{ id: number }> {
  return tx.logEntry.create({
    data: {
      type: entry.type,
      action: entry.action,
      actorId: entry.actorId,
      namespace: entry.title.namespace,
      title: entry.title.dbKey,
      pageId: entry.pageId ?? null,
      comment: entry.comment.slice(0, 500),
      params: entry.params as object,
    },
    select: { id: true },
  });
}
