import { headers } from 'next/headers';
import { MissingPage } from '@/components/MissingPage';

/** 404 for /wiki/ addresses; proxy.ts passes the title (and any revision asked for) in headers. */
export default async function WikiPageNotFound() {
  const requestHeaders = await headers();
  const encoded = requestHeaders.get('x-wiki-title');
  const title = encoded ? decodeURIComponent(encoded) : null;
  return <MissingPage title={title} revision={requestHeaders.get('x-wiki-revision')} />;
}
