import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { PermissionNotice } from '@/components/PermissionNotice';
import { BlockForm } from '@/components/BlockForm';
import { UnblockForm } from '@/components/UnblockForm';
import { EditSummary, Timestamp } from '@/components/HistoryList';
import { submitBlock, submitUnblock } from '@/app/actions/block';
import { listActiveBlocks } from '@/lib/server/blocks';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { can } from '@/lib/domain/policy';
import { MAX_BLOCKED_PAGES } from '@/lib/domain/blocks';
import { userPageHref, type QueryValue } from '@/lib/domain/history';
import { encodeTitleForUrl, tryParseTitle, titleToUrlPath } from '@/lib/domain/titles';

type SearchParams = Record<string, QueryValue>;

function text(value: QueryValue): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

function specialHref(name: string, userName: string): string {
  return `/wiki/${encodeTitleForUrl(`Special:${name}/${userName.replaceAll(' ', '_')}`)}`;
}

function targetName(subpage: string | null, query: SearchParams): string {
  return (subpage ?? text(query.target)).replaceAll('_', ' ').trim();
}

/** Special:Block/<User>: the block form for administrators; everyone else learns why they cannot. */
export async function BlockView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const target = targetName(subpage, query);
  const [actor, t] = await Promise.all([getActor(), getTranslations('admin.block')]);
  const decision = can(actor, 'block', null, policySettings());
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialHref('Block', target)} />;
  return (
    <>
      <p>{t.rich('intro', { link: (chunks) => <Link href="/wiki/Special:BlockList">{chunks}</Link> })}</p>
      <BlockForm action={submitBlock} maxPages={MAX_BLOCKED_PAGES} initial={{ target, expiry: '1 week', reason: '', scope: 'sitewide', pages: '' }} />
    </>
  );
}

/** Special:Unblock/<User>: lift a block, with a reason. */
export async function UnblockView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const target = targetName(subpage, query);
  const [actor, t] = await Promise.all([getActor(), getTranslations('admin.unblock')]);
  const decision = can(actor, 'block', null, policySettings());
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialHref('Unblock', target)} />;
  return (
    <>
      <p>{t('intro')}</p>
      <UnblockForm action={submitUnblock} initial={{ target, reason: '' }} />
    </>
  );
}

/** The query parameter an action redirects with (?blocked=User), which is also its message key. */
const OUTCOMES = ['blocked', 'reblocked', 'unblocked'] as const;

function PageLinks({ titles }: { titles: string[] }) {
  return (
    <>
      {titles.map((title, index) => {
        const parsed = tryParseTitle(title);
        return (
          <span key={title}>
            {index > 0 && ', '}
            {parsed.ok ? <Link href={titleToUrlPath(parsed.title)}>{title}</Link> : title}
          </span>
        );
      })}
    </>
  );
}

/** Special:BlockList: every active block (expired ones are not shown: they stop nothing). */
export async function BlockListView({ query }: { query: SearchParams }) {
  const [blocks, actor, t, format] = await Promise.all([listActiveBlocks(), getActor(), getTranslations('admin.blockList'), getFormatter()]);
  const mayUnblock = can(actor, 'block', null, policySettings()).allowed;
  const outcome = OUTCOMES.find((param) => text(query[param]) !== '');
  return (
    <div className="block-list">
      {outcome && (
        <p role="status" className="notice">
          {t(outcome, { user: text(query[outcome]) })}
        </p>
      )}
      {mayUnblock && (
        <p>
          <Link href="/wiki/Special:Block">{t('blockUser')}</Link> · <Link href="/wiki/Special:Log?type=block">{t('blockLog')}</Link>
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
                      (<Link href={specialHref('Unblock', block.user.name)}>{t('unblock')}</Link> |{' '}
                      <Link href={specialHref('Block', block.user.name)}>{t('changeBlock')}</Link>)
                    </>
                  )}
                </td>
                <td>{block.expiresAt === null ? t('indefinite') : t('expiresAt', { time: format.dateTime(block.expiresAt, 'timestamp') })}</td>
                <td>
                  <Link href={userPageHref(block.by.name)}>{block.by.name}</Link>
                </td>
                <td>{block.sitewide ? t('sitewide') : <PageLinks titles={block.pageTitles} />}</td>
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
