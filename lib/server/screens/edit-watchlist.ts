import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { existingTitles } from '@/lib/server/links';
import { listWatchedTitles } from '@/lib/server/watchlist';
import { can, type Decision } from '@/lib/domain/policy';
import { talkTitleOf } from '@/lib/domain/talk';
import { rawWatchlistText } from '@/lib/domain/watchlist';
import { specialPageHref } from '@/lib/domain/wiki-hrefs';
import type { ParsedTitle } from '@/lib/domain/titles';

export interface WatchedTitleLine {
  title: ParsedTitle;
  expiresAt: Date | null;
  exists: boolean;
  /** The talk page's link is red too when it is missing, as MediaWiki's LinkRenderer makes it. */
  talk: ParsedTitle;
  talkExists: boolean;
}

export type EditWatchlistScreen =
  { kind: 'denied'; decision: Exclude<Decision, { allowed: true }>; returnTo: string } | { kind: 'list'; lines: WatchedTitleLine[] } | { kind: 'raw'; text: string };

/**
 * Special:EditWatchlist (`raw`: its /raw subpage): the reader's watched titles, or why they cannot
 * have a watchlist (anonymous readers: the sign-in links return here).
 */
export async function loadEditWatchlistScreen(raw: boolean): Promise<EditWatchlistScreen> {
  const actor = await getActor();
  const decision = can(actor, 'editmywatchlist', null, policySettings());
  if (!decision.allowed) return { kind: 'denied', decision, returnTo: specialPageHref('EditWatchlist', raw ? 'raw' : undefined) };
  const watched = await listWatchedTitles(actor);
  if (raw) return { kind: 'raw', text: rawWatchlistText(watched.map((entry) => entry.title)) };
  // Watched titles are subject titles (never special pages), so each has a talk page.
  const talks = watched.map((entry) => talkTitleOf(entry.title)!);
  const existingTalks = await existingTitles(talks);
  return {
    kind: 'list',
    lines: watched.map((entry, index) => {
      const talk = talks[index]!;
      return { ...entry, talk, talkExists: existingTalks.has(`${talk.namespace}:${talk.dbKey}`) };
    }),
  };
}
