import Link from 'next/link';
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
import { formatLogTime } from '@/lib/domain/log-entry-text';
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
  const decision = can(await getActor(), 'block', null, policySettings());
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialHref('Block', target)} />;
  return (
    <>
      <p>
        A blocked user can still read the wiki but cannot edit, move pages or start discussions: sitewide, or only on the
        pages listed. They see the reason and the expiry. Blocking a user who is already blocked replaces their block. See the{' '}
        <Link href="/wiki/Special:BlockList">list of active blocks</Link>.
      </p>
      <BlockForm action={submitBlock} maxPages={MAX_BLOCKED_PAGES} initial={{ target, expiry: '1 week', reason: '', scope: 'sitewide', pages: '' }} />
    </>
  );
}

/** Special:Unblock/<User>: lift a block, with a reason. */
export async function UnblockView({ subpage, query }: { subpage: string | null; query: SearchParams }) {
  const target = targetName(subpage, query);
  const decision = can(await getActor(), 'block', null, policySettings());
  if (!decision.allowed) return <PermissionNotice decision={decision} returnTo={specialHref('Unblock', target)} />;
  return (
    <>
      <p>Lift the block of a user, so that they can edit again.</p>
      <UnblockForm action={submitUnblock} initial={{ target, reason: '' }} />
    </>
  );
}

const OUTCOMES = [
  ['blocked', 'has been blocked'],
  ['reblocked', 'has had their block changed'],
  ['unblocked', 'has been unblocked'],
] as const;

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
  const [blocks, actor] = await Promise.all([listActiveBlocks(), getActor()]);
  const mayUnblock = can(actor, 'block', null, policySettings()).allowed;
  const outcome = OUTCOMES.find(([param]) => text(query[param]) !== '');
  return (
    <div className="block-list">
      {outcome && (
        <p role="status" className="notice">
          {text(query[outcome[0]])} {outcome[1]}.
        </p>
      )}
      {mayUnblock && (
        <p>
          <Link href="/wiki/Special:Block">Block a user</Link> · <Link href="/wiki/Special:Log?type=block">Block log</Link>
        </p>
      )}
      {blocks.length === 0 ? (
        <p className="notice">There are no active blocks.</p>
      ) : (
        <table className="wikitable block-table">
          <thead>
            <tr>
              <th scope="col">Since</th>
              <th scope="col">Blocked user</th>
              <th scope="col">Expires</th>
              <th scope="col">Blocked by</th>
              <th scope="col">Editing</th>
              <th scope="col">Reason</th>
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
                      (<Link href={specialHref('Unblock', block.user.name)}>unblock</Link> |{' '}
                      <Link href={specialHref('Block', block.user.name)}>change block</Link>)
                    </>
                  )}
                </td>
                <td>{block.expiresAt === null ? 'indefinite' : `${formatLogTime(block.expiresAt)} (UTC)`}</td>
                <td>
                  <Link href={userPageHref(block.by.name)}>{block.by.name}</Link>
                </td>
                <td>{block.sitewide ? 'sitewide' : <PageLinks titles={block.pageTitles} />}</td>
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
