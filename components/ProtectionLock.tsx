import { useFormatter, useTranslations } from 'next-intl';
import type { LockDescription } from '@/lib/domain/protection';

/** Dates the text labels "(UTC)" (expiries, as typed in UTC in the forms) stay in UTC whatever the reader's time zone. */
const UTC = { timeZone: 'UTC' } as const;

/**
 * The padlock of a protected page, saying who may edit or move it and until when. An SVG rather
 * than the 🔒 emoji, which machines without an emoji font show as an empty box.
 */
export function ProtectionLock({ lock }: { lock: LockDescription }) {
  const t = useTranslations('common.lock');
  const format = useFormatter();
  const expiry = (expiresAt: Date | null) =>
    expiresAt === null ? t('indefinitely') : t('until', { time: format.dateTime(expiresAt, 'time', UTC), date: format.dateTime(expiresAt, 'date', UTC) });
  const text =
    lock.kind === 'editThenMove'
      ? t('editThenMove', { who: t(`who.${lock.level}`), expiry: expiry(lock.expiresAt), moveWho: t(`who.${lock.moveLevel}`), moveExpiry: expiry(lock.moveExpiresAt) })
      : t(lock.kind, { who: t(`who.${lock.level}`), expiry: expiry(lock.expiresAt) });
  return (
    <span className="protection-lock" role="img" aria-label={text} title={text}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" focusable="false">
        <path fill="currentColor" d="M8 1a4 4 0 0 0-4 4v2H3a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-1V5a4 4 0 0 0-4-4Zm-2 6V5a2 2 0 1 1 4 0v2H6Z" />
      </svg>
    </span>
  );
}
