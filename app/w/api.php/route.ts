import { actionApi } from '@/lib/server/action-api';

/* MediaWiki's Action API: GET /w/api.php?action=opensearch&search=… (lib/server/action-api.ts dispatches by action). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return actionApi(request);
}
