import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { findThankableEdit, hasThanked, type ThankableEdit } from '@/lib/server/thanks';
import { isAppError } from '@/lib/domain/errors';
import { errorMessage, type ErrorText } from '@/lib/domain/error-messages';
import { can, type Decision } from '@/lib/domain/policy';
import { THANKS_PATH, thankSchema } from '@/lib/domain/thanks';

export type ThanksScreen =
  | { kind: 'denied'; decision: Extract<Decision, { allowed: false }>; returnTo: string }
  /** No such edit, or one that cannot be thanked for (own, hidden author, system account…). */
  | { kind: 'refused'; text: ErrorText }
  /** "Send thanks for this edit by <User> to <Page>?" with its one button. */
  | { kind: 'confirm'; edit: ThankableEdit }
  /** The viewer has thanked for it: where the form's redirect lands, and a second visit too. */
  | { kind: 'sent'; edit: ThankableEdit };

/**
 * Special:Thanks/<revision id>: the confirmation MediaWiki's Thanks asks for before thanking
 * (the "thank" links of histories and diffs lead here), or what was sent.
 */
export async function loadThanksScreen(subpage: string | null): Promise<ThanksScreen> {
  const actor = await getActor();
  const decision = can(actor, 'thank', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', decision, returnTo: subpage === null ? THANKS_PATH : `${THANKS_PATH}/${subpage}` };
  const parsed = thankSchema.safeParse({ revisionId: subpage ?? '' });
  if (!parsed.success) return { kind: 'refused', text: errorMessage('thanks.invalidRevision') };
  let edit: ThankableEdit;
  try {
    edit = await findThankableEdit(actor, parsed.data.revisionId);
  } catch (error) {
    if (isAppError(error)) return { kind: 'refused', text: error.text };
    throw error;
  }
  return { kind: (await hasThanked(actor.userId!, edit.revisionId)) ? 'sent' : 'confirm', edit };
}
