'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { isFromOlderRevision } from '@/lib/domain/drafts';
import type { EditSession } from '@/components/edit/useEditSession';

/**
 * "Restore your unsaved changes from …?" with Restore and Discard, above the editor. A status, not
 * an alert: it offers, and interrupts nothing. After a choice the same region says what was done.
 */
export function DraftNotice({ session, formBaseRevisionId }: { session: EditSession; formBaseRevisionId: string }) {
  const t = useTranslations('edit.extras');
  const format = useFormatter();
  const { offer, outcome } = session;
  const when = (savedAt: number) => format.dateTime(new Date(savedAt), 'timestamp');
  return (
    <div role="status" className="draft-status">
      {offer && (
        <div className="notice notice-warning draft-notice">
          <p>{t('restorePrompt', { time: when(offer.savedAt) })}</p>
          {isFromOlderRevision(offer, formBaseRevisionId) && <p>{t('restoreOlder')}</p>}
          <p className="draft-buttons">
            <button type="button" onClick={session.restore}>
              {t('restore')}
            </button>{' '}
            <button type="button" onClick={session.discard}>
              {t('discard')}
            </button>
          </p>
        </div>
      )}
      {!offer && outcome?.kind === 'restored' && <p className="notice">{t('restored', { time: when(outcome.savedAt) })}</p>}
      {!offer && outcome?.kind === 'discarded' && <p className="notice">{t('discarded')}</p>}
    </div>
  );
}
