'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { toPublicError } from '@/lib/domain/errors';
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
  const revisionId = positiveId(formData.get('revisionId'));
  if (revisionId === null) return { error: 'No revision was given to restore.' };
  let path: string;
  try {
    const outcome = await restoreRevision(await getActor(), revisionId, clientIpFromHeaders(await headers()));
    if (outcome.status === 'conflict') return { error: 'The page changed while restoring; please try again.' };
    path = titleToUrlPath((await getRevision(revisionId))!.title);
  } catch (error) {
    return { error: toPublicError(error).message };
  }
  redirect(path);
}

/** One-click rollback (admins) from the history or a diff. */
export async function rollbackAction(_previous: RevertState, formData: FormData): Promise<RevertState> {
  const latestId = positiveId(formData.get('latestRevisionId'));
  if (latestId === null) return { error: 'No revision was given to roll back.' };
  let path: string;
  try {
    const latest = await getRevision(latestId);
    if (!latest) return { error: `There is no revision ${latestId}.` };
    await rollback(await getActor(), latest.revision.pageId, latestId);
    path = `${titleToUrlPath(latest.title)}?action=history`;
  } catch (error) {
    return { error: toPublicError(error).message };
  }
  redirect(path);
}
