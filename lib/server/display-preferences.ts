import 'server-only';
import { getDb } from '@/lib/server/db';
import { assertCan, type Actor } from '@/lib/domain/policy';
import { DEFAULT_PREFERENCES, readPreferences, storedPreferences, type Preferences } from '@/lib/domain/preferences';
import { displayPreferencesFormSchema, type DisplayPreferences, type InterfaceLanguage } from '@/lib/domain/display-preferences';

/*
 * Special:Preferences' "Appearance and language" and "Date and time" sections, saved as the other
 * sections are (lib/server/preferences.ts): one UPDATE that replaces only this section's keys, so
 * two sections saved at once never undo each other. They take effect at the reader's next request:
 * the session loads them with the actor (lib/server/session.ts getViewerDisplay).
 */

/** interfaceLanguage, timeZone, dateFormat, theme. */
const DISPLAY_SECTION_KEYS = Object.keys(displayPreferencesFormSchema.shape);

async function replaceKeys(actor: Actor, keys: string[], values: Partial<Preferences>): Promise<Preferences> {
  // Only values that differ from the defaults are stored (a changed default reaches everyone who never chose).
  const stored = storedPreferences({ ...DEFAULT_PREFERENCES, ...values });
  const section = Object.fromEntries(Object.entries(stored).filter(([key]) => keys.includes(key)));
  const rows = await getDb().$queryRaw<{ preferences: unknown }[]>`
    UPDATE users SET preferences = (preferences - ${keys}::text[]) || ${JSON.stringify(section)}::jsonb
    WHERE id = ${actor.userId} RETURNING preferences`;
  if (rows.length === 0) throw new Error(`no user ${actor.userId} to save preferences for`);
  return readPreferences(rows[0]!.preferences);
}

/** Saves the section for the actor (signed-in users only, blocked ones included) and returns what is now in effect. */
export async function saveDisplayPreferences(actor: Actor, parsed: DisplayPreferences): Promise<Preferences> {
  assertCan(actor, 'editmywatchlist');
  return replaceKeys(actor, DISPLAY_SECTION_KEYS, parsed);
}

/**
 * The footer's language switcher used by a signed-in reader: the choice becomes their saved
 * language (MediaWiki's ULS does the same), so it follows them to other browsers. Anonymous
 * readers only get the cookie.
 */
export async function saveInterfaceLanguage(actor: Actor, language: InterfaceLanguage): Promise<void> {
  if (actor.userId === null) return;
  await replaceKeys(actor, ['interfaceLanguage'], { interfaceLanguage: language });
}
