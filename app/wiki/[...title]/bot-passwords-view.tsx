import Link from '@/components/Link';
import { getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { Timestamp } from '@/components/HistoryList';
import { BotPasswordCreateForm, BotPasswordDeleteForm, BotPasswordGrantsForm, BotPasswordResetForm } from '@/components/LazyForms';
import { createBotPasswordAction, deleteBotPasswordAction, resetBotPasswordAction, updateBotPasswordGrantsAction } from '@/app/actions/bot-passwords';
import { loadBotPasswordsScreen, type BotPasswordRow } from '@/lib/server/screens/bot-passwords';
import { isGrant } from '@/lib/domain/bot-passwords';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Special:BotPasswords (the list and the create form) and Special:BotPasswords/<appid> (one of them). */
export async function BotPasswordsView({ subpage }: { subpage: string | null }) {
  const [screen, t] = await Promise.all([loadBotPasswordsScreen(subpage), getTranslations('account.botPasswords')]);
  if (screen.kind === 'denied') return <PermissionNotice decision={screen.decision} returnTo={screen.returnTo} />;
  const back = (
    <p>
      <Link href={specialPageHref('BotPasswords')}>{t('back')}</Link>
    </p>
  );
  if (screen.kind === 'missing') {
    return (
      <>
        <p className="notice notice-error">{t('notFound', { appId: screen.appId })}</p>
        {back}
      </>
    );
  }
  if (screen.kind === 'one') {
    const { row } = screen;
    return (
      <div className="bot-passwords">
        <h2>{t('editHeading', { appId: row.appId })}</h2>
        <p>{t('editLoginName', { loginName: row.loginName })}</p>
        {screen.mayChange && (
          <>
            <BotPasswordGrantsForm key={row.grants.join('|')} appId={row.appId} grants={row.grants} action={updateBotPasswordGrantsAction} />
            <h3>{t('resetHeading')}</h3>
            <BotPasswordResetForm appId={row.appId} action={resetBotPasswordAction} />
          </>
        )}
        <h3>{t('deleteHeading')}</h3>
        <BotPasswordDeleteForm appId={row.appId} action={deleteBotPasswordAction} />
        {back}
      </div>
    );
  }
  return (
    <div className="bot-passwords">
      <p>{t('intro')}</p>
      <h2>{t('listHeading')}</h2>
      {screen.rows.length === 0 ? <p>{t('none')}</p> : <BotPasswordTable rows={screen.rows} />}
      {screen.mayCreate && (
        <>
          <h2>{t('createHeading')}</h2>
          <BotPasswordCreateForm userName={screen.userName} action={createBotPasswordAction} />
        </>
      )}
    </div>
  );
}

async function BotPasswordTable({ rows }: { rows: BotPasswordRow[] }) {
  const t = await getTranslations('account.botPasswords');
  return (
    <table className="wikitable bot-password-table">
      <thead>
        <tr>
          <th scope="col">{t('colName')}</th>
          <th scope="col">{t('colLoginName')}</th>
          <th scope="col">{t('colGrants')}</th>
          <th scope="col">{t('colCreated')}</th>
          <th scope="col">{t('colLastUsed')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('colActions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.appId}>
            <th scope="row">{row.appId}</th>
            <td>
              <code>{row.loginName}</code>
            </td>
            <td>{row.grants.map((grant) => (isGrant(grant) ? t(`grants.${grant}`) : grant)).join(', ')}</td>
            <td>
              <Timestamp date={row.createdAt} />
            </td>
            <td>{row.lastUsedAt ? <Timestamp date={row.lastUsedAt} /> : t('never')}</td>
            <td>
              <Link href={specialPageHref('BotPasswords', row.appId)}>
                {t.rich('change', { appId: row.appId, hidden: (chunks) => <span className="visually-hidden">{chunks}</span> })}
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
