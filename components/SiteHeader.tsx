import Link from 'next/link';

export function SiteHeader({ siteName }: { siteName: string }) {
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
        </ul>
      </nav>
    </header>
  );
}
