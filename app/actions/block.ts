'use server';

import { blockFormSchema, unblockFormSchema } from '@/lib/domain/blocks';
import { BLOCK_FIELDS, UNBLOCK_FIELDS, type BlockFormState, type UnblockFormState } from '@/lib/domain/form-fields';
import { formValues } from '@/lib/domain/form-state';
import { blockUser, unblockUser } from '@/lib/server/blocks';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';

function blockListWith(param: 'blocked' | 'reblocked' | 'unblocked', userName: string): string {
  return `/wiki/Special:BlockList?${new URLSearchParams({ [param]: userName }).toString()}`;
}

/** Special:Block's action: validate, block (the server checks the right again), show the list. */
export async function submitBlock(_previous: BlockFormState, formData: FormData): Promise<BlockFormState> {
  return runFormAction({
    values: formValues(formData, BLOCK_FIELDS),
    schema: blockFormSchema,
    async run(block) {
      const outcome = await blockUser(await getActor(), block);
      return { redirectTo: blockListWith(outcome.action === 'reblock' ? 'reblocked' : 'blocked', outcome.userName) };
    },
  });
}

/** Special:Unblock's action. */
export async function submitUnblock(_previous: UnblockFormState, formData: FormData): Promise<UnblockFormState> {
  return runFormAction({
    values: formValues(formData, UNBLOCK_FIELDS),
    schema: unblockFormSchema,
    async run(unblock) {
      const outcome = await unblockUser(await getActor(), unblock);
      return { redirectTo: blockListWith('unblocked', outcome.userName) };
    },
  });
}
