import { useFormatter, useTranslations } from 'next-intl';
import type { DeletionNotice } from '@/lib/domain/deletion';

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
        time: last ? format.dateTime(last.at, 'time') : '',
        date: last ? format.dateTime(last.at, 'date') : '',
        hasReason: last?.reason ? 'yes' : 'no',
        reason: last?.reason ?? '',
      })}
    </p>
  );
}
