import 'server-only';
import { assertCan, type Actor, type PageContext } from '@/lib/domain/policy';
import { credentialsFromRequest } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { RestError } from '@/lib/server/rest/errors';
import { assertSameOrigin } from '@/lib/server/rest/http';

/**
 * Who is writing: a personal API token (Authorization: Bearer …) or the session cookie; nobody
 * (anonymous) is allowed through here and left to the permission check. A token that is not
 * valid is refused outright instead of being treated as anonymous: the client meant to sign in,
 * and an anonymous edit under its IP address is not what it asked for.
 */
export async function writerOf(request: Request): Promise<Actor> {
  const credentials = await credentialsFromRequest(request);
  if (credentials.kind === 'invalid-token') {
    // MediaWiki's answer to a bad token: 403 rest-badtoken (clients branch on that key).
    throw new RestError(
      'FORBIDDEN',
      'rest-badtoken',
      'The API token in the Authorization header is not valid: it is mistyped, or it has been revoked. Create a new personal API token and send it as "Authorization: Bearer <token>".',
    );
  }
  if (credentials.kind === 'cookie') assertSameOrigin(request);
  return credentials.actor;
}

/**
 * The permission check, done before the body is read so that a client without the right gets its
 * 401/403 at once rather than after uploading megabytes. editPage checks create/edit again when
 * saving, under the page lock (the page may have been created or protected meanwhile).
 */
export function assertMayWrite(actor: Actor, page: PageContext): void {
  const settings = policySettings();
  // apiwrite needs an account even where anonymous editing is on: API clients authenticate.
  assertCan(actor, 'apiwrite', page, settings);
  assertCan(actor, page.id === null ? 'create' : 'edit', page, settings);
}
