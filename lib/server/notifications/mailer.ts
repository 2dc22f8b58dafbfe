import 'server-only';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { mailEnabled, mailFrom } from '@/lib/domain/notification-mail';
import { getSiteName } from '@/lib/server/site';
import { MAX_DATABASE_INTEGER } from '@/lib/domain/database-integer';

/*
 * Sending mail (docs/notifications.md, "E-mail"): nodemailer over SMTP_URL, and the two kinds of
 * token mail links carry. Confirmation tokens are random and only their SHA-256 is stored (as the
 * watchlist feed's); unsubscribe tokens are an HMAC of the user id under NEXTAUTH_SECRET, so a
 * link in any message ever sent keeps working without a stored row per message.
 */

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** RFC 8058 one-click unsubscribe (the link the body carries too). */
  unsubscribeUrl?: string;
}

let cached: { url: string; transport: Transporter } | null = null;

function transport(): Transporter {
  const url = process.env.SMTP_URL?.trim();
  if (!url || !mailEnabled(process.env)) throw new Error('SMTP_URL is not set: this wiki sends no e-mail');
  if (cached?.url !== url) {
    // Short timeouts: a job waiting on a dead server holds a worker slot; the retry comes back later.
    cached = { url, transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }) };
  }
  return cached.transport;
}

/** Sends one message; throws when the server refuses it or cannot be reached (the caller retries). */
export async function sendMail(mail: OutgoingMail): Promise<void> {
  const from = mailFrom(process.env, await getSiteName());
  await transport().sendMail({
    from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    // Auto-Submitted: no vacation auto-replies to the wiki (RFC 3834).
    headers:
      mail.unsubscribeUrl === undefined
        ? { 'Auto-Submitted': 'auto-generated' }
        : { 'Auto-Submitted': 'auto-generated', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    ...(mail.unsubscribeUrl === undefined ? {} : { list: { unsubscribe: mail.unsubscribeUrl } }),
  });
}

/**
 * A new confirmation token (32 random bytes) and the hash stored for it. Hex, not base64url: the
 * token travels as a title's subpage, where "__" and a trailing "_" would be normalized away.
 */
export function newConfirmationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('hex');
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function secret(): string {
  const key = process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET;
  // npm start always sets one (runtime/auth-env.ts); without it links could be forged.
  if (!key) throw new Error('NEXTAUTH_SECRET is not set: unsubscribe links cannot be signed');
  return key;
}

function unsubscribeMac(userId: number): Buffer {
  return createHmac('sha256', secret()).update(`notification-mail-unsubscribe:${userId}`).digest();
}

/** The token of a user's unsubscribe link: their id and its HMAC. */
export function unsubscribeToken(userId: number): string {
  return `${userId}.${unsubscribeMac(userId).toString('base64url')}`;
}

/** The user an unsubscribe token names, or null when it was not made by this wiki. */
export function unsubscribeTokenUser(token: string): number | null {
  const match = /^([1-9]\d{0,9})\.([A-Za-z0-9_-]{43})$/u.exec(token);
  if (!match) return null;
  const userId = Number(match[1]);
  if (userId > MAX_DATABASE_INTEGER) return null;
  const given = Buffer.from(match[2]!, 'base64url');
  const expected = unsubscribeMac(userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
