/**
 * Inputs every administrator action shares: a reason (shown in the audit log) and an expiry (for
 * protections and blocks), as zod fields for the action schemas, plus the expiry parser they use.
 *
 * Expiries are written as MediaWiki's protect and block forms take them: "infinite" (also
 * "indefinite", "never"), a relative duration ("2 hours", "1 week", "3 months") or an absolute
 * date and time (ISO 8601, or a browser's datetime-local value "2027-01-31T18:00", read as UTC).
 *
 * Pure: no I/O; "now" is passed in so tests can fix it.
 */
import { z } from 'zod';
import { englishText, errorMessage, textInput, zodIssue, zodRefinement, type ErrorMessage } from '@/lib/domain/error-messages';

export const MAX_REASON_CHARS = 500;

/** The choices the forms offer (value = what parseExpiry accepts). */
export const EXPIRY_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'infinite', label: 'indefinite' },
  { value: '1 hour', label: '1 hour' },
  { value: '1 day', label: '1 day' },
  { value: '3 days', label: '3 days' },
  { value: '1 week', label: '1 week' },
  { value: '2 weeks', label: '2 weeks' },
  { value: '1 month', label: '1 month' },
  { value: '3 months', label: '3 months' },
  { value: '6 months', label: '6 months' },
  { value: '1 year', label: '1 year' },
];

// Typed expiries are read in English and in Italian, the interface's languages.
const INDEFINITE = new Set(['infinite', 'infinity', 'indefinite', 'never', 'infinito', 'indefinito', 'mai', 'per sempre']);

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
const UNIT_NAMES: Readonly<Record<string, Unit>> = {
  minute: 'minute',
  minutes: 'minute',
  minuto: 'minute',
  minuti: 'minute',
  hour: 'hour',
  hours: 'hour',
  ora: 'hour',
  ore: 'hour',
  day: 'day',
  days: 'day',
  giorno: 'day',
  giorni: 'day',
  week: 'week',
  weeks: 'week',
  settimana: 'week',
  settimane: 'week',
  month: 'month',
  months: 'month',
  mese: 'month',
  mesi: 'month',
  year: 'year',
  years: 'year',
  anno: 'year',
  anni: 'year',
};
const UNIT_MS: Readonly<Record<Exclude<Unit, 'month' | 'year'>, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};
const RELATIVE = /^(\d{1,4})\s*(\p{L}+)$/u;
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u;
/** A hundred years: anything further is a typo for "indefinite". */
const MAX_EXPIRY_MS = 100 * 365 * 86_400_000;

/** A refused expiry: `message` in English, `text` to show in the reader's language. */
export type ExpiryResult = { ok: true; expiresAt: Date | null } | { ok: false; message: string; text: ErrorMessage };

function refused(text: ErrorMessage): ExpiryResult {
  return { ok: false, message: englishText(text), text };
}

export function parseExpiry(input: string, now: Date): ExpiryResult {
  const text = input.trim().toLowerCase();
  if (INDEFINITE.has(text)) return { ok: true, expiresAt: null };
  const relative = RELATIVE.exec(text);
  const unit = relative ? UNIT_NAMES[relative[2]!] : undefined;
  let expiresAt: Date;
  if (relative && unit) {
    const amount = Number(relative[1]);
    expiresAt = new Date(now.getTime());
    if (unit === 'month') expiresAt.setUTCMonth(expiresAt.getUTCMonth() + amount);
    else if (unit === 'year') expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + amount);
    else expiresAt = new Date(now.getTime() + amount * UNIT_MS[unit]);
  } else if (ABSOLUTE.test(input.trim())) {
    const value = input.trim();
    // Without a zone the time is UTC (the wiki shows times in UTC), not the server's local time.
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/u.test(value) && value.length > 10;
    expiresAt = new Date(value.length === 10 ? `${value}T00:00:00Z` : hasZone ? value : `${value.replace(' ', 'T')}Z`);
    if (Number.isNaN(expiresAt.getTime())) return refused(errorMessage('admin.expiryNotDate', { expiry: input.trim() }));
  } else {
    return refused(errorMessage('admin.expiryFormat'));
  }
  if (expiresAt.getTime() <= now.getTime()) return refused(errorMessage('admin.expiryPast'));
  if (expiresAt.getTime() - now.getTime() > MAX_EXPIRY_MS) return refused(errorMessage('admin.expiryTooFar'));
  return { ok: true, expiresAt };
}

/** Form/API field: a string → the expiry as Date, or null for indefinite. Parsed against the current time. */
export const expiryField = textInput(errorMessage('admin.expiryRequired'))
  .transform((value) => value.trim())
  .refine((value) => value.length <= 100, zodRefinement(errorMessage('admin.expiryTooLong')))
  .transform((value, ctx) => {
    const result = parseExpiry(value === '' ? 'infinite' : value, new Date());
    if (!result.ok) {
      ctx.addIssue(zodIssue(result.text));
      return z.NEVER;
    }
    return result.expiresAt;
  });

/** Form/API field: why the administrator acts; required, one line, at most 500 characters. */
export const reasonField = textInput(errorMessage('admin.reasonRequired'))
  .transform((value) => value.replace(/\s+/gu, ' ').trim())
  .refine((value) => value.length >= 1, zodRefinement(errorMessage('admin.reasonRequired')))
  .refine((value) => [...value].length <= MAX_REASON_CHARS, zodRefinement(errorMessage('admin.reasonTooLong', { max: MAX_REASON_CHARS })));
