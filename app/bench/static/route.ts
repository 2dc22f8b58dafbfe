/**
 * Baseline for `npm run bench`: the cheapest thing this Next.js server can answer, a response
 * prerendered at build time (a page would inherit the root layout, which is dynamic and reads the
 * database). proxy.ts answers 404 here unless the server runs with WIKI_BENCH_BASELINES=1: the
 * output is fixed at build time, so the route itself cannot check a run-time setting.
 */
export const dynamic = 'force-static';

const PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Static baseline</title></head>
<body><main><h1>Static baseline</h1><p>A trivial page, prerendered at build time.</p></main></body></html>
`;

export function GET(): Response {
  return new Response(PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
