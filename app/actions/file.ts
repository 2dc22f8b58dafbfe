'use server';

import { headers } from 'next/headers';
import { fileRevertSchema, type FileRevertState } from '@/lib/domain/files/revert-input';
import { formValues } from '@/lib/domain/form-state';
import { titleToUrlPath } from '@/lib/domain/titles';
import { revertFile } from '@/lib/server/files/file-versions';
import { getActor } from '@/lib/server/session';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { runFormAction } from '@/app/actions/form-action';

/** The file revert confirmation (action=revert&oldimage=…): that version's bytes become the latest version. */
export async function revertFileAction(_previous: FileRevertState, formData: FormData): Promise<FileRevertState> {
  return runFormAction({
    values: formValues(formData, ['title', 'versionId', 'expect', 'comment'] as const),
    schema: fileRevertSchema,
    async run({ title, versionId, expect, comment }) {
      await revertFile({ actor: await getActor(), title, versionId, expect, comment, ip: clientIpFromHeaders(await headers()) });
      return { redirectTo: titleToUrlPath(title) };
    },
  });
}
