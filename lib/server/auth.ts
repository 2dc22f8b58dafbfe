import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getDb } from '@/lib/server/db';
import { verifyCredentials } from '@/lib/server/accounts';
import { signInSchema } from '@/lib/domain/accounts';
import { isAppError } from '@/lib/domain/errors';
import { errorMessage, issueText, type ErrorText } from '@/lib/domain/error-messages';
import { errorText } from '@/lib/i18n/error-text';
import { localeOfHeaders } from '@/lib/server/request-locale';
import { clientIpFromHeaders } from '@/lib/server/client-ip';

const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/**
 * next-auth 4 with username + password and JWT sessions. The JWT carries the user's
 * sessionVersion; lib/server/session.ts compares it with the database on every request, so a
 * sign-out, password change or block ends old sessions at once even though JWTs are stateless.
 */
export const authOptions: NextAuthOptions = {
  // Required in production: runtime/server.mjs refuses to start without it.
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET,
  // Cookies: always HttpOnly and SameSite=Lax (next-auth's defaults). Secure, with the __Secure-
  // prefix, exactly when the wiki's address is https: NEXTAUTH_URL when set, otherwise the scheme
  // the request arrived with (X-Forwarded-Proto from a TLS-terminating proxy, which
  // runtime/server.mjs keeps only with TRUST_PROXY; npm start sets AUTH_TRUST_HOST for that).
  // So `npm start` on http://localhost keeps working (browsers never
  // return a Secure cookie over plain http) and every https deployment gets Secure cookies.
  // Tested in tests/e2e/asvs.test.ts.
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE },
  pages: { signIn: '/wiki/Special:UserLogin', error: '/wiki/Special:UserLogin' },
  providers: [
    CredentialsProvider({
      name: 'Wiki account',
      credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        const headers: Record<string, string | string[] | undefined> = request.headers ?? {};
        // next-auth passes the message to the sign-in form (as ?error=…): in the reader's language.
        const refuse = (text: ErrorText) => new Error(errorText(text, localeOfHeaders(headers)));
        const parsed = signInSchema.safeParse(credentials ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw refuse(issue ? issueText(issue) : errorMessage('account.credentialsRequired'));
        }
        try {
          const account = await verifyCredentials(parsed.data.username, parsed.data.password, clientIpFromHeaders(headers));
          return { id: String(account.id), name: account.name, sessionVersion: account.sessionVersion };
        } catch (error) {
          if (isAppError(error)) throw refuse(error.text);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user) session.user.name = token.name ?? null;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      // Replaying the old cookie after sign-out must not work: bump the version it carries.
      if (typeof token?.uid === 'number') {
        await getDb().user.update({ where: { id: token.uid }, data: { sessionVersion: { increment: 1 } } });
      }
    },
  },
};
