'use server';

import { headers } from 'next/headers';
import type { RevertState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { restoreRevisionSchema, rollbackSchema } from '@/lib/domain/schemas';
import { titleToUrlPath } from '@/lib/domain/titles';
import { restoreRevision, rollback } from '@/lib/server/revert';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { getRevision } from '@/lib/server/revisions';
import { runFormAction } from '@/app/actions/form-action';

/** "Restore this version" on a permalink. */
export async function restoreAction(_previous: RevertState, formData: FormData): Promise<RevertState> {
  return runFormAction({
    values: {},
    input: formValues(formData, ['revisionId'] as const),
    schema: restoreRevisionSchema,
    refused: 'first-problem',
    async run({ revisionId }, { values, errors }) {
      const outcome = await restoreRevision(await getActor(), revisionId, clientIpFromHeaders(await headers()));
      if (outcome.status === 'conflict') return { values, formError: errors.t('revert.restoreConflict') };
      return { redirectTo: titleToUrlPath((await getRevision(revisionId))!.title) };
    },
  });
}

/** One-click rollback (admins) from the history or a diff. */
export async function rollbackAction(_previous: RevertState, formData: FormData): Promise<RevertState> {
  return runFormAction({
    values: {},
    input: formValues(formData, ['latestRevisionId'] as const),
    schema: rollbackSchema,
    refused: 'first-problem',
    async run({ latestRevisionId }, { values, errors }) {
      const latest = await getRevision(latestRevisionId);
      if (!latest) return { values, formError: errors.t('revision.noSuchRevision', { id: latestRevisionId }) };
      await rollback(await getActor(), latest.revision.pageId, latestRevisionId);
      return { redirectTo: `${titleToUrlPath(latest.title)}?action=history` };
    },
  });
}
