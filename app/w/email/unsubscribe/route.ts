import { unsubscribeResponse } from '@/lib/server/notifications/unsubscribe';

/*
 * The unsubscribe link of every notification e-mail (/w/email/unsubscribe?token=…): GET asks, POST
 * turns e-mail notifications off (mail scanners fetch links, so a GET changes nothing); mail
 * clients' one-click unsubscribe (RFC 8058) POSTs here too. The signed token is the credential;
 * the logic lives in lib/server/notifications/unsubscribe.ts.
 */
export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> {
  return unsubscribeResponse(request);
}

export function POST(request: Request): Promise<Response> {
  return unsubscribeResponse(request);
}
