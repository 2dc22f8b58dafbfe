'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { errorTexts } from '@/lib/i18n/error-text';
import { titleToUrlPath } from '@/lib/domain/titles';
import { restoreRevision, rollback } from '@/lib/server/revert';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { getRevision } from '@/lib/server/revisions';

export interface RevertState {
  error?: string;
}

function positiveId(value: FormDataEntryValue | null): number | null {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** "Restore this version" on a permalink. */
export async function restoreAction(_previous: RevertState, formData: FormData): Promise<RevertState> {
  const errors = errorTexts(await getLocale());
  const revisionId = positiveId(formData.get('revisionId'));
  if (revisionId === null) return { error: errors.t('revert.noRevisionToRestore') };
  let path: string;
  try {
    const outcome = await restoreRevision(await getActor(), revisionId, clientIpFromHeaders(await headers()));
    if (outcome.status === 'conflict') return { error: errors.t('revert.restoreConflict') };
    path = titleToUrlPath((await getRevision(revisionId))!.title);
  } catch (error) {
    return { error: errors.failure(error).formError };
  }
  redirect(path);
}

/** One-click rollback (admins) from the history or a diff. */
export async function rollbackAction(_previous: RevertState, formData: FormData): Promise<RevertState> {
  const errors = errorTexts(await getLocale());
  const latestId = positiveId(formData.get('latestRevisionId'));
  if (latestId === null) return { error: errors.t('revert.noRevisionToRollBack') };
  let path: string;
  try {
    const latest = await getRevision(latestId);
    if (!latest) return { error: errors.t('revision.noSuchRevision', { id: latestId }) };
    await rollback(await getActor(), latest.revision.pageId, latestId);
    path = `${titleToUrlPath(latest.title)}?action=history`;
  } catch (error) {
    return { error: errors.failure(error).formError };
  }
  redirect(path);
}
