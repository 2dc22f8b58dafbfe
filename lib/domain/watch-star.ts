/**
 * The watch star's state as the client component and its Server Action exchange it (plain JSON:
 * dates as ISO strings). Pure: no I/O.
 */
export interface WatchStarState {
  watched: boolean;
  /** ISO time a temporary watch ends; null when permanent or not watched. */
  expiresAt: string | null;
  /** Why the last change failed, in the reader's language. */
  error: string | null;
  /** What the last submission did: the star then offers the choice of how long to watch. */
  changed?: 'watched' | 'unwatched';
  /** The expiry chosen last (lib/domain/watchlist.ts WATCH_EXPIRY_CHOICES), to show it selected. */
  expiry?: string;
}
