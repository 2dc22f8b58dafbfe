import { serveImage } from '@/lib/server/files/image-serving';

/*
 * Uploaded files: /images/{sha1}/{Name} and /images/thumb/{sha1}/{width}px-{Name}
 * (docs/files.md "URLs and headers"). proxy.ts does not run for these (its matcher leaves out
 * /images/): no page policy, nonce or language is needed to send bytes. The logic lives in
 * lib/server/files/image-serving.ts.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return serveImage(request);
}

export function HEAD(request: Request): Promise<Response> {
  return serveImage(request);
}
