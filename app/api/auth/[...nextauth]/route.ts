import NextAuth from 'next-auth';
import { authOptions } from '@/lib/server/auth';
import { localeOfHeaders } from '@/lib/server/request-locale';
import { assertSignInAllowed } from '@/lib/server/accounts';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { isAppError } from '@/lib/domain/errors';
import { errorResponse } from '@/lib/domain/error-response.mjs';
import { errorText } from '@/lib/i18n/error-text';

const handler = NextAuth(authOptions);

type RouteContext = { params: Promise<{ nextauth: string[] }> };

/**
 * Sign-in attempts over the limit get a real 429 with Retry-After before next-auth runs. The body
 * keeps next-auth's shape ({ url: …?error=message }) so the sign-in form shows the message, in the
 * reader's language.
 */
async function post(request: Request, context: RouteContext): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'callback/credentials') {
    const form = new URLSearchParams(await request.clone().text());
    try {
      await assertSignInAllowed(form.get('username') ?? '', clientIpFromHeaders(request.headers));
    } catch (error) {
      if (!isAppError(error) || error.code !== 'RATE_LIMITED') throw error;
      const url = new URL('/wiki/Special:UserLogin', request.url);
      url.searchParams.set('error', errorText(error.text, localeOfHeaders(request.headers)));
      return errorResponse(JSON.stringify({ url: url.toString() }), { status: 429, contentType: 'application/json', retryAfterSeconds: error.retryAfterSeconds });
    }
  }
  return handler(request, context);
}

export { handler as GET, post as POST };
