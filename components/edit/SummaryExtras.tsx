'use client';

import { useSyncExternalStore } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { IGNORE_BLANK_SUMMARY_FIELD, utf8Length } from '@/lib/domain/edit-size';

/**
 * Beside the summary: the text's size in bytes and its change against the loaded text (MediaWiki's
 * "(+56)"), and the reminder about an empty summary on a large change. The reminder comes from the
 * server (app/actions/edit.ts), so it works without JavaScript; its hidden field makes the next
 * Save go through. The counter follows typing, so it needs JavaScript: it is left out of the
 * server's HTML, where it would show a size that never changes.
 */
export function SummaryExtras({ text, loadedText, reminder }: { text: string; loadedText: string; reminder: boolean | undefined }) {
  const t = useTranslations('edit.extras');
  const format = useFormatter();
  const size = utf8Length(text);
  const change = size - utf8Length(loadedText);
  const scripted = useSyncExternalStore(noSubscription, scriptedSnapshot, serverSnapshot);
  return (
    <>
      {scripted && (
        <p className="edit-size" id="wpSizeInfo">
          {t('size', { size, change: format.number(change, { signDisplay: 'exceptZero' }) })}
        </p>
      )}
      {reminder && (
        <>
          <p role="alert" className="notice notice-warning summary-reminder">
            {t('summaryReminder')}
          </p>
          <input type="hidden" name={IGNORE_BLANK_SUMMARY_FIELD} value="1" />
        </>
      )}
    </>
  );
}

// true in the browser after hydration, false on the server and while hydrating (no mismatch)
const noSubscription = () => () => {};
const scriptedSnapshot = () => true;
const serverSnapshot = () => false;
