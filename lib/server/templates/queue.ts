import 'server-only';
import PgBoss from 'pg-boss';
import { poolOf } from '@/lib/db/client';
import { getDb } from '@/lib/server/db';
import type { Transaction, TransactionOptions } from '@/lib/server/transaction';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { PageRendering } from '@/lib/server/templates/render-page';

/*
 * The re-rendering queue (docs/templates.md "Storage, re-rendering and the queue"): pg-boss, whose
 * schema and two queues the migration 20261205150000_templates created.
 *
 * - "template-changed" (one job per title, key "namespace:dbKey"): queued inside the transaction of
 *   every write that changes what transcluding a page gives (a new revision, a move, a deletion, an
 *   undeletion), only when some page transcludes it, so it commits or rolls back with the write.
 *   The worker fans it out to every page using the title, directly or through other templates.
 * - "rerender-page" (one job per page, key its id): render the page's latest revision again.
 *
 * Both queues have the "short" policy: at most one WAITING job per key, so ten saves of a template
 * queue each page once, and a job already running does not stop a newer one from waiting (the
 * page is then rendered again with the newest templates).
 *
 * pg-boss runs its SQL through the app's own node-postgres pool (lib/db/client.ts): on the embedded
 * database that pool is the single connection PGlite's one session can serve without messages of
 * two connections interleaving; on PostgreSQL it is the app's pool. Inside a write, jobs are sent
 * through the write's transaction.
 */

export const TEMPLATE_CHANGED_QUEUE = 'template-changed';
export const RERENDER_PAGE_QUEUE = 'rerender-page';
export const QUEUE_SCHEMA = 'pgboss';

export interface TemplateChangedJob {
  namespace: number;
  dbKey: string;
}

export interface RerenderPageJob {
  pageId: number;
}

/** pg-boss's database interface over the app's pool. */
export function poolExecutor(): PgBoss.Db {
  const pool = poolOf(getDb());
  return { executeSql: (text, values) => pool.query(text, values) };
}

/** Transactions that queued a job (pg-boss sends nothing else through them). */
const queuedIn = new WeakSet<object>();

/** pg-boss's database interface inside a Prisma transaction (untyped parameters, as pg sends them). */
export function transactionExecutor(tx: Transaction): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      queuedIn.add(tx);
      const rows = await tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values.map((value) => (value === undefined ? null : value)));
      return { rows };
    },
  };
}

/** Options for every PgBoss instance of the app: the schema is the migration's, never created at run time. */
export function bossOptions(extra: Partial<PgBoss.ConstructorOptions> = {}): PgBoss.ConstructorOptions {
  return { db: poolExecutor(), schema: QUEUE_SCHEMA, migrate: false, supervise: false, schedule: false, ...extra };
}

const globalForQueue = globalThis as unknown as { wikiQueueSender?: { db: ReturnType<typeof getDb>; boss: PgBoss } };

/** A PgBoss instance that only sends (never started: sending needs no workers, timers or schema checks). */
export function sender(): PgBoss {
  const db = getDb();
  if (globalForQueue.wikiQueueSender?.db !== db) globalForQueue.wikiQueueSender = { db, boss: new PgBoss(bossOptions()) };
  return globalForQueue.wikiQueueSender.boss;
}

/*
 * pg-boss finds jobs by polling (it has no LISTEN), and on an idle wiki that polling was most of
 * the database's work: five queries a second. The workers now poll every few seconds, and a job
 * this process queues wakes this process's workers as soon as its transaction has committed (a
 * wake before the COMMIT would find nothing and sleep a whole interval). The polling remains for
 * jobs other processes queue (the maintenance CLI, other instances) and for retries.
 */
export const QUEUE_POLLING_SECONDS = 5;
const LOCAL_WORKERS = Symbol.for('wiki.localQueueWorkers');
interface LocalWorkers {
  boss: PgBoss;
  ids: string[];
}
/** On globalThis: the route bundles that queue jobs and the instrumentation bundle that starts the workers are separate module instances. */
const localWorkers = globalThis as Record<symbol, LocalWorkers | undefined>;

export function registerLocalWorkers(boss: PgBoss, ids: string[]): void {
  localWorkers[LOCAL_WORKERS] = { boss, ids };
}

export function unregisterLocalWorkers(boss: PgBoss): void {
  if (localWorkers[LOCAL_WORKERS]?.boss === boss) delete localWorkers[LOCAL_WORKERS];
}

/** Makes this process's workers look for jobs now (nothing when it runs none, as the CLI). */
export function wakeLocalWorkers(): void {
  const workers = localWorkers[LOCAL_WORKERS];
  for (const id of workers?.ids ?? []) workers!.boss.notifyWorker(id);
}

/** `client.$transaction(work, options)`, waking this process's workers after a COMMIT that queued jobs. */
export async function queueingTransaction<T>(
  client: Pick<ReturnType<typeof getDb>, '$transaction'>,
  work: (tx: Transaction) => Promise<T>,
  options?: TransactionOptions,
): Promise<T> {
  let used: Transaction | undefined;
  const result = await client.$transaction((tx) => {
    used = tx;
    return work(tx);
  }, options);
  // After the COMMIT: a wake before it would find nothing and sleep a whole interval.
  if (used && queuedIn.has(used)) wakeLocalWorkers();
  return result;
}

