import { useTranslations } from 'next-intl';
import type { ChangeEvent } from 'react';
import { WATCH_EXPIRY_CHOICES } from '@/lib/domain/watchlist';

const EXPIRY_KEYS = { infinite: 'permanent', '1 week': 'week', '1 month': 'month', '3 months': 'threeMonths' } as const;

/** "Watch for: Permanently / 1 week / 1 month / 3 months", MediaWiki's watchlist-expiry menu (the star's and ?action=watch's). */
export function ExpirySelect({ defaultValue, onChange }: { defaultValue: string; onChange?: (event: ChangeEvent<HTMLSelectElement>) => void }) {
  const t = useTranslations('watchlist.star');
  return (
    <label>
      {t('expiryLabel')}{' '}
      <select name="expiry" defaultValue={defaultValue} onChange={onChange}>
        {WATCH_EXPIRY_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`expiry.${EXPIRY_KEYS[choice]}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
