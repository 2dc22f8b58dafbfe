import { getTranslations } from 'next-intl/server';
import { ListNavigation } from '@/components/HistoryList';
import { LogList } from '@/components/LogList';
import { LogFilterForm } from '@/components/LogFilterForm';
import { InvalidRequestNotice } from '@/components/InvalidRequestNotice';
import { LOG_PATH, loadLogScreen, type LogProblem } from '@/lib/server/screens/log';
import type { SearchParams } from '@/lib/domain/query-params';

/** /wiki/Special:Log[/type]: the audit log, filtered and paged (see loadLogScreen). */
export async function LogView({ query, subpage }: { query: SearchParams; subpage: string | null }) {
  const [screen, t] = await Promise.all([loadLogScreen(query, subpage), getTranslations('history.log')]);
  const form = <LogFilterForm {...screen.form} />;
  if (!screen.list) {
    const problemText = (problem: LogProblem) => (problem.key === 'paging' ? problem.message : t(problem.key, problem));
    return (
      <>
        {form}
        <InvalidRequestNotice message={screen.problems.map(problemText).join('; ')} retryHref={LOG_PATH} retryLabel={t('retry')} />
      </>
    );
  }
  return (
    <div className="special-log">
      <p>{t('intro')}</p>
      {form}
      <ListNavigation {...screen.list.navigation} />
      <LogList rows={screen.list.rows} />
    </div>
  );
}
