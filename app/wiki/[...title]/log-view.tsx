import { useTranslations } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { ListNavigation } from '@/components/HistoryList';
import { LogList } from '@/components/LogList';
import { listLogEntries } from '@/lib/server/log-list';
import { findUserByName } from '@/lib/server/history';
import { HISTORY_LIMIT_CHOICES, listHref, type QueryValue } from '@/lib/domain/history';
import { isLogType, LOG_TYPES, type LogType } from '@/lib/domain/log';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { BadRequestNotice, pagingOrError } from './history-view';

type SearchParams = Record<string, QueryValue>;

const LOG_PATH = '/wiki/Special:Log';

function text(value: QueryValue): string {
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim();
}

function LogFilterForm({ type, user, page }: { type: string; user: string; page: string }) {
  const t = useTranslations('history.log');
  return (
    <form method="get" action={LOG_PATH} className="changes-filter log-filter">
      <fieldset>
        <legend>{t('legend')}</legend>
        <label htmlFor="log-type">{t('type')}</label>{' '}
        <select id="log-type" name="type" defaultValue={type}>
          <option value="">{t('allLogs')}</option>
          {LOG_TYPES.map((logType) => (
            <option key={logType} value={logType}>
              {t(`types.${logType}`)}
            </option>
          ))}
        </select>{' '}
        <label htmlFor="log-user">{t('performer')}</label> <input id="log-user" name="user" type="text" defaultValue={user} />{' '}
        <label htmlFor="log-page">{t('target')}</label> <input id="log-page" name="page" type="text" defaultValue={page} />{' '}
        <button type="submit">{t('show')}</button>
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
  const t = await getTranslations('history.log');

  const problems: string[] = [];
  let type: LogType | undefined;
  if (typeText !== '') {
    if (isLogType(typeText)) type = typeText;
    else problems.push(t('noSuchLog', { type: typeText }));
  }
  let title: ParsedTitle | undefined;
  if (pageText !== '') {
    const parsed = tryParseTitle(pageText);
    if (parsed.ok && parsed.title.namespace !== NS.SPECIAL) title = parsed.title;
    else problems.push(parsed.ok ? t('notATitle', { page: pageText }) : t('notATitleBecause', { page: pageText, reason: parsed.reason }));
  }
  const performer = userText === '' ? null : await findUserByName(userText);
  if (userText !== '' && !performer) problems.push(t('userNotRegistered', { user: userText }));
  const { paging, error } = pagingOrError(query);
  if (!paging) problems.push(error);
  if (problems.length > 0 || !paging) {
    return (
      <>
        {form}
        <BadRequestNotice message={problems.join('; ')} retryHref={LOG_PATH} retryLabel={t('retry')} />
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
      <p>{t('intro')}</p>
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
