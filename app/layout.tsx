import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import { readingMessages } from '@/lib/i18n/catalogs';
import { SiteHeader } from '@/components/SiteHeader';
import { NewMessagesBanner } from '@/components/notifications/NotificationBadge';
import { Sidebar } from '@/components/Sidebar';
import { LanguageSwitcher } from '@/components/LanguageSwitcher';
import { chooseLanguage } from '@/app/actions/language';
import { loadSiteFrame, loadSiteTitle } from '@/lib/server/screens/site-frame';
import { getViewerDisplay } from '@/lib/server/session';
import { recentChangesFeedLink } from '@/lib/server/page-indexing';
import { OPENSEARCH_CONTENT_TYPE, OPENSEARCH_DESCRIPTION_PATH } from '@/lib/domain/opensearch';
import './globals.css';

// Every page shows the wiki's name from the database, so nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const [title, t] = await Promise.all([loadSiteTitle(), getTranslations('article.meta')]);
  // Feed discovery on every page; /wiki/ pages replace `alternates` with their own, which repeat it.
  return { title, alternates: { types: { 'application/atom+xml': [recentChangesFeedLink(t('recentChangesFeed'))] } } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [{ siteName, userName, notifications }, locale, t, messages, { theme }] = await Promise.all([
    loadSiteFrame(),
    getLocale(),
    getTranslations('common'),
    getMessages(),
    getViewerDisplay(),
  ]);
  return (
    // data-theme: a signed-in reader's saved theme ("auto" for everyone else), read by app/styles/tokens.css.
    <html lang={locale} data-theme={theme}>
      <body>
        {/* Browsers offer the wiki as a search engine (React places the link in <head>). */}
        <link rel="search" type={OPENSEARCH_CONTENT_TYPE} href={OPENSEARCH_DESCRIPTION_PATH} title={siteName} />
        {/* Client components read the same language; every page's need only this part of the catalogs (forms get theirs from FormMessages). */}
        <NextIntlClientProvider messages={readingMessages(messages)}>
          <a className="skip-link" href="#content">
            {t('skipToContent')}
          </a>
          <SiteHeader siteName={siteName} userName={userName} notifications={notifications} />
          <div className="page-shell">
            <Sidebar />
            <main id="content" className="content">
              {notifications?.newMessagesHref && <NewMessagesBanner href={notifications.newMessagesHref} />}
              {children}
            </main>
          </div>
          <footer className="site-footer">
            <p>{t('footer.license', { siteName })}</p>
            <LanguageSwitcher action={chooseLanguage} />
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
