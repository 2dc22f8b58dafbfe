import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { limitPageCacheLifetime, pageWriteTransaction, recordPageChanges } from '@/lib/server/page-cache';
import { policySettings } from '@/lib/server/settings';
import type { Transaction } from '@/lib/server/transaction';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Action, type Actor, type PageContext } from '@/lib/domain/policy';
import {
  activeProtection,
  pageAccess,
  FILE_PROTECTED_ACTIONS,
  pageContext,
  PROTECTION_CHANGED,
  protectionLogAction,
  protectionLogParams,
  protectionToken,
  requestedProtection,
  type PageAccess,
  type PageProtection,
  type ProtectInput,
} from '@/lib/domain/protection';
import { makeParsedTitle, type Namespace, type ParsedTitle } from '@/lib/domain/titles';

type Client = Transaction | ReturnType<typeof getDb>;

interface ProtectionRow {
  action: string;
  level: string;
  expires_at: Date | null;
  reason: string;
  created_at: Date;
  by_name: string;
}

/** The rows as activeProtection takes them. */
function protectionOf(rows: readonly ProtectionRow[], now: Date): PageProtection {
  return activeProtection(
    rows.map((row) => ({ action: row.action, level: row.level, expiresAt: row.expires_at, reason: row.reason, byName: row.by_name, since: row.created_at })),
    now,
  );
}

/**
 * A page's active protection. Expired rows are ignored, not deleted: they stop protecting at
 * their expiry without any job running, and the next change of protection removes them. One
 * statement with the protector's name joined in: every save and page view asks, and Prisma's
 * `select` of the relation costs a second round trip even when the page has no protection.
 */
export async function getPageProtection(pageId: number, client: Client = getDb(), now: Date = new Date()): Promise<PageProtection> {
  const rows = await client.$queryRaw<ProtectionRow[]>`
    SELECT p.action, p.level, p.expires_at, p.reason, p.created_at, u.name AS by_name
    FROM page_protections p JOIN users u ON u.id = p.by_id
    WHERE p.page_id = ${pageId} AND (p.expires_at IS NULL OR p.expires_at > ${now})`;
  return protectionOf(rows, now);
}

/**
 * The page as the permission check needs it: its id and active protection (nothing for a page
 * that does not exist). Inside a write transaction pass the transaction, after locking the page
 * row, so that a protection committed meanwhile cannot be missed.
 */
export async function pageContextFor(pageId: number | null, client: Client = getDb()): Promise<PageContext> {
  if (pageId === null) return { id: null };
  return pageContext(pageId, await getPageProtection(pageId, client));
}

/** A page as a write to its title needs it: the permission context and its latest revision (null: none, or deleted). */
export interface WriteTarget {
  context: PageContext;
  latestRevisionId: number | null;
}

/**
 * The page of `title` with its active protection in one statement (the page, its protection rows
 * and their protectors): the first read of every save. { id: null } when no page has the title.
 */
export async function writeTargetForTitle(title: ParsedTitle, now: Date = new Date()): Promise<WriteTarget> {
  type Row = { page_id: number; latest_revision_id: number | null } & { [K in keyof ProtectionRow]: ProtectionRow[K] | null };
  const rows = await getDb().$queryRaw<Row[]>`
    SELECT pg.id AS page_id, pg.latest_revision_id, p.action, p.level, p.expires_at, p.reason, p.created_at, u.name AS by_name
    FROM pages pg
    LEFT JOIN page_protections p ON p.page_id = pg.id AND (p.expires_at IS NULL OR p.expires_at > ${now})
    LEFT JOIN users u ON u.id = p.by_id
    WHERE pg.namespace = ${title.namespace} AND pg.title = ${title.dbKey}`;
  const page = rows[0];
  if (!page) return { context: { id: null }, latestRevisionId: null };
  const protections = rows.filter((row): row is Row & ProtectionRow => row.action !== null && row.by_name !== null);
  return { context: pageContext(page.page_id, protectionOf(protections, now)), latestRevisionId: page.latest_revision_id };
}

/** pageContextFor, by title: the page as the permission check needs it ({ id: null } when it does not exist). */
export async function pageContextForTitle(title: ParsedTitle): Promise<PageContext> {
  return (await writeTargetForTitle(title)).context;
}

/** assertCan with the page's active protection loaded (inside a transaction: after locking the page row). */
export async function assertCanOnPage(actor: Actor, action: Action, pageId: number | null, client: Client = getDb()): Promise<void> {
  assertCan(actor, action, await pageContextFor(pageId, client), policySettings());
}

