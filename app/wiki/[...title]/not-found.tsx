import { headers } from 'next/headers';
import { MissingPage } from '@/components/MissingPage';

export default async function WikiPageNotFound() {
  const encoded = (await headers()).get('x-wiki-title');
  const title = encoded ? decodeURIComponent(encoded) : null;
  return <MissingPage title={title} />;
}
