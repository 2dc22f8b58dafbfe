import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import { clientMessages } from '@/lib/i18n/catalogs';

/**
 * The interface text of the forms (edit, upload, sign-in, administration…) for the client
 * components inside: views that have forms are wrapped in it. The root layout sends only what
 * every page needs (readingMessages), some 15 KB less in each reader's page.
 */
export async function FormMessages({ children }: { children: ReactNode }) {
  return <NextIntlClientProvider messages={clientMessages(await getMessages())}>{children}</NextIntlClientProvider>;
}
