import Link from '@/components/Link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { BlockForm } from '@/components/LazyForms';
import { UnblockForm } from '@/components/LazyForms';
import { BlockedPages } from '@/components/BlockedPages';
import { EditSummary, Timestamp } from '@/components/HistoryList';
import { submitBlock, submitUnblock } from '@/app/actions/block';
import { loadBlockFormScreen, loadBlockListScreen } from '@/lib/server/screens/blocks';
import { MAX_BLOCKED_PAGES } from '@/lib/domain/blocks';
import { userPageHref } from '@/lib/domain/history';
import type { SearchParams } from '@/lib/domain/query-params';
import { logHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/** Special:Block/<User>: the block form for administrators; everyone else learns why they cannot. */
export async function BlockView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const [{ target, decision }, t] = await Promise.all([loadBlockFormScreen(subpage, query), getTranslations('admin.block')]);
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialPageHref('Block', target)} />;
  return (
    <>
      <p>{t.rich('intro', { link: (chunks) => <Link href="/wiki/Special:BlockList">{chunks}</Link> })}</p>
      <BlockForm action={submitBlock} maxPages={MAX_BLOCKED_PAGES} initial={{ target, expiry: '1 week', reason: '', scope: 'sitewide', pages: '' }} />
    </>
  );
}

/** Special:Unblock/<User>: lift a block, with a reason. */
export async function UnblockView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const [{ target, decision }, t] = await Promise.all([loadBlockFormScreen(subpage, query), getTranslations('admin.unblock')]);
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialPageHref('Unblock', target)} />;
  return (
    <>
      <p>{t('intro')}</p>
      <UnblockForm action={submitUnblock} initial={{ target, reason: '' }} />
    </>
  );
}

/** Special:BlockList: every active block (expired ones are not shown: they stop nothing). */
export async function BlockListView({ query }: { query: SearchParams }) {
  const [{ blocks, mayUnblock, outcome }, t, format] = await Promise.all([loadBlockListScreen(query), getTranslations('admin.blockList'), getFormatter()]);
  return (
    <div className="block-list">
      {outcome && (
        <p role="status" className="notice">
          {t(outcome.key, { user: outcome.user })}
        </p>
      )}
      {mayUnblock && (
        <p>
          <Link href="/wiki/Special:Block">{t('blockUser')}</Link> · <Link href={logHref('block')}>{t('blockLog')}</Link>
        </p>
      )}
      {blocks.length === 0 ? (
        <p className="notice">{t('none')}</p>
      ) : (
        <table className="wikitable block-table">
          <thead>
            <tr>
              <th scope="col">{t('since')}</th>
              <th scope="col">{t('blockedUser')}</th>
              <th scope="col">{t('expires')}</th>
              <th scope="col">{t('blockedBy')}</th>
              <th scope="col">{t('editing')}</th>
              <th scope="col">{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {blocks.map((block) => (
              <tr key={block.id}>
                <td>
                  <Timestamp date={block.createdAt} />
                </td>
                <td>
                  <Link href={userPageHref(block.user.name)}>{block.user.name}</Link>
                  {mayUnblock && (
                    <>
                      {' '}
                      (<Link href={specialPageHref('Unblock', block.user.name)}>{t('unblock')}</Link> |{' '}
                      <Link href={specialPageHref('Block', block.user.name)}>{t('changeBlock')}</Link>)
                    </>
                  )}
                </td>
                <td>{block.expiresAt === null ? t('indefinite') : t('expiresAt', { time: format.dateTime(block.expiresAt, 'timestamp', UTC) })}</td>
                <td>
                  <Link href={userPageHref(block.by.name)}>{block.by.name}</Link>
                </td>
                <td>{block.sitewide ? t('sitewide') : <BlockedPages titles={block.pageTitles} />}</td>
                <td>
                  <EditSummary summary={block.reason} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