/**
 * savePage's `authorize` hook for an edit: edit (or create) checked again under the page lock with
 * the protection as it is then.
 */
export function editAuthorizer(actor: Actor): (tx: Transaction, pageId: number | null) => Promise<void> {
  return (tx, pageId) => assertCanOnPage(actor, pageId === null ? 'create' : 'edit', pageId, tx);
}

/** The tabs' view of a page for this viewer: may they edit, protect, delete; the lock's text. */
export async function pageAccessFor(actor: Actor, pageId: number | null): Promise<PageAccess> {
  return pageAccessWith(actor, pageId, pageId === null ? {} : await getPageProtection(pageId));
}

/** pageAccessFor with the active protection already loaded (the article view reads it with the page). */
export function pageAccessWith(actor: Actor, pageId: number | null, protection: PageProtection): PageAccess {
  // The lock (and "View source") disappears when the protection expires, with no write to say so.
  limitPageCacheLifetime(earliestExpiry(protection));
  return pageAccess(actor, pageId, protection, policySettings());
}

function earliestExpiry(protection: PageProtection): Date | null {
  const expiries = FILE_PROTECTED_ACTIONS.flatMap((action) => protection[action]?.expiresAt ?? []);
  return expiries.length > 0 ? new Date(Math.min(...expiries.map((expiry) => expiry.getTime()))) : null;
}

/** What the protect form shows: the page and its current protection; null when there is no such page. */
export async function protectionFormState(title: ParsedTitle): Promise<{ pageId: number; protection: PageProtection; token: string } | null> {
  const page = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true },
  });
  if (!page) return null;
  const protection = await getPageProtection(page.id);
  return { pageId: page.id, protection, token: protectionToken(protection) };
}

export interface ProtectResult {
  pageId: number;
  title: string;
  logAction: 'protect' | 'modify' | 'unprotect';
  logId: number;
}

/**
 * Changes a page's protection as MediaWiki's action=protect: in one transaction lock the page row,
 * check the right (a partial block on the page counts), compare the protection with the one the
 * administrator saw, replace the rows and write one log entry.
 */
export async function protectPage(actor: Actor, input: ProtectInput): Promise<ProtectResult> {
  const settings = policySettings();
  assertCan(actor, 'protect', null, settings);
  const { title } = input;
  return pageWriteTransaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: number; namespace: number; title: string }[]>`
      SELECT id, namespace, title FROM pages WHERE namespace = ${title.namespace} AND title = ${title.dbKey} FOR UPDATE`;
    const page = locked[0];
    if (!page) {
      throw new AppError('NOT_FOUND', errorMessage('protection.pageMissing', { title: title.prefixedText }), {
        fieldErrors: { title: errorMessage('protection.noSuchPage') },
      });
    }
    const now = new Date();
    const before = await getPageProtection(page.id, tx, now);
    assertCan(actor, 'protect', pageContext(page.id, before), settings, now);
    if (protectionToken(before) !== input.baseToken) throw new AppError('EDIT_CONFLICT', PROTECTION_CHANGED);

    // Upload protection not asked about (every page but File: pages, the CLI) stays as it is.
    const after = requestedProtection(input, before);
    const logAction = protectionLogAction(before, after);
    if (logAction === null) {
      throw new AppError('VALIDATION', errorMessage('protection.nothingToChange'));
    }
    for (const action of FILE_PROTECTED_ACTIONS) {
      const restriction = after[action];
      if (!restriction) {
        // Also removes an expired row left behind.
        await tx.pageProtection.deleteMany({ where: { pageId: page.id, action } });
        continue;
      }
      const data = { level: restriction.level, expiresAt: restriction.expiresAt, reason: input.reason, byId: actor.userId!, createdAt: now };
      await tx.pageProtection.upsert({
        where: { pageId_action: { pageId: page.id, action } },
        create: { pageId: page.id, action, ...data },
        update: data,
      });
    }
    const pageTitle = makeParsedTitle(page.namespace as Namespace, page.title);
    await recordPageChanges(tx, [{ kind: 'protection', title: pageTitle }]);
    const log = await writeLogEntry(tx, {
      type: 'protect',
      action: logAction,
      actorId: actor.userId,
      title: pageTitle,
      pageId: page.id,
      comment: input.reason,
      params: protectionLogParams(after),
    });
    return { pageId: page.id, title: pageTitle.prefixedText, logAction, logId: log.id };
  });
}
