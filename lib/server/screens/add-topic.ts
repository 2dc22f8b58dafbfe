import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { pageExists } from '@/lib/server/pages';
import { pageContextForTitle } from '@/lib/server/protection';
import { readPageTabs, type PageTabsData } from '@/lib/server/article-page';
import { scriptNonce } from '@/lib/server/script-nonce';
import { can, type Decision } from '@/lib/domain/policy';
import type { ParsedTitle } from '@/lib/domain/titles';

export type AddTopicScreen =
  | { kind: 'denied'; decision: Exclude<Decision, { allowed: true }> }
  /** `nonce`: this response's script nonce, for the form's inline script (components/KeepEarlyTyping.tsx). */
  | { kind: 'form'; tabs: PageTabsData; nonce: string | undefined };

/** ?action=edit&section=new: MediaWiki's "Add topic" form for a new discussion section, if the reader may write. */
export async function loadAddTopicScreen(title: ParsedTitle): Promise<AddTopicScreen> {
  const actor = getActor();
  const [exists, tabs, page] = await Promise.all([pageExists(title), readPageTabs(title, actor), pageContextForTitle(title)]);
  const decision = can(await actor, exists ? 'edit' : 'create', page, policySettings());
  return decision.allowed ? { kind: 'form', tabs, nonce: await scriptNonce() } : { kind: 'denied', decision };
}
