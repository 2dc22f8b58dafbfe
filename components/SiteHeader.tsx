import Link from '@/components/Link';
import { Suspense } from 'react';
import { useTranslations } from 'next-intl';
import { SignOutButton } from '@/components/SignOutButton';
import { LoginLinks } from '@/components/LoginLinks';
import { SearchBox } from '@/components/SearchBox';
import { NotificationBadge } from '@/components/notifications/NotificationBadge';
import { encodeTitleForUrl } from '@/lib/domain/titles';

/**
 * The wiki bar: logo and name (a link to the Main Page), search, personal tools. Site-wide
 * navigation (Main Page, Random page…) lives in the sidebar (components/Sidebar.tsx).
 */
export function SiteHeader({
  siteName,
  userName,
  notifications = null,
}: {
  siteName: string;
  userName: string | null;
  /** The signed-in reader's unread notifications (lib/server/screens/site-frame.ts). */
  notifications?: { badge: string | null } | null;
}) {
  const t = useTranslations('common.header');
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/wiki/Main_Page" className="site-name">
          <SiteLogo />
          <span className="site-name-text">{siteName}</span>
        </Link>
        <SearchBox />
        <nav aria-label={t('personalTools')} className="personal-tools">
          {userName ? (
            <ul className="site-nav">
              <li>
                <Link href={`/wiki/${encodeTitleForUrl(`User:${userName.replaceAll(' ', '_')}`)}`} className="current-user">
                  {userName}
                </Link>
              </li>
              {notifications !== null && (
                <li>
                  <NotificationBadge badge={notifications.badge} />
                </li>
              )}
              <li>
                <Link href="/wiki/Special:ChangePassword">{t('changePassword')}</Link>
              </li>
              <li>
                <SignOutButton />
              </li>
            </ul>
          ) : (
            <Suspense fallback={null}>
              <LoginLinks />
            </Suspense>
          )}
        </nav>
      </div>
    </header>
  );
}

/**
 * The logo slot: a 2.5rem round badge (.site-logo in app/styles/layout.css) left of the wiki's name.
 * To use a wiki's own logo, put the file in public/ (e.g. public/logo.svg) and replace the <svg>
 * below with <img src="/logo.svg" alt="" />: the slot sizes and crops whatever it holds. The logo
 * is decorative (alt="" / aria-hidden) because the link is already named by the wiki's name.
 */
function SiteLogo() {
  return (
    <span className="site-logo" aria-hidden="true">
      {/* The ☎ mark as a handset (Material Icons "call", Apache-2.0), the same whatever fonts are installed. */}
      <svg viewBox="0 0 24 24" focusable="false">
        <path
          fill="currentColor"
          d="M6.62 10.79c1.44 2.83 3.76 5.14 6.59 6.59l2.2-2.2c.27-.27.67-.36 1.02-.24 1.12.37 2.33.57 3.57.57.55 0 1 .45 1 1V20c0 .55-.45 1-1 1-9.39 0-17-7.61-17-17 0-.55.45-1 1-1h3.5c.55 0 1 .45 1 1 0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02l-2.2 2.2z"
        />
      </svg>
    </span>
  );
}
