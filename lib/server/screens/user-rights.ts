import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { findUserByName } from '@/lib/server/history';
import { storedGroupsOf } from '@/lib/server/user-rights';
import { can, type Decision } from '@/lib/domain/policy';
import { userNameParam, type SearchParams } from '@/lib/domain/query-params';
import type { StoredRole } from '@/lib/domain/user-rights';

export type UserRightsScreen =
  | { kind: 'ask' }
  | { kind: 'unknown-user'; name: string }
  | {
      kind: 'user';
      userName: string;
      role: StoredRole;
      /** In MediaWiki's "bot" group (users.is_bot). */
      bot: boolean;
      /** Only administrators change groups; the others see the group and why they cannot. */
      decision: Decision;
      /** The action redirected here after saving (?saved=1). */
      saved: boolean;
    };

/** Special:UserRights/<User>: the user's group and bot flag, and whether the reader may change it. */
export async function loadUserRightsScreen(subpage: string | null, query: SearchParams): Promise<UserRightsScreen> {
  const name = userNameParam(subpage, query.user);
  if (name === '') return { kind: 'ask' };
  const user = await findUserByName(name);
  if (!user) return { kind: 'unknown-user', name };
  const [{ role, bot }, actor] = await Promise.all([storedGroupsOf(user.id), getActor()]);
  return { kind: 'user', userName: user.name, role, bot, decision: can(actor, 'userrights', null, policySettings()), saved: query.saved === '1' };
}
