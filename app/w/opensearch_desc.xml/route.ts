import { openSearchDescriptionResponse } from '@/lib/server/opensearch';

/* The OpenSearch description that every page's <link rel="search"> names (lib/server/opensearch.ts). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return openSearchDescriptionResponse(request);
}