export function titleKey(title: { namespace: number; dbKey: string }): string {
  return `${title.namespace}:${title.dbKey}`;
}

/**
 * Queues the re-rendering of every page that transcludes one of `titles`, inside the write's
 * transaction: one cheap row per title (the fan-out to thousands of pages happens in the worker),
 * and none at all for a title nobody transcludes.
 */
export async function queueDependentsOf(tx: Transaction, titles: readonly ParsedTitle[]): Promise<void> {
  if (titles.length === 0) return;
  const namespaces = titles.map((title) => title.namespace);
  const keys = titles.map((title) => title.dbKey);
  const used = await tx.$queryRaw<{ namespace: number; title: string }[]>`
    SELECT DISTINCT t.namespace, t.title FROM unnest(${namespaces}::int[], ${keys}::text[]) AS t(namespace, title)
    WHERE EXISTS (SELECT 1 FROM template_links l WHERE l.to_namespace = t.namespace AND l.to_title = t.title)`;
  const db = transactionExecutor(tx);
  for (const row of used) {
    const job: TemplateChangedJob = { namespace: row.namespace, dbKey: row.title };
    await sender().send(TEMPLATE_CHANGED_QUEUE, job, { singletonKey: titleKey(job), db });
  }
}

/**
 * Queues the page itself when a template its rendering read has changed since (read inside the
 * save's transaction, so a template committed meanwhile is seen): that template's fan-out may have
 * run before this save's template_links existed, and the page would keep the older text.
 */
export async function queueIfTemplatesChangedSince(tx: Transaction, pageId: number, read: PageRendering['templatesRead']): Promise<void> {
  if (read.length === 0) return;
  const changed = await tx.$queryRaw<{ changed: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM unnest(${read.map((page) => page.namespace)}::int[], ${read.map((page) => page.dbKey)}::text[], ${read.map((page) => page.revisionId)}::int[])
        AS t(namespace, title, revision_id)
      LEFT JOIN pages p ON p.namespace = t.namespace AND p.title = t.title
      WHERE p.latest_revision_id IS DISTINCT FROM t.revision_id
    ) AS changed`;
  if (!changed[0]?.changed) return;
  const job: RerenderPageJob = { pageId };
  await sender().send(RERENDER_PAGE_QUEUE, job, { singletonKey: String(pageId), db: transactionExecutor(tx) });
}

/**
 * The pages transcluding a title, directly or through other templates: template_links holds every
 * page a rendering transcluded (indirect ones too), and following template pages' own links as
 * well catches pages recorded before an intermediate template started using this one.
 */
export function dependentsQuery(title: { namespace: number; dbKey: string }) {
  return `WITH RECURSIVE dependents(page_id, namespace, title) AS (
      SELECT p.id, p.namespace, p.title FROM template_links l JOIN pages p ON p.id = l.from_page_id
      WHERE l.to_namespace = ${Number(title.namespace)} AND l.to_title = $1
      UNION
      SELECT p.id, p.namespace, p.title FROM dependents d
      JOIN template_links l ON l.to_namespace = d.namespace AND l.to_title = d.title
      JOIN pages p ON p.id = l.from_page_id
    )`;
}

/** Queues "rerender-page" for every page transcluding the title (one statement per 5,000 pages). */
export async function fanOut(boss: PgBoss, title: TemplateChangedJob): Promise<number> {
  const pool = poolOf(getDb());
  const { rows } = await pool.query<{ page_id: number }>(`${dependentsQuery(title)} SELECT DISTINCT page_id FROM dependents`, [title.dbKey]);
  for (let start = 0; start < rows.length; start += 5_000) {
    const jobs = rows.slice(start, start + 5_000).map((row) => ({
      name: RERENDER_PAGE_QUEUE,
      data: { pageId: row.page_id } satisfies RerenderPageJob,
      singletonKey: String(row.page_id),
    }));
    await boss.insert(jobs);
  }
  if (rows.length > 0) wakeLocalWorkers();
  return rows.length;
}

/**
 * How many pages using `title` (directly or not) still wait to be rendered again: the template
 * page's "N pages still waiting" notice. A fan-out not done yet counts all of them.
 */
export async function pendingRerenders(title: { namespace: number; dbKey: string }): Promise<number> {
  const pool = poolOf(getDb());
  const { rows } = await pool.query<{ waiting: number; fanning: boolean; total: number }>(
    `${dependentsQuery(title)}
    SELECT
      (SELECT count(*)::int FROM (SELECT DISTINCT page_id FROM dependents) d
        WHERE EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j WHERE j.name = '${RERENDER_PAGE_QUEUE}'
          AND j.singleton_key = d.page_id::text AND j.state < 'completed')) AS waiting,
      EXISTS (SELECT 1 FROM ${QUEUE_SCHEMA}.job j WHERE j.name = '${TEMPLATE_CHANGED_QUEUE}'
        AND j.singleton_key = $2 AND j.state < 'completed') AS fanning,
      (SELECT count(DISTINCT page_id)::int FROM dependents) AS total`,
    [title.dbKey, titleKey(title)],
  );
  const row = rows[0]!;
  return row.fanning ? row.total : row.waiting;
}
