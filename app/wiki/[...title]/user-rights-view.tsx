import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { UserRightsForm } from '@/components/UserRightsForm';
import { submitUserRights } from '@/app/actions/user-rights';
import { findUserByName } from '@/lib/server/history';
import { storedRoleOf } from '@/lib/server/user-rights';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { STORED_ROLE_NAMES, type StoredRole } from '@/lib/domain/user-rights';
import { encodeTitleForUrl } from '@/lib/domain/titles';
import { userPageHref, type QueryValue } from '@/lib/domain/history';

type SearchParams = Record<string, QueryValue>;

/** Special:UserRights/<User>: the user's group; administrators change it (registered ↔ administrator). */
export async function UserRightsView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const t = await getTranslations('admin.userRights');
  const name = (subpage ?? (Array.isArray(query.user) ? query.user[0] : query.user) ?? '').replaceAll('_', ' ').trim();
  if (name === '') {
    return (
      <form method="get" action="/wiki/Special:UserRights" className="changes-filter">
        <label htmlFor="rights-user">{t('user')}</label> <input id="rights-user" name="user" type="text" required /> <button type="submit">{t('load')}</button>
      </form>
    );
  }
  const user = await findUserByName(name);
  if (!user) return <p className="notice notice-error">{t('noUser', { name })}</p>;
  const [role, actor] = await Promise.all([storedRoleOf(user.id), getActor()]);
  const decision = can(actor, 'userrights', null, policySettings());
  const saved = query.saved === '1';
  return (
    <>
      {saved && (
        <p role="status" className="notice">
          {t('saved', { user: user.name })}
        </p>
      )}
      <p>
        {t.rich('memberOf', {
          user: user.name,
          group: t(`roles.${role}`),
          userLink: (chunks) => <Link href={userPageHref(user.name)}>{chunks}</Link>,
          strong: (chunks) => <strong>{chunks}</strong>,
          log: (chunks) => <Link href={`/wiki/Special:Log?type=rights&page=${encodeURIComponent(`User:${user.name}`)}`}>{chunks}</Link>,
        })}
      </p>
      {decision.allowed ? (
        <UserRightsForm
          action={submitUserRights}
          roles={(Object.keys(STORED_ROLE_NAMES) as StoredRole[]).map((value) => ({ value, label: t(`roles.${value}`) }))}
          initial={{ target: user.name, role, reason: '' }}
        />
      ) : (
        <PermissionNotice decision={decision} returnTo={`/wiki/${encodeTitleForUrl(`Special:UserRights/${user.name.replaceAll(' ', '_')}`)}`} />
      )}
    </>
  );
}
