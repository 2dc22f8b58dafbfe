import 'server-only';
import { listLogEntries } from '@/lib/server/log-list';
import { findUserByName } from '@/lib/server/history';
import { HISTORY_LIMIT_CHOICES, listHref } from '@/lib/domain/history';
import { isLogType, type LogType } from '@/lib/domain/log';
import { pagingOrError, trimmedText, type SearchParams } from '@/lib/domain/query-params';
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { listNavigation, type ListNavigationModel } from '@/lib/domain/list-navigation';

export const LOG_PATH = '/wiki/Special:Log';

/** What is wrong with a filter, for the view to say in the reader's language (keys of history.log). */
export type LogProblem =
  | { key: 'noSuchLog'; type: string }
  | { key: 'notATitle'; page: string }
  | { key: 'notATitleBecause'; page: string; reason: string }
  | { key: 'userNotRegistered'; user: string }
  /** Bad paging parameters, already worded. */
  | { key: 'paging'; message: string };

export interface LogScreen {
  /** The filter form's values, as typed. */
  form: { type: string; user: string; page: string };
  /** Non-empty: the filters make no sense, and nothing is listed. */
  problems: LogProblem[];
  list: { navigation: ListNavigationModel; rows: Awaited<ReturnType<typeof listLogEntries>>['rows'] } | null;
}

/**
 * /wiki/Special:Log[/type]: the audit log, newest first, filtered by `type`, `user` (performer)
 * and `page`, with the history pages' keyset paging (`limit`, `older`, `newer`).
 */
export async function loadLogScreen(query: SearchParams, subpage: string | null): Promise<LogScreen> {
  const form = { type: trimmedText(query.type) || (subpage ?? ''), user: trimmedText(query.user).replaceAll('_', ' '), page: trimmedText(query.page) };
  const problems: LogProblem[] = [];
  let type: LogType | undefined;
  if (form.type !== '') {
    if (isLogType(form.type)) type = form.type;
    else problems.push({ key: 'noSuchLog', type: form.type });
  }
  let title: ParsedTitle | undefined;
  if (form.page !== '') {
    const parsed = tryParseTitle(form.page);
    if (parsed.ok && parsed.title.namespace !== NS.SPECIAL) title = parsed.title;
    else problems.push(parsed.ok ? { key: 'notATitle', page: form.page } : { key: 'notATitleBecause', page: form.page, reason: parsed.reason });
  }
  const performer = form.user === '' ? null : await findUserByName(form.user);
  if (form.user !== '' && !performer) problems.push({ key: 'userNotRegistered', user: form.user });
  const { paging, error } = pagingOrError(query);
  if (!paging) problems.push({ key: 'paging', message: error });
  if (problems.length > 0 || !paging) return { form, problems, list: null };

  const extra: Record<string, string> = {};
  if (type) extra.type = type;
  if (performer) extra.user = performer.name;
  if (title) extra.page = title.prefixedText;
  const entries = await listLogEntries({ ...paging, type, performerId: performer?.id, title });
  return {
    form,
    problems,
    list: {
      navigation: listNavigation((options) => listHref(LOG_PATH, { ...options, extra }), paging, entries, HISTORY_LIMIT_CHOICES),
      rows: entries.rows,
    },
  };
}
