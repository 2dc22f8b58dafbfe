import 'server-only';
import type { z } from 'zod';
import { getDb } from '@/lib/server/db';
import { getSiteName } from '@/lib/server/site';
import { getActor } from '@/lib/server/session';
import { consume, LIMITS } from '@/lib/server/throttle';
import { newConfirmationToken, sendMail, tokenHash, unsubscribeTokenUser } from '@/lib/server/notifications/mailer';
import { confirmationMailText } from '@/lib/i18n/notification-mail-text';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { assertCan, can, type Actor } from '@/lib/domain/policy';
import { readPreferences, storedPreferences, DEFAULT_PREFERENCES, type Preferences } from '@/lib/domain/preferences';
import {
  CONFIRMATION_TTL_MS,
  confirmEmailHref,
  confirmationOutcome,
  emailSettingsFormSchema,
  isTokenShaped,
  mailEnabled,
  type ConfirmationOutcome,
} from '@/lib/domain/notification-mail';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';

/*
 * A user's e-mail address (MediaWiki's Special:ChangeEmail and Special:ConfirmEmail), the e-mail
 * section of Special:Preferences and unsubscribing (docs/notifications.md, "E-mail"). An address
 * is used only once confirmed through a link with a random token, of which only the SHA-256 is
 * stored, good for 7 days; a new address needs a new confirmation.
 */

export interface EmailStatus {
  /** Whether the wiki sends mail at all (SMTP_URL): without it the section offers no address field. */
  enabled: boolean;
  email: string | null;
  verifiedAt: Date | null;
  /** A confirmation sent and not expired yet. */
  pending: boolean;
}

export async function emailStatus(userId: number, now = new Date()): Promise<EmailStatus> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { email: true, emailVerifiedAt: true, emailTokenExpiresAt: true } });
  return {
    enabled: mailEnabled(process.env),
    email: user?.email ?? null,
    verifiedAt: user?.emailVerifiedAt ?? null,
    pending: user?.emailTokenExpiresAt != null && user.emailTokenExpiresAt > now,
  };
}

/** Special:Preferences' e-mail section for the reader: null when signed out or when the wiki sends no mail. */
export async function loadEmailPreferences(): Promise<{ status: EmailStatus; preferences: Preferences } | null> {
  const actor = await getActor();
  if (!mailEnabled(process.env) || !can(actor, 'viewmynotifications').allowed) return null;
  const [status, row] = await Promise.all([emailStatus(actor.userId!), getDb().user.findUnique({ where: { id: actor.userId! }, select: { preferences: true } })]);
  return { status, preferences: readPreferences(row?.preferences ?? null) };
}

/**
 * Stores `email` as the actor's address, unconfirmed, and mails the confirmation link (to
 * `origin`, the wiki's address as the reader reached it). The address stays saved when sending
 * fails (the refusal says so; saving again sends a new link). An address already confirmed is left
 * as it is. At most 4 messages per account a day (LIMITS.confirmEmail). Returns whether a message went out ('unchanged': the address was already confirmed).
 */
export async function requestEmailConfirmation(
  actor: Actor,
  email: string,
  options: { origin: string; locale: Locale; now?: Date },
): Promise<'sent' | 'unchanged' | 'failed'> {
  assertCan(actor, 'viewmynotifications');
  if (!mailEnabled(process.env)) throw new AppError('FORBIDDEN', errorMessage('email.disabled'));
  const user = await getDb().user.findUniqueOrThrow({ where: { id: actor.userId! }, select: { name: true, email: true, emailVerifiedAt: true } });
  if (user.email === email && user.emailVerifiedAt !== null) return 'unchanged';
  await consume(LIMITS.confirmEmail, String(actor.userId));
  const { token, hash } = newConfirmationToken();
  const expires = new Date((options.now ?? new Date()).getTime() + CONFIRMATION_TTL_MS);
  await getDb().user.update({
    where: { id: actor.userId! },
    data: { email, emailVerifiedAt: null, emailTokenHash: hash, emailTokenExpiresAt: expires },
  });
  const text = confirmationMailText(options.locale, { site: await getSiteName(), user: user.name, link: `${options.origin}${confirmEmailHref(token)}`, expires });
  try {
    await sendMail({ to: email, ...text });
  } catch (error) {
    // The reader is told to try later; the operator finds why here.
    console.warn(`Confirmation e-mail for user ${actor.userId} not sent: ${error instanceof Error ? error.message : String(error)}`);
    return 'failed';
  }
  return 'sent';
}

/** Special:ConfirmEmail/<token>: confirms the address the token was sent to, whoever follows the link. */
export async function confirmEmail(token: string, now = new Date()): Promise<ConfirmationOutcome> {
  if (!isTokenShaped(token)) return 'unknown';
  const hash = tokenHash(token);
  const user = await getDb().user.findUnique({ where: { emailTokenHash: hash }, select: { id: true, emailTokenExpiresAt: true } });
  if (!user) return 'unknown';
  const outcome = confirmationOutcome(user.emailTokenExpiresAt, now);
  if (outcome !== 'confirmed') return outcome;
  // Guarded by the hash: an address changed since (a new token) is not confirmed by the old link.
  const updated = await getDb().user.updateMany({
    where: { id: user.id, emailTokenHash: hash },
    data: { emailVerifiedAt: now, emailTokenHash: null, emailTokenExpiresAt: null },
  });
  return updated.count === 1 ? 'confirmed' : 'unknown';
}

const SECTION_KEYS = Object.keys(emailSettingsFormSchema.shape);

/** Saves the e-mail settings (how often, which kinds): one UPDATE of only this section's keys, as saveNotificationPreferences. */
export async function saveEmailSettings(actor: Actor, parsed: z.output<typeof emailSettingsFormSchema>): Promise<Preferences> {
  assertCan(actor, 'viewmynotifications');
  const stored = storedPreferences({ ...DEFAULT_PREFERENCES, ...parsed });
  const section = Object.fromEntries(Object.entries(stored).filter(([key]) => SECTION_KEYS.includes(key)));
  const rows = await getDb().$queryRaw<{ preferences: unknown }[]>`
    UPDATE users SET preferences = (preferences - ${SECTION_KEYS}::text[]) || ${JSON.stringify(section)}::jsonb
    WHERE id = ${actor.userId} RETURNING preferences`;
  if (rows.length === 0) throw new Error(`no user ${actor.userId} to save preferences for`);
  return readPreferences(rows[0]!.preferences);
}

/** The account an unsubscribe link is for (its name), or null for a link this wiki did not make. */
export async function unsubscribeTarget(token: string): Promise<{ userId: number; name: string } | null> {
  const userId = unsubscribeTokenUser(token);
  if (userId === null) return null;
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { name: true } });
  return user ? { userId, name: user.name } : null;
}

/** Follows an unsubscribe link: e-mail notifications off (the address stays; the preferences turn them on again). */
export async function unsubscribe(token: string): Promise<{ name: string } | null> {
  const target = await unsubscribeTarget(token);
  if (!target) return null;
  await getDb().$executeRaw`UPDATE users SET preferences = preferences || '{"emailNotifications":"off"}'::jsonb WHERE id = ${target.userId}`;
  return { name: target.name };
}
