import 'server-only';
import { getDb } from '@/lib/server/db';
import { writeLogEntry } from '@/lib/server/log';
import { policySettings } from '@/lib/server/settings';
import { requireUserNamed, userPageTitle } from '@/lib/server/users';
import { deliverNotifications } from '@/lib/server/notifications/store';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { databaseRoleOf, storedRoleFromDatabase, type StoredRole, type UserRightsInput } from '@/lib/domain/user-rights';

export interface RoleChange {
  userName: string;
  from: StoredRole;
  to: StoredRole;
  logId: number;
}

/** Special:UserRights: an administrator changes a user's group, logged as 'rights'. */
export async function changeUserRole(actor: Actor, input: UserRightsInput): Promise<RoleChange> {
  assertCan(actor, 'userrights', null, policySettings());
  return applyRoleChange(actor.userId, input);
}

/**
 * The maintenance CLI's `user:promote`: whoever runs it has the database already, so there is no
 * permission check. `performerId`: the administrator named with --as, or null (a maintenance script).
 */
export async function changeUserRoleFromMaintenance(performerId: number | null, input: UserRightsInput): Promise<RoleChange> {
  return applyRoleChange(performerId, input);
}

async function applyRoleChange(performerId: number | null, input: UserRightsInput): Promise<RoleChange> {
  return getDb().$transaction(async (tx) => {
    const target = await requireUserNamed(tx, input.target);
    // Locked: two concurrent changes must not both log "from registered".
    const [row] = await tx.$queryRaw<{ role: string }[]>`SELECT role FROM users WHERE id = ${target.id} FOR UPDATE`;
    const from = storedRoleFromDatabase(row?.role);
    if (from === input.role) {
      const message = errorMessage('userRights.alreadyInGroup', { name: target.name, role: from });
      throw new AppError('VALIDATION', message, { fieldErrors: { role: message } });
    }
    await tx.user.update({ where: { id: target.id }, data: { role: databaseRoleOf(input.role) } });
    const log = await writeLogEntry(tx, {
      type: 'rights',
      action: 'rights',
      actorId: performerId,
      title: userPageTitle(target.name),
      comment: input.reason,
      params: { from, to: input.role },
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
            // One stored role replaces the other ("registered" is every account's base group, not one that is added).
            params: { added: input.role === 'admin' ? ['admin'] : [], removed: from === 'admin' ? ['admin'] : [] },
            eventKey: `user-rights:${log.id}`,
          },
        ],
        tx,
      );
    }
    return { userName: target.name, from, to: input.role, logId: log.id };
  });
}

/** A user's stored role, for the Special:UserRights form. */
export async function storedRoleOf(userId: number): Promise<StoredRole> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { role: true } });
  return storedRoleFromDatabase(user?.role);
}
