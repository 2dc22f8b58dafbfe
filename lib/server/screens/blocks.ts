import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { listActiveBlocks } from '@/lib/server/blocks';
import { can, type Decision } from '@/lib/domain/policy';
import { trimmedText, userNameParam, type SearchParams } from '@/lib/domain/query-params';
import type { BlockListEntry } from '@/lib/domain/blocks';

export interface BlockFormScreen {
  /** The user named by the subpage or ?target=, '' when none. */
  target: string;
  /** Only administrators block and unblock; everyone else learns why they cannot. */
  decision: Decision;
}

/** Special:Block/<User> and Special:Unblock/<User>: whom the form is for, and whether the reader may use it. */
export async function loadBlockFormScreen(subpage: string | null, query: SearchParams): Promise<BlockFormScreen> {
  const target = userNameParam(subpage, query.target);
  const actor = await getActor();
  return { target, decision: can(actor, 'block', null, policySettings()) };
}

/** The query parameter an action redirects with (?blocked=User), which is also its message key. */
const OUTCOMES = ['blocked', 'reblocked', 'unblocked'] as const;

export interface BlockListScreen {
  blocks: BlockListEntry[];
  /** Administrators get the block and unblock links. */
  mayUnblock: boolean;
  /** What the action that redirected here did, to whom. */
  outcome: { key: (typeof OUTCOMES)[number]; user: string } | null;
}

/** Special:BlockList: every active block (expired ones are not shown: they stop nothing). */
export async function loadBlockListScreen(query: SearchParams): Promise<BlockListScreen> {
  const [blocks, actor] = await Promise.all([listActiveBlocks(), getActor()]);
  const key = OUTCOMES.find((param) => trimmedText(query[param]) !== '');
  return {
    blocks,
    mayUnblock: can(actor, 'block', null, policySettings()).allowed,
    outcome: key ? { key, user: trimmedText(query[key]) } : null,
  };
}
