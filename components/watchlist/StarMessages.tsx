import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { starMessages } from '@/lib/i18n/catalogs';

/**
 * The watch star's text for its client component. Reading views send only the reading messages
 * (lib/i18n/catalogs.ts); the star, shown to signed-in readers only, brings its own few lines.
 */
export async function StarMessages({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={starMessages(await getMessages())}>{children}</NextIntlClientProvider>;
}
