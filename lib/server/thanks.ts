import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { deliverNotifications } from '@/lib/server/notifications/store';
import { policySettings } from '@/lib/server/settings';
import { consume, LIMITS } from '@/lib/server/throttle';
import type { Transaction } from '@/lib/server/transaction';
import { userPageTitle } from '@/lib/server/users';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, can, type Actor } from '@/lib/domain/policy';
import { mayThankFor, thankEventKey, thankProblem, type ThankTarget } from '@/lib/domain/thanks';
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import { mayViewDeleted, revisionMarks } from '@/lib/domain/visibility';
import type { UserSummary } from '@/lib/domain/wiki';

/*
 * Thanks (MediaWiki's Thanks extension; docs/notifications.md): a public log entry "A thanked B"
 * and a notification to B, once per thanker and edit.
 */

type Client = Transaction | ReturnType<typeof getDb>;

/** An edit that may be thanked for, as the confirmation page and the thanks itself need it. */
export interface ThankableEdit {
  revisionId: number;
  /** The page the edit was made to. */
  page: ParsedTitle;
  recipient: UserSummary;
}

/**
 * The edit, if `actor` may thank its author: live, author visible to the actor, not the actor,
 * not a system account or an IP address. Throws the refusal otherwise (404 for an edit the actor
 * may not know of, 403 for the rest). Does not check the `thank` right: callers do.
 */
export async function findThankableEdit(actor: Actor, revisionId: number): Promise<ThankableEdit> {
  const revision = await getDb().revision.findUnique({
    where: { id: revisionId },
    select: { archived: true, hidden: true, author: { select: { id: true, name: true, isSystem: true } }, page: { select: { namespace: true, title: true } } },
  });
  const marks = revision ? revisionMarks({ hidden: revision.hidden, archived: revision.archived }, mayViewDeleted(actor)) : null;
  if (!revision || !marks || !isKnownNamespace(revision.page.namespace)) throw new AppError('NOT_FOUND', errorMessage('revision.noSuchRevision', { id: revisionId }));
  const page = makeParsedTitle(revision.page.namespace, revision.page.title);
  const author = { id: revision.author.id, name: revision.author.name };
  const problem = thankProblem(actor.userId, { author, authorIsSystem: revision.author.isSystem, visibility: marks });
  switch (problem) {
    case 'archived':
      throw new AppError('FORBIDDEN', errorMessage('revision.pageDeleted', { title: page.prefixedText }));
    case 'hidden':
      throw new AppError('FORBIDDEN', errorMessage('thanks.authorHidden'));
    case 'self':
      throw new AppError('FORBIDDEN', errorMessage('thanks.self'));
    case 'recipient':
      throw new AppError('FORBIDDEN', errorMessage('thanks.invalidRecipient'));
    case null:
      return { revisionId, page, recipient: author };
  }
}

/**
 * Whether `thankerId` has thanked for the edit: the thanks log is the record, as MediaWiki's
 * Thanks looks its log up (its entries are never deleted, so the answer never flips back).
 */
export async function hasThanked(thankerId: number, revisionId: number, client: Client = getDb()): Promise<boolean> {
  const rows = await client.$queryRaw<unknown[]>`
    SELECT 1 FROM log_entries
    WHERE actor_id = ${thankerId} AND type = 'thanks' AND params->>'revisionId' = ${String(revisionId)}
    LIMIT 1`;
  return rows.length > 0;
}

/**
 * Thanks the author of an edit: a public "thanks" log entry and a notification to the author,
 * in one transaction, at most once per (thanker, edit); a second attempt is refused with 409.
 */
export async function thankForRevision(actor: Actor, revisionId: number): Promise<ThankableEdit> {
  assertCan(actor, 'thank', null, policySettings());
  const thankerId = actor.userId!;
  const edit = await findThankableEdit(actor, revisionId);
  await consume(LIMITS.thank, `user:${thankerId}`);
  return getDb().$transaction(async (tx) => {
    // Two submissions at once (a double click, two tabs) would both find no entry: the lock makes
    // the second wait for the first's commit, and then see its entry.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`thank:${thankerId}:${revisionId}`}))`;
    if (await hasThanked(thankerId, revisionId, tx)) {
      throw new AppError('EDIT_CONFLICT', errorMessage('thanks.alreadyThanked', { user: edit.recipient.name }));
    }
    await writeLogEntry(tx, {
      type: 'thanks',
      action: 'thank',
      actorId: thankerId,
      title: userPageTitle(edit.recipient.name),
      comment: '',
      params: { revisionId },
    });
    await deliverNotifications(
      [
        {
          userId: edit.recipient.id,
          kind: 'thank',
          agentId: thankerId,
          page: { namespace: edit.page.namespace, title: edit.page.dbKey },
          revisionId,
          params: {},
          eventKey: thankEventKey(revisionId, thankerId),
        },
      ],
      tx,
    );
    return edit;
  });
}

/** One revision of a list, as the history and diff loaders have it. */
export interface ThankableRow {
  revisionId: number;
  author: UserSummary;
  visibility?: ThankTarget['visibility'];
}

/**
 * The revisions among `rows` that get a "thank" link for `actor`. Only a viewer who may thank
 * costs a query (which of the authors are system accounts): readers who are signed out cost nothing.
 */
export async function thankableRevisionIds(actor: Actor, rows: readonly ThankableRow[]): Promise<number[]> {
  const mayThank = can(actor, 'thank', null, policySettings()).allowed;
  if (!mayThank || actor.userId === null || rows.length === 0) return [];
  const authorIds = [...new Set(rows.map((row) => row.author.id).filter((id) => id > 0 && id !== actor.userId))];
  if (authorIds.length === 0) return [];
  const system = await getDb().user.findMany({ where: { id: { in: authorIds }, isSystem: true }, select: { id: true } });
  const systemIds = new Set(system.map((user) => user.id));
  const viewer = { userId: actor.userId, mayThank };
  return rows
    .filter((row) => mayThankFor(viewer, { author: row.author, authorIsSystem: systemIds.has(row.author.id), visibility: row.visibility }))
    .map((row) => row.revisionId);
}
