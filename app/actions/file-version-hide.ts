'use server';

import { FILE_VERSION_HIDE_FIELDS, fileVersionHideSchema, type FileVersionHideState } from '@/lib/domain/files/hide-version-input';
import { formValues } from '@/lib/domain/form-state';
import { titleToUrlPath } from '@/lib/domain/titles';
import { hideFileVersion } from '@/lib/server/files/file-versions';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

/** Special:RevisionDelete?type=oldimage's Server Action: hides or shows a file version's file, comment and uploader. */
export async function submitFileVersionVisibility(_previous: FileVersionHideState, formData: FormData): Promise<FileVersionHideState> {
  return runFormAction({
    values: formValues(formData, FILE_VERSION_HIDE_FIELDS),
    schema: fileVersionHideSchema,
    async run({ target, versionId, hidden, seenHidden, reason }) {
      await hideFileVersion(await getActor(), { versionId, hidden, seenHidden, reason, title: target });
      return { redirectTo: titleToUrlPath(target) };
    },
  });
}
