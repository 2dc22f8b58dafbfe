import { useTranslations } from 'next-intl';
import { LOG_TYPES } from '@/lib/domain/log';

/** Special:Log's filters: which log, whose actions, on which page (a GET form). */
export function LogFilterForm({ type, user, page }: { type: string; user: string; page: string }) {
  const t = useTranslations('history.log');
  return (
    <form method="get" action="/wiki/Special:Log" className="changes-filter log-filter">
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
        <label htmlFor="log-user">{t('performer')}</label> <input id="log-user" name="user" type="text" defaultValue={user} /> <label htmlFor="log-page">{t('target')}</label>{' '}
        <input id="log-page" name="page" type="text" defaultValue={page} /> <button type="submit">{t('show')}</button>
      </fieldset>
    </form>
  );
}
