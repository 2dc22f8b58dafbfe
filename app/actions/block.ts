'use server';

import { redirect } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { errorTexts } from '@/lib/i18n/error-text';
import { blockFormSchema, unblockFormSchema } from '@/lib/domain/blocks';
import { blockUser, unblockUser } from '@/lib/server/blocks';
import { getActor } from '@/lib/server/session';
import { failedAction, formValues, invalidInput, type AdminFormState } from '@/app/actions/admin-form';

const BLOCK_FIELDS = ['target', 'expiry', 'reason', 'scope', 'pages'] as const;
const UNBLOCK_FIELDS = ['target', 'reason'] as const;

export type BlockFormValues = Record<(typeof BLOCK_FIELDS)[number], string>;
export type UnblockFormValues = Record<(typeof UNBLOCK_FIELDS)[number], string>;
export type BlockFormState = AdminFormState<BlockFormValues>;
export type UnblockFormState = AdminFormState<UnblockFormValues>;

function blockListWith(param: 'blocked' | 'reblocked' | 'unblocked', userName: string): string {
  return `/wiki/Special:BlockList?${new URLSearchParams({ [param]: userName }).toString()}`;
}

/** Special:Block's action: validate, block (the server checks the right again), show the list. */
export async function submitBlock(_previous: BlockFormState, formData: FormData): Promise<BlockFormState> {
  const values = formValues(formData, BLOCK_FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = blockFormSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  let outcome;
  try {
    outcome = await blockUser(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  redirect(blockListWith(outcome.action === 'reblock' ? 'reblocked' : 'blocked', outcome.userName));
}

/** Special:Unblock's action. */
export async function submitUnblock(_previous: UnblockFormState, formData: FormData): Promise<UnblockFormState> {
  const values = formValues(formData, UNBLOCK_FIELDS);
  const errors = errorTexts(await getLocale());
  const parsed = unblockFormSchema.safeParse(values);
  if (!parsed.success) return invalidInput(values, parsed.error, errors);
  let outcome;
  try {
    outcome = await unblockUser(await getActor(), parsed.data);
  } catch (error) {
    return failedAction(values, error, errors);
  }
  redirect(blockListWith('unblocked', outcome.userName));
}
