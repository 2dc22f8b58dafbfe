'use server';

import { z } from 'zod';
import { parseRawWatchlist, rawWatchlistText, removeTitlesSchema } from '@/lib/domain/watchlist';
import type { ParsedTitle } from '@/lib/domain/titles';
import { replaceWatchlist, unwatchTitles } from '@/lib/server/watchlist';
import { getActor } from '@/lib/server/session';
import { runFormAction } from '@/app/actions/form-action';
import type { RemoveTitlesState } from '@/components/watchlist/EditWatchlistForm';
import type { RawWatchlistState } from '@/components/watchlist/RawWatchlistForm';

/** Each title once: a page and its talk page ticked together are one watch. */
function distinct(titles: readonly ParsedTitle[]): ParsedTitle[] {
  const seen = new Map<string, ParsedTitle>();
  for (const title of titles) if (!seen.has(title.prefixedDbKey)) seen.set(title.prefixedDbKey, title);
  return [...seen.values()];
}

/** Special:EditWatchlist's "Remove titles": the ticked titles leave the watchlist; the notice names them. */
export async function submitRemoveTitles(_previous: RemoveTitlesState, formData: FormData): Promise<RemoveTitlesState> {
  const titles = formData.getAll('titles').filter((value): value is string => typeof value === 'string');
  return runFormAction({
    values: { titles },
    schema: removeTitlesSchema,
    // The form has no field to mark: "tick some titles" is the whole message.
    refused: 'first-problem',
    async run(request) {
      const removed = distinct(request.titles);
      await unwatchTitles(await getActor(), removed);
      return { values: { titles: [] }, removed: removed.map((title) => title.prefixedText) };
    },
  });
}

// The text is read by parseRawWatchlist in `run`: its refusal (which lines) goes beside the text area.
const rawInputSchema = z.object({ titles: z.string() });

/**
 * Special:EditWatchlist/raw's "Update watchlist": the watchlist becomes the listed titles. A list
 * with a line that is no title changes nothing and comes back as typed.
 */
export async function submitRawWatchlist(_previous: RawWatchlistState, formData: FormData): Promise<RawWatchlistState> {
  const text = formData.get('titles');
  return runFormAction({
    values: { titles: typeof text === 'string' ? text : '' },
    schema: rawInputSchema,
    async run(input) {
      const actor = await getActor();
      const { titles } = parseRawWatchlist(input.titles);
      const { added, removed } = await replaceWatchlist(actor, titles);
      const names = (list: ParsedTitle[]) => list.map((title) => title.prefixedText);
      // The text area now shows the list as stored: one subject title per line, sorted.
      return { values: { titles: rawWatchlistText(titles) }, saved: { added: names(added), removed: names(removed) } };
    },
  });
}
