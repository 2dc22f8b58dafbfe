import { useFormatter, useTranslations } from 'next-intl';
import type { DeletionNotice } from '@/lib/domain/deletion';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/** Above the form that re-creates a deleted page: who deleted it, when and why (MediaWiki's warning). */
export function RecreationWarning({ notice }: { notice: DeletionNotice }) {
  const t = useTranslations('edit.view');
  const format = useFormatter();
  const last = notice.lastDeletion;
  return (
    <p className="notice notice-warning" role="alert">
      {t('recreating', {
        hasLast: last ? 'yes' : 'no',
        by: last ? (last.by ?? t('maintenanceScript')) : '',
        time: last ? format.dateTime(last.at, 'time', UTC) : '',
        date: last ? format.dateTime(last.at, 'date', UTC) : '',
        hasReason: last?.reason ? 'yes' : 'no',
        reason: last?.reason ?? '',
      })}
    </p>
  );
}
