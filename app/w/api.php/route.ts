import { actionApi } from '@/lib/server/action-api/main';

/* MediaWiki's Action API: GET or POST /w/api.php?action=… (lib/server/action-api/main.ts runs it). */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return actionApi(request);
}

export function POST(request: Request): Promise<Response> {
  return actionApi(request);
}
