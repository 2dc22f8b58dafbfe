import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { protectionFormState } from '@/lib/server/protection';
import { can, type Decision } from '@/lib/domain/policy';
import { pageAccess, pageContext, type PageAccess, type PageProtection } from '@/lib/domain/protection';
import type { ParsedTitle } from '@/lib/domain/titles';

export type ProtectScreen = { kind: 'missing' } | { kind: 'protect'; protection: PageProtection; access: PageAccess; decision: Decision };

/** /wiki/<Title>?action=protect: the page's protection, and whether the reader may change it. */
export async function loadProtectScreen(title: ParsedTitle): Promise<ProtectScreen> {
  const [state, actor] = await Promise.all([protectionFormState(title), getActor()]);
  if (!state) return { kind: 'missing' };
  const settings = policySettings();
  return {
    kind: 'protect',
    protection: state.protection,
    access: pageAccess(actor, state.pageId, state.protection, settings),
    decision: can(actor, 'protect', pageContext(state.pageId, state.protection), settings),
  };
}
