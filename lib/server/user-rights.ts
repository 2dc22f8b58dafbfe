import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { requireUserNamed, userPageTitle } from '@/lib/server/users';
import { deliverNotifications } from '@/lib/server/notifications/store';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { databaseRoleOf, explicitGroups, storedRoleFromDatabase, type StoredRole, type UserRightsInput } from '@/lib/domain/user-rights';

export interface RoleChange {
  userName: string;
  from: StoredRole;
  to: StoredRole;
  /** The bot flag (MediaWiki's "bot" group) before and after. */
  fromBot: boolean;
  toBot: boolean;
  logId: number;
}

/** Special:UserRights: an administrator changes a user's group or bot flag, logged as 'rights'. */
export async function changeUserRole(actor: Actor, input: UserRightsInput): Promise<RoleChange> {
  assertCan(actor, 'userrights', null, policySettings());
  return applyRoleChange(actor.userId, input);
}

/**
 * The maintenance CLI's `user:promote` and `user:bot`: whoever runs it has the database already, so
 * there is no permission check. `performerId`: the administrator named with --as, or null (a maintenance script).
 */
export async function changeUserRoleFromMaintenance(performerId: number | null, input: UserRightsInput): Promise<RoleChange> {
  return applyRoleChange(performerId, input);
}

async function applyRoleChange(performerId: number | null, input: UserRightsInput): Promise<RoleChange> {
  return getDb().$transaction(async (tx) => {
    const target = await requireUserNamed(tx, input.target);
    // Locked: two concurrent changes must not both log "from registered".
    const [row] = await tx.$queryRaw<{ role: string; is_bot: boolean }[]>`SELECT role, is_bot FROM users WHERE id = ${target.id} FOR UPDATE`;
    const from = storedRoleFromDatabase(row?.role);
    const fromBot = row?.is_bot === true;
    // An absent role or bot flag keeps what the account has (user:bot names no role, user:promote no flag).
    const to = input.role ?? from;
    const toBot = input.bot ?? fromBot;
    if (from === to && fromBot === toBot) {
      const message =
        input.bot === undefined
          ? errorMessage('userRights.alreadyInGroup', { name: target.name, role: from })
          : errorMessage('userRights.nothingChanged', { name: target.name, bot: toBot ? 'yes' : 'no' });
      throw new AppError('VALIDATION', message, { fieldErrors: { [input.bot === undefined ? 'role' : 'bot']: message } });
    }
    await tx.user.update({ where: { id: target.id }, data: { role: databaseRoleOf(to), isBot: toBot } });
    const oldGroups = explicitGroups(from, fromBot);
    const newGroups = explicitGroups(to, toBot);
    const log = await writeLogEntry(tx, {
      type: 'rights',
      action: 'rights',
      actorId: performerId,
      title: userPageTitle(target.name),
      comment: input.reason,
      // from/to: the stored role, as entries have always had; the group lists as MediaWiki's rights log keeps them.
      params: { from, to, oldGroups, newGroups },
    });
    // In this transaction: the change and its notification commit together, exactly once (event key).
    // Echo tells no one of a change they made to themselves.
    if (performerId !== target.id) {
      const page = userPageTitle(target.name);
      await deliverNotifications(
        [
          {
            userId: target.id,
            kind: 'user-rights',
            agentId: performerId,
            page: { namespace: page.namespace, title: page.dbKey },
            revisionId: null,
            // "registered" is every account's base group, not one that is added or removed.
            params: { added: newGroups.filter((group) => !oldGroups.includes(group)), removed: oldGroups.filter((group) => !newGroups.includes(group)) },
            eventKey: `user-rights:${log.id}`,
          },
        ],
        tx,
      );
    }
    return { userName: target.name, from, to, fromBot, toBot, logId: log.id };
  });
}

/** A user's stored role and bot flag, for the Special:UserRights form. */
export async function storedGroupsOf(userId: number): Promise<{ role: StoredRole; bot: boolean }> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { role: true, isBot: true } });
  return { role: storedRoleFromDatabase(user?.role), bot: user?.isBot === true };
}
