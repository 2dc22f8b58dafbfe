import Link from 'next/link';
import { Suspense } from 'react';
import { SignOutButton } from '@/components/SignOutButton';
import { LoginLinks } from '@/components/LoginLinks';
import { SearchBox } from '@/components/SearchBox';
import { encodeTitleForUrl } from '@/lib/domain/titles';

export function SiteHeader({ siteName, userName }: { siteName: string; userName: string | null }) {
  return (
    <header className="site-header">
      <Link href="/wiki/Main_Page" className="site-name">
        <span className="site-logo" aria-hidden="true">
          ☎
        </span>
        {siteName}
      </Link>
      <nav aria-label="Site">
        <ul className="site-nav">
          <li>
            <Link href="/wiki/Main_Page">Main Page</Link>
          </li>
          <li>
            <Link href="/wiki/Special:Random" prefetch={false}>
              Random page
            </Link>
          </li>
        </ul>
      </nav>
      <SearchBox />
      <nav aria-label="Personal tools" className="personal-tools">
        {userName ? (
          <ul className="site-nav">
            <li>
              <Link href={`/wiki/${encodeTitleForUrl(`User:${userName.replaceAll(' ', '_')}`)}`} className="current-user">
                {userName}
              </Link>
            </li>
            <li>
              <Link href="/wiki/Special:ChangePassword">Change password</Link>
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
    </header>
  );
}
