import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '@/components/SiteHeader';
import { getSiteName } from '@/lib/server/site';
import { getActor } from '@/lib/server/session';
import './globals.css';

// Every page shows the wiki's name from the database, so nothing is prerendered at build time.
export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const siteName = await getSiteName();
  return { title: { default: siteName, template: `%s — ${siteName}` } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [siteName, actor] = await Promise.all([getSiteName(), getActor()]);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <SiteHeader siteName={siteName} userName={actor.name} />
        <div className="page-shell">
          <main id="content" className="content">
            {children}
          </main>
        </div>
        <footer className="site-footer">
          <p>{siteName} is written by its fans. Text is available under CC BY-SA.</p>
        </footer>
      </body>
    </html>
  );
}
