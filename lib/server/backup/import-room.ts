import 'server-only';
import type { PrismaClient } from '@/lib/db/client';
import type { Transaction } from '@/lib/server/transaction';
import type { ImportPlan, PlannedPage } from '@/lib/server/backup/import-plan';
import { removeFiles, resetVersionSequence } from '@/lib/server/backup/import-files';

/*
 * Making room for an import: the pages of the file that exist already (refused, or removed with
 * --overwrite), and id sequences moved past the file's ids, which are kept where free.
 */

export async function existingPages(db: PrismaClient, pages: PlannedPage[]): Promise<{ id: number; title: PlannedPage['title'] }[]> {
  const wanted = new Map(pages.map((page) => [`${page.title.namespace}:${page.title.dbKey}`, page.title]));
  const rows = await db.$queryRaw<{ id: number; namespace: number; title: string }[]>`
    SELECT id, namespace, title FROM pages WHERE title = ANY(${pages.map((page) => page.title.dbKey)}::text[])`;
  return rows.flatMap((row) => {
    const title = wanted.get(`${row.namespace}:${row.title}`);
    return title ? [{ id: row.id, title }] : [];
  });
}

/** --overwrite: the old pages go with their revisions and everything derived from them. */
export async function removePages(tx: Transaction, pageIds: number[]): Promise<void> {
  await removeFiles(tx, pageIds);
  await tx.$executeRaw`UPDATE pages SET latest_revision_id = NULL WHERE id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM revisions WHERE page_id = ANY(${pageIds}::int[])`;
  await tx.$executeRaw`DELETE FROM pages WHERE id = ANY(${pageIds}::int[])`;
}

/**
 * Moves each id sequence past both the database's and the file's largest id, so ids the database
 * assigns (to rows whose file id is taken) never collide with a file id inserted later.
 */
export async function reserveIds(tx: Transaction, plan: ImportPlan): Promise<void> {
  const maxOf = (ids: number[]) => ids.reduce((max, id) => Math.max(max, id), 0);
  const fileMax = {
    pages: maxOf(plan.pages.map((page) => page.fileId)),
    revisions: maxOf(plan.revisionIds),
    users: maxOf([...plan.users.values()].map((user) => user.fileId ?? 0)),
  };
  for (const [table, max] of Object.entries(fileMax)) await resetSequence(tx, table as keyof typeof fileMax, max);
  await resetVersionSequence(tx, plan.files);
}

async function resetSequence(tx: Transaction, table: 'pages' | 'revisions' | 'users', atLeast = 0): Promise<void> {
  // Table names cannot be parameters; these three are fixed strings, never input.
  const sql = {
    pages: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('pages', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM pages), ${atLeast}::int, 1))`,
    revisions: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('revisions', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM revisions), ${atLeast}::int, 1))`,
    users: tx.$queryRaw`SELECT setval(pg_get_serial_sequence('users', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM users), ${atLeast}::int, 1))`,
  };
  await sql[table];
}
