import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { requireUserNamed, userPageTitle } from '@/lib/server/users';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor, type Block } from '@/lib/domain/policy';
import type { BlockInput, BlockListEntry, UnblockInput } from '@/lib/domain/blocks';
import { makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { Transaction } from '@/lib/server/transaction';
import { deliverNotifications } from '@/lib/server/notifications/store';
import type { NotificationDraft } from '@/lib/domain/notifications';

/*
 * Blocks (MediaWiki's Special:Block): at most one per user, replaced by a reblock and removed by
 * an unblock; the audit log keeps every step. Nothing is cached: the session layer reads the
 * block on every request (lib/server/actors.ts), so a block applies at the user's next request.
 */

export interface BlockOutcome {
  action: 'block' | 'reblock';
  userName: string;
  logId: number;
}

/** Not expired: indefinite, or ending after `now`. */
function activeAt(now: Date) {
  return { OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

async function requirePages(tx: Transaction, titles: ParsedTitle[]): Promise<{ id: number; title: string }[]> {
  const pages: { id: number; title: string }[] = [];
  for (const title of titles) {
    const page = await tx.page.findUnique({
      where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
      select: { id: true, latestRevisionId: true, deletedAt: true },
    });
    if (!page || page.latestRevisionId === null || page.deletedAt !== null) {
      const message = errorMessage('block.pageMissing', { title: title.prefixedText });
      throw new AppError('VALIDATION', message, { fieldErrors: { pages: message } });
    }
    pages.push({ id: page.id, title: title.prefixedText });
  }
  return pages;
}

/**
 * Blocks a user (or changes their block), in one transaction with its log entry: 'block', or
 * 'reblock' when the user already had an active block.
 */
export async function blockUser(actor: Actor, input: BlockInput): Promise<BlockOutcome> {
  assertCan(actor, 'block', null, policySettings());
  return getDb().$transaction(async (tx) => {
    const target = await requireUserNamed(tx, input.target);
    if (target.id === actor.userId) {
      const message = errorMessage('block.self');
      throw new AppError('VALIDATION', message, { fieldErrors: { target: message } });
    }
    const pages = input.scope === 'partial' ? await requirePages(tx, input.pages) : [];
    const sitewide = input.scope === 'sitewide';
    const pageIds = pages.map((page) => page.id);
    const now = new Date();
    const existing = await tx.block.findFirst({ where: { userId: target.id, ...activeAt(now) }, select: { id: true } });
    const data = { byId: actor.userId!, reason: input.reason, expiresAt: input.expiry, sitewide, pageIds, createdAt: now };
    await tx.block.upsert({ where: { userId: target.id }, create: { userId: target.id, ...data }, update: data });
    const action = existing ? 'reblock' : 'block';
    const log = await writeLogEntry(tx, {
      type: 'block',
      action,
      actorId: actor.userId,
      title: userPageTitle(target.name),
      comment: input.reason,
      params: { expiresAt: input.expiry?.toISOString() ?? null, sitewide, pageIds, pageTitles: pages.map((page) => page.title) },
    });
    await notifyTarget(tx, target.name, {
      userId: target.id,
      kind: 'blocked',
      agentId: actor.userId,
      params: { reason: input.reason, expiry: input.expiry?.toISOString() ?? null, sitewide },
      eventKey: `blocked:${log.id}`,
    });
    return { action, userName: target.name, logId: log.id };
  });
}

/** Lifts a user's block, logged as 'unblock'. A user without an active block is an error. */
export async function unblockUser(actor: Actor, input: UnblockInput): Promise<{ userName: string; logId: number }> {
  assertCan(actor, 'block', null, policySettings());
  return getDb().$transaction(async (tx) => {
    const target = await requireUserNamed(tx, input.target);
    const removed = await tx.block.deleteMany({ where: { userId: target.id, ...activeAt(new Date()) } });
    if (removed.count === 0) {
      const message = errorMessage('block.notBlocked', { name: target.name });
      throw new AppError('VALIDATION', message, { fieldErrors: { target: message } });
    }
    const log = await writeLogEntry(tx, {
      type: 'block',
      action: 'unblock',
      actorId: actor.userId,
      title: userPageTitle(target.name),
      comment: input.reason,
      params: {},
    });
    await notifyTarget(tx, target.name, { userId: target.id, kind: 'unblocked', agentId: actor.userId, params: { reason: input.reason }, eventKey: `unblocked:${log.id}` });
    return { userName: target.name, logId: log.id };
  });
}

/**
 * Tells the blocked or unblocked user, in the block's own transaction: the notification commits
 * with the change or not at all, and its event key (the log entry) makes it exactly once.
 */
async function notifyTarget(tx: Transaction, targetName: string, draft: Omit<NotificationDraft, 'page' | 'revisionId'>): Promise<void> {
  const page = userPageTitle(targetName);
  await deliverNotifications([{ ...draft, page: { namespace: page.namespace, title: page.dbKey }, revisionId: null }], tx);
}

/** The user's block as the permission check takes it, or null when none is active. */
export async function activeBlockOf(userId: number): Promise<Block | null> {
  const block = await getDb().block.findFirst({
    where: { userId, ...activeAt(new Date()) },
    select: { reason: true, expiresAt: true, sitewide: true, pageIds: true },
  });
  return block ? { reason: block.reason, expiresAt: block.expiresAt, sitewide: block.sitewide, pageIds: block.pageIds } : null;
}

/** Special:BlockList: every active block, newest first (expired ones stop nothing and are left out). */
export async function listActiveBlocks(): Promise<BlockListEntry[]> {
  const blocks = await getDb().block.findMany({
    where: activeAt(new Date()),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      reason: true,
      expiresAt: true,
      sitewide: true,
      pageIds: true,
      createdAt: true,
      user: { select: { id: true, name: true } },
      by: { select: { id: true, name: true } },
    },
  });
  const pageIds = [...new Set(blocks.flatMap((block) => block.pageIds))];
  const pages = pageIds.length === 0 ? [] : await getDb().page.findMany({ where: { id: { in: pageIds } }, select: { id: true, namespace: true, title: true } });
  const titleOf = new Map(pages.map((page) => [page.id, makeParsedTitle(page.namespace as ParsedTitle['namespace'], page.title).prefixedText]));
  return blocks.map((block) => ({
    id: block.id,
    user: block.user,
    by: block.by,
    createdAt: block.createdAt,
    expiresAt: block.expiresAt,
    sitewide: block.sitewide,
    pageTitles: block.pageIds.flatMap((id) => titleOf.get(id) ?? []),
    reason: block.reason,
  }));
}
