import { ListNavigation } from '@/components/HistoryList';
import { LogList } from '@/components/LogList';
import { listLogEntries } from '@/lib/server/log-list';
import { findUserByName } from '@/lib/server/history';
import { HISTORY_LIMIT_CHOICES, listHref, type QueryValue } from '@/lib/domain/history';
import { isLogType, LOG_TYPE_NAMES, LOG_TYPES, type LogType } from '@/lib/domain/log';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { BadRequestNotice, pagingOrError } from './history-view';

type SearchParams = Record<string, QueryValue>;

const LOG_PATH = '/wiki/Special:Log';

function text(value: QueryValue): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

function LogFilterForm({ type, user, page }: { type: string; user: string; page: string }) {
  return (
    <form method="get" action={LOG_PATH} className="changes-filter log-filter">
      <fieldset>
        <legend>Logs</legend>
        <label htmlFor="log-type">Type</label>{' '}
        <select id="log-type" name="type" defaultValue={type}>
          <option value="">All public logs</option>
          {LOG_TYPES.map((logType) => (
            <option key={logType} value={logType}>
              {LOG_TYPE_NAMES[logType]}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="log-user">Performer</label> <input id="log-user" name="user" type="text" defaultValue={user} />{' '}
        <label htmlFor="log-page">Target (page or User:name)</label> <input id="log-page" name="page" type="text" defaultValue={page} />{' '}
        <button type="submit">Show</button>
      </fieldset>
    </form>
  );
}

/**
 * /wiki/Special:Log[/type]: the audit log, newest first, filtered by `type`, `user` (performer)
 * and `page`, with the history pages' keyset paging (`limit`, `older`, `newer`).
 */
export async function LogView({ query, subpage }: { query: SearchParams; subpage: string | null }) {
  const typeText = text(query.type) || (subpage ?? '');
  const userText = text(query.user).replaceAll('_', ' ');
  const pageText = text(query.page);
  const form = <LogFilterForm type={typeText} user={userText} page={pageText} />;

  const problems: string[] = [];
  let type: LogType | undefined;
  if (typeText !== '') {
    if (isLogType(typeText)) type = typeText;
    else problems.push(`there is no log named "${typeText}"`);
  }
  let title: ParsedTitle | undefined;
  if (pageText !== '') {
    const parsed = tryParseTitle(pageText);
    if (parsed.ok && parsed.title.namespace !== NS.SPECIAL) title = parsed.title;
    else problems.push(`"${pageText}" is not a page title${parsed.ok ? '' : `: ${parsed.reason}`}`);
  }
  const performer = userText === '' ? null : await findUserByName(userText);
  if (userText !== '' && !performer) problems.push(`user account "${userText}" is not registered`);
  const { paging, error } = pagingOrError(query);
  if (!paging) problems.push(error);
  if (problems.length > 0 || !paging) {
    return (
      <>
        {form}
        <BadRequestNotice message={problems.join('; ')} retryHref={LOG_PATH} retryLabel="Show the whole log" />
      </>
    );
  }

  const extra: Record<string, string> = {};
  if (type) extra.type = type;
  if (performer) extra.user = performer.name;
  if (title) extra.page = title.prefixedText;
  const entries = await listLogEntries({ ...paging, type, performerId: performer?.id, title });
  const { limit } = paging;
  return (
    <div className="special-log">
      <p>Combined display of the logs of the wiki: protections, deletions, blocks, moves, user creations and rights changes.</p>
      {form}
      <ListNavigation
        limit={limit}
        firstPage={paging.olderThan === undefined && paging.newerThan === undefined}
        newestHref={listHref(LOG_PATH, { limit, extra })}
        newerHref={entries.newer === null ? null : listHref(LOG_PATH, { limit, extra, newer: entries.newer })}
        olderHref={entries.older === null ? null : listHref(LOG_PATH, { limit, extra, older: entries.older })}
        limits={HISTORY_LIMIT_CHOICES.map((choice) => ({ limit: choice, href: listHref(LOG_PATH, { limit: choice, extra }) }))}
      />
      <LogList rows={entries.rows} />
    </div>
  );
}
