import { wikiHealth } from '@/lib/server/health';

/* The instance's health for load balancers and operators: its databases (lib/server/health.ts). */
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const health = await wikiHealth();
  return Response.json(health, {
    status: health.status === 'unavailable' ? 503 : 200,
    headers: { 'cache-control': 'no-store' },
  });
}
