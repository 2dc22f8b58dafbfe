import Link from 'next/link';
import { PermissionNotice } from '@/components/PermissionNotice';
import { UserRightsForm } from '@/components/UserRightsForm';
import { submitUserRights } from '@/app/actions/user-rights';
import { findUserByName } from '@/lib/server/history';
import { storedRoleOf } from '@/lib/server/user-rights';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { STORED_ROLE_NAMES } from '@/lib/domain/user-rights';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { userPageHref, type QueryValue } from '@/lib/domain/history';

type SearchParams = Record<string, QueryValue>;

/** Special:UserRights/<User>: the user's group; administrators change it (registered ↔ administrator). */
export async function UserRightsView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const name = (subpage ?? (Array.isArray(query.user) ? query.user[0] : query.user) ?? '').replaceAll('_', ' ').trim();
  if (name === '') {
    return (
      <form method="get" action="/wiki/Special:UserRights" className="changes-filter">
        <label htmlFor="rights-user">User</label> <input id="rights-user" name="user" type="text" required /> <button type="submit">Load user groups</button>
      </form>
    );
  }
  const user = await findUserByName(name);
  if (!user) return <p className="notice notice-error">There is no user named “{name}”.</p>;
  const [role, actor] = await Promise.all([storedRoleOf(user.id), getActor()]);
  const decision = can(actor, 'userrights', null, policySettings());
  const saved = query.saved === '1';
  return (
    <>
      {saved && (
        <p role="status" className="notice">
          The groups of {user.name} were saved.
        </p>
      )}
      <p>
        <Link href={userPageHref(user.name)}>{user.name}</Link> is a member of: <strong>{STORED_ROLE_NAMES[role]}</strong>. See the{' '}
        <Link href={`/wiki/Special:Log?type=rights&page=${encodeURIComponent(`User:${user.name}`)}`}>user rights log</Link>.
      </p>
      {decision.allowed ? (
        <UserRightsForm
          action={submitUserRights}
          roles={Object.entries(STORED_ROLE_NAMES).map(([value, label]) => ({ value, label }))}
          initial={{ target: user.name, role, reason: '' }}
        />
      ) : (
        <PermissionNotice decision={decision} returnTo={`/wiki/${encodeTitleForUrl(`Special:UserRights/${user.name.replaceAll(' ', '_')}`)}`} />
      )}
    </>
  );
}
