import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/lib/server/db';
import { getActor } from '@/lib/server/session';
import { hasWatchlistFeedToken } from '@/lib/server/watchlist-feed';
import { assertCan, can, type Actor, type Decision } from '@/lib/domain/policy';
import {
  DEFAULT_PREFERENCES,
  notificationPreferencesFormSchema,
  readPreferences,
  storedPreferences,
  watchlistPreferencesFormSchema,
  type Preferences,
} from '@/lib/domain/preferences';

/*
 * Special:Preferences' data: users.preferences holds only the values that differ from the defaults
 * (lib/domain/preferences.ts), so a default changed later reaches everyone who never chose.
 */

/** The watchlist section's keys: a save replaces these and leaves every other stored key alone. */
const WATCHLIST_SECTION_KEYS = Object.keys(watchlistPreferencesFormSchema.shape);

/** A user's preferences; a missing user or an unreadable stored value reads as the defaults. */
export async function getPreferences(userId: number): Promise<Preferences> {
  const row = await getDb().user.findUnique({ where: { id: userId }, select: { preferences: true } });
  return readPreferences(row?.preferences ?? null);
}

/**
 * Saves the watchlist section of Special:Preferences for the actor and returns what is now in
 * effect. One UPDATE, so two saves at once cannot interleave a read and a write: the section's keys
 * are removed and its non-default values put back, while keys of other sections (or of a later
 * release) stay as they were.
 */
export async function saveWatchlistPreferences(actor: Actor, parsed: z.output<typeof watchlistPreferencesFormSchema>): Promise<Preferences> {
  assertCan(actor, 'editmywatchlist');
  const stored = storedPreferences({ ...DEFAULT_PREFERENCES, ...parsed });
  const section = Object.fromEntries(Object.entries(stored).filter(([key]) => WATCHLIST_SECTION_KEYS.includes(key)));
  const rows = await getDb().$queryRaw<{ preferences: unknown }[]>`
    UPDATE users SET preferences = (preferences - ${WATCHLIST_SECTION_KEYS}::text[]) || ${JSON.stringify(section)}::jsonb
    WHERE id = ${actor.userId} RETURNING preferences`;
  if (rows.length === 0) throw new Error(`no user ${actor.userId} to save preferences for`);
  return readPreferences(rows[0]!.preferences);
}

/** The notifications section's keys (notifyUserTalk…): its save replaces only these. */
const NOTIFICATION_SECTION_KEYS = Object.keys(notificationPreferencesFormSchema.shape);

/**
 * Saves the notifications section of Special:Preferences for the actor, as saveWatchlistPreferences
 * does its own: one UPDATE replacing only this section's keys. Turning a kind off stops new ones
 * (deliverNotifications reads the preference); those already delivered stay.
 */
export async function saveNotificationPreferences(actor: Actor, parsed: z.output<typeof notificationPreferencesFormSchema>): Promise<Preferences> {
  assertCan(actor, 'viewmynotifications');
  const stored = storedPreferences({ ...DEFAULT_PREFERENCES, ...parsed });
  const section = Object.fromEntries(Object.entries(stored).filter(([key]) => NOTIFICATION_SECTION_KEYS.includes(key)));
  const rows = await getDb().$queryRaw<{ preferences: unknown }[]>`
    UPDATE users SET preferences = (preferences - ${NOTIFICATION_SECTION_KEYS}::text[]) || ${JSON.stringify(section)}::jsonb
    WHERE id = ${actor.userId} RETURNING preferences`;
  if (rows.length === 0) throw new Error(`no user ${actor.userId} to save preferences for`);
  return readPreferences(rows[0]!.preferences);
}

export type PreferencesScreen = { kind: 'denied'; decision: Extract<Decision, { allowed: false }> } | { kind: 'form'; preferences: Preferences; hasFeedToken: boolean };

/** Special:Preferences for the reader: their watchlist preferences and whether they have a feed address, or why not. */
export async function loadPreferencesScreen(): Promise<PreferencesScreen> {
  const actor = await getActor();
  const decision = can(actor, 'editmywatchlist');
  if (!decision.allowed) return { kind: 'denied', decision };
  const [preferences, hasFeedToken] = await Promise.all([getPreferences(actor.userId!), hasWatchlistFeedToken(actor)]);
  return { kind: 'form', preferences, hasFeedToken };
}
