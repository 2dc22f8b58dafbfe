import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * Next.js's Link without prefetching, the wiki's link for every in-app navigation.
 *
 * Next.js prefetches each link as it scrolls into view: one server render per link. A wiki page is
 * mostly links (history rows, recent changes, the sidebar), so one view of Special:RecentChanges
 * asked the server for 36 renders nobody had requested, and an article for 10; measured, they
 * cost the server more CPU than the views themselves (docs/page-cache.md, "No prefetching"). MediaWiki prefetches
 * nothing either. A click still navigates client-side: only the guessing ahead is gone.
 */
export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
