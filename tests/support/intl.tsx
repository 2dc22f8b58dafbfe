import type { ReactElement, ReactNode } from 'react';
import { render, type RenderOptions, type RenderResult } from '@testing-library/react';
import { NextIntlClientProvider } from 'next-intl';
import { CATALOGS } from '@/lib/i18n/catalogs';
import { FORMATS, TIME_ZONE } from '@/lib/i18n/formats';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';

/** The provider the root layout gives every page, with the real catalogs of `locale`. */
export function IntlProvider({ locale = 'en', children }: { locale?: Locale; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} formats={FORMATS} timeZone={TIME_ZONE}>
      {children}
    </NextIntlClientProvider>
  );
}

/** Testing Library's render inside the wiki's i18n provider (English unless `locale` says otherwise). */
export function renderWithIntl(ui: ReactElement, options: Omit<RenderOptions, 'wrapper'> & { locale?: Locale } = {}): RenderResult {
  const { locale, ...rest } = options;
  return render(ui, { ...rest, wrapper: ({ children }) => <IntlProvider locale={locale}>{children}</IntlProvider> });
}
