'use client';

import { useTranslations } from 'next-intl';
import type { DiffResult } from '@/lib/domain/diff';
import { DiffView } from '@/components/DiffView';

/**
 * MediaWiki's "Show changes" (access key V, so Alt+Shift+V in most browsers): a submit intent, so it
 * works without JavaScript; with it the form action re-renders the form with the diff in place.
 */
export function ShowChangesButton({ disabled }: { disabled: boolean }) {
  const t = useTranslations('edit.extras');
  return (
    <button type="submit" name="intent" value="diff" disabled={disabled} accessKey="v" title={t('showChangesTitle')}>
      {t('showChanges')}
    </button>
  );
}

/** The diff from the base revision (or section) to the text being edited, as on the history pages. */
export function EditChanges({ diff }: { diff: DiffResult | undefined }) {
  const t = useTranslations('edit.extras');
  if (!diff) return null;
  return (
    <section className="edit-changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t('changesHeading')}</h2>
      <DiffView diff={diff} mode="side-by-side" oldLabel={t('baseText')} newLabel={t('yourText')} />
    </section>
  );
}
