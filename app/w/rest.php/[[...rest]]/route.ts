import { noRoute } from '@/lib/server/rest/no-route';

/*
 * Every /w/rest.php address that no other route handler takes (more specific routes win): a JSON
 * 404 in MediaWiki's shape for any method. Without it such a request would be rendered as a page,
 * and a form POST to a page is taken for a Server Action (lib/server/rest/no-route.ts).
 */
export const dynamic = 'force-dynamic';

export const GET = noRoute;
export const HEAD = noRoute;
export const POST = noRoute;
export const PUT = noRoute;
export const DELETE = noRoute;
export const PATCH = noRoute;
export const OPTIONS = noRoute;
