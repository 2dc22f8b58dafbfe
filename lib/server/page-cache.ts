import 'server-only';
import { getDb } from '@/lib/server/db';
import type { Transaction, TransactionOptions } from '@/lib/server/transaction';
import { queueingTransaction } from '@/lib/server/templates/queue';
import { pageCacheDependents, pageCacheKey, type PageChange } from '@/lib/domain/page-cache';
import { CLEAR_ALL_PAYLOAD, invalidationPayloads, PAGE_CACHE_CHANNEL } from '@/lib/domain/page-cache-protocol.mjs';
import { isKnownNamespace, makeParsedTitle, NS } from '@/lib/domain/titles';

/*
 * Invalidation of the anonymous page cache (runtime/page-cache.mjs, in front of Next.js in
 * runtime/server.mjs). Every write that changes what an anonymous article view shows runs in
 * `pageWriteTransaction` and names what it changed with `recordPageChanges`; inside the
 * transaction the affected paths are computed and sent with pg_notify (PostgreSQL delivers them to
 * every instance's listener at COMMIT, and never for a rolled-back write); after the commit this
 * process's cache drops them at once, so the writer's next view is fresh without waiting for the
 * notification to come back.
 */

/** Set by runtime/server.mjs (plain JavaScript outside the bundle: the process is all they share). */
interface PageCacheHandle {
  invalidate(paths: readonly string[]): void;
  clear(): void;
  /** The response being rendered must not be served from the cache after this time (ms since epoch). */
  limitLifetime(untilMs: number): void;
}
const PAGE_CACHE = Symbol.for('wiki.pageCache');

function pageCache(): PageCacheHandle | undefined {
  return (globalThis as Record<symbol, PageCacheHandle | undefined>)[PAGE_CACHE];
}

/** Paths a transaction has invalidated so far; 'all' once it cleared everything. */
const pendingByTransaction = new WeakMap<Transaction, Set<string> | 'all'>();

/**
 * getDb().$transaction for writes that change pages: after the COMMIT, this process's page cache
 * drops what the transaction recorded (other instances hear it from PostgreSQL), and the jobs it
 * queued wake this process's workers.
 */
export async function pageWriteTransaction<T>(
  work: (tx: Transaction) => Promise<T>,
  options?: TransactionOptions,
  db: Pick<ReturnType<typeof getDb>, '$transaction'> = getDb(),
): Promise<T> {
  const recorded: { pending: Set<string> | 'all' } = { pending: new Set() };
  const result = await queueingTransaction(
    db,
    async (tx) => {
      pendingByTransaction.set(tx, recorded.pending);
      try {
        return await work(tx);
      } finally {
        recorded.pending = pendingByTransaction.get(tx) ?? recorded.pending;
      }
    },
    options,
  );
  const cache = pageCache();
  const { pending } = recorded;
  if (cache && pending === 'all') cache.clear();
  else if (cache && pending instanceof Set && pending.size > 0) cache.invalidate([...pending]);
  return result;
}

/**
 * Records what a write did to pages: finds the affected paths (with the transaction, so links and
 * redirects are read as the write leaves them) and queues the notification. Must run inside
 * `pageWriteTransaction`; elsewhere other instances still hear of it, only this process's cache
 * waits for its own notification.
 */
export async function recordPageChanges(tx: Transaction, changes: readonly PageChange[]): Promise<void> {
  if (pendingByTransaction.get(tx) === 'all' || changes.length === 0) return;
  const { titles, queries } = pageCacheDependents(changes);
  const paths = new Set(titles.map(pageCacheKey));
  for (const title of queries.linkingTo) {
    const rows = await tx.$queryRaw<{ namespace: number; title: string }[]>`
      SELECT p.namespace, p.title FROM page_links l JOIN pages p ON p.id = l.from_page_id
      WHERE l.to_namespace = ${title.namespace} AND l.to_title = ${title.dbKey}
      UNION
      SELECT p.namespace, p.title FROM redirects r JOIN pages p ON p.id = r.page_id
      WHERE r.namespace = ${title.namespace} AND r.title = ${title.dbKey}`;
    for (const row of rows) if (isKnownNamespace(row.namespace)) paths.add(pageCacheKey(makeParsedTitle(row.namespace, row.title)));
  }
  for (const category of queries.membersOf) {
    const rows = await tx.$queryRaw<{ namespace: number; title: string }[]>`
      SELECT p.namespace, p.title FROM category_links c JOIN pages p ON p.id = c.page_id WHERE c.category = ${category.dbKey}`;
    for (const row of rows) if (isKnownNamespace(row.namespace) && row.namespace !== NS.CATEGORY) paths.add(pageCacheKey(makeParsedTitle(row.namespace, row.title)));
  }
  for (const file of queries.showingFile) {
    const rows = await tx.$queryRaw<{ namespace: number; title: string }[]>`
      SELECT p.namespace, p.title FROM file_links l JOIN pages p ON p.id = l.from_page_id WHERE l.to_title = ${file.dbKey}`;
    for (const row of rows) if (isKnownNamespace(row.namespace)) paths.add(pageCacheKey(makeParsedTitle(row.namespace, row.title)));
  }
  const payloads = invalidationPayloads(paths);
  if (payloads[0] === CLEAR_ALL_PAYLOAD) return clearPageCache(tx);
  for (const payload of payloads) await tx.$executeRaw`SELECT pg_notify(${PAGE_CACHE_CHANNEL}, ${payload})`;
  const pending = pendingByTransaction.get(tx);
  if (pending instanceof Set) for (const path of paths) pending.add(path);
}

/** For writes that may change anything (imports): every instance drops its whole cache at COMMIT. */
export async function clearPageCache(tx: Transaction): Promise<void> {
  if (pendingByTransaction.get(tx) === 'all') return;
  await tx.$executeRaw`SELECT pg_notify(${PAGE_CACHE_CHANNEL}, ${CLEAR_ALL_PAYLOAD})`;
  pendingByTransaction.set(tx, 'all');
}

/**
 * What is being rendered stops being true at `until` (a protection that expires): the cached view
 * must not outlive it. No-op outside the production server's cacheable requests.
 */
export function limitPageCacheLifetime(until: Date | null | undefined): void {
  if (until) pageCache()?.limitLifetime(until.getTime());
}
