import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { UserRightsForm } from '@/components/LazyForms';
import { submitUserRights } from '@/app/actions/user-rights';
import { loadUserRightsScreen } from '@/lib/server/screens/user-rights';
import { STORED_ROLE_NAMES, type StoredRole } from '@/lib/domain/user-rights';
import { logHref, specialPageHref } from '@/lib/domain/wiki-hrefs';
import { userPageHref } from '@/lib/domain/history';
import type { SearchParams } from '@/lib/domain/query-params';

/** Special:UserRights/<User>: the user's groups; administrators change them (registered ↔ administrator, bot or not). */
export async function UserRightsView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const [screen, t] = await Promise.all([loadUserRightsScreen(subpage, query), getTranslations('admin.userRights')]);
  if (screen.kind === 'ask') {
    return (
      <form method="get" action="/wiki/Special:UserRights" className="changes-filter">
        <label htmlFor="rights-user">{t('user')}</label> <input id="rights-user" name="user" type="text" required /> <button type="submit">{t('load')}</button>
      </form>
    );
  }
  if (screen.kind === 'unknown-user') return <p className="notice notice-error">{t('noUser', { name: screen.name })}</p>;
  const { userName, role, bot, decision, saved } = screen;
  return (
    <>
      {saved && (
        <p role="status" className="notice">
          {t('saved', { user: userName })}
        </p>
      )}
      <p>
        {t.rich('memberOf', {
          user: userName,
          group: bot ? `${t(`roles.${role}`)}, ${t('roles.bot')}` : t(`roles.${role}`),
          userLink: (chunks) => <Link href={userPageHref(userName)}>{chunks}</Link>,
          strong: (chunks) => <strong>{chunks}</strong>,
          log: (chunks) => <Link href={logHref('rights', `User:${userName}`)}>{chunks}</Link>,
        })}
      </p>
      {decision.allowed ? (
        <UserRightsForm
          action={submitUserRights}
          roles={(Object.keys(STORED_ROLE_NAMES) as StoredRole[]).map((value) => ({ value, label: t(`roles.${value}`) }))}
          initial={{ target: userName, role, bot: bot ? 'on' : '', reason: '' }}
        />
      ) : (
        <PermissionNotice decision={decision} returnTo={specialPageHref('UserRights', userName)} />
      )}
    </>
  );
}
