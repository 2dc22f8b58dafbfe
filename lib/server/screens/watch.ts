import 'server-only';
import { getActor } from '@/lib/server/session';
import { getWatchState } from '@/lib/server/watchlist';
import { can, type Decision } from '@/lib/domain/policy';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { WatchState } from '@/lib/domain/watchlist';

export type WatchScreen = { kind: 'denied'; decision: Extract<Decision, { allowed: false }> } | { kind: 'form'; state: WatchState };

/** ?action=watch / ?action=unwatch: the viewer's current watch of the page, or why they cannot watch. */
export async function loadWatchScreen(title: ParsedTitle): Promise<WatchScreen> {
  const actor = await getActor();
  const decision = can(actor, 'editmywatchlist');
  if (!decision.allowed) return { kind: 'denied', decision };
  return { kind: 'form', state: await getWatchState(actor.userId!, title) };
}
