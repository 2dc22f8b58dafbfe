import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { PrefixedParams } from '@/lib/domain/action-api/params';
import { canonicalBotLogin } from '@/lib/domain/bot-passwords';
import { toAppError } from '@/lib/domain/errors';
import { verifyBotLogin } from '@/lib/server/bot-passwords';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { BOT_SESSION_COOKIE, BOT_SESSION_MAX_AGE_SECONDS, botSessionCookieValue, endBotSessions } from '@/lib/server/action-api/bot-session';
import { isLoginTokenOf, loginTokenForRequest } from '@/lib/server/action-api/login-token';
import type { ApiContext, ApiModule } from '@/lib/server/action-api/module';
import { apiCookie, cookieValue } from '@/lib/server/action-api/session';
import { LOGIN_NONCE_COOKIE } from '@/lib/server/action-api/tokens';

/*
 * action=login and action=logout, as MediaWiki's ApiLogin and ApiLogout with $wgEnableBotPasswords:
 * a bot signs in with a bot password ("Name@appid", made on Special:BotPasswords) and gets a session
 * cookie (bot-session.ts) whose rights are the bot password's grants. Main-account passwords are
 * refused here (docs/bots.md says why). Every answer is MediaWiki's, word for word where clients
 * such as mwn compare the text.
 */

/** MediaWiki's wrongpassword: the same for an unknown name, an unknown app id and a wrong password. */
const WRONG_PASSWORD = 'Incorrect username or password entered. Please try again.';

/** The session providers' describe() as MediaWiki words them in api-login-fail-badsessionprovider. */
const BOT_PASSWORD_PROVIDER = 'MediaWiki\\Session\\BotPasswordSessionProvider sessions';
const OAUTH_PROVIDER = 'MediaWiki\\Extension\\OAuth\\SessionProvider sessions';

type LoginResult = Record<string, unknown> & { result: 'Success' | 'NeedToken' | 'WrongToken' | 'Failed' | 'Aborted' };

function answer(login: LoginResult): Record<string, unknown> {
  return { login };
}

/** MediaWiki's requirePostedParameters: a password or token in the query string ends up in logs. */
function requirePostedParameters(request: Request, names: readonly string[]): void {
  const query = new URL(request.url).searchParams;
  const found = names.filter((name) => query.has(name));
  if (found.length === 0) return;
  const which = found.length === 1 ? 'parameter was' : 'parameters were';
  throw new ApiError('mustpostparams', `The following ${which} found in the query string, but must be in the POST body: ${found.join(', ')}.`, {
    data: { params: found },
    module: 'login',
  });
}

/** MediaWiki's durationParams in login-throttled: "5 minutes", "45 seconds". */
function waitText(seconds: number): string {
  if (seconds >= 120) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minutes`;
  }
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}

async function botLogin(context: ApiContext, name: string, password: string): Promise<LoginResult> {
  if (name === '') return { result: 'Failed', reason: 'You have not specified a valid username.' };
  const canonical = canonicalBotLogin(name, password);
  if (canonical === null) {
    if (!name.includes('@') && !password.includes('@')) {
      return {
        result: 'Failed',
        reason: 'This wiki does not accept main-account passwords through action=login. Create a bot password on Special:BotPasswords and log in as "Name@appid" with it.',
      };
    }
    // Not a bot password's shape: no such password exists, so nothing is checked or counted.
    return { result: 'Failed', reason: WRONG_PASSWORD };
  }
  let login;
  try {
    login = await verifyBotLogin(canonical.loginName, canonical.password, clientIpFromHeaders(context.request.headers));
  } catch (caught) {
    const error = toAppError(caught);
    if (error?.code === 'RATE_LIMITED') {
      return { result: 'Failed', reason: `You have made too many recent login attempts. Please wait ${waitText(error.retryAfterSeconds ?? 300)} before trying again.` };
    }
    if (error?.code === 'UNAUTHENTICATED') return { result: 'Failed', reason: WRONG_PASSWORD };
    throw caught;
  }
  context.cookies.push(apiCookie(context.request, BOT_SESSION_COOKIE, await botSessionCookieValue(login.botPasswordId), BOT_SESSION_MAX_AGE_SECONDS));
  return { result: 'Success', lguserid: login.userId, lgusername: login.userName };
}

export const loginModule: ApiModule = {
  mustBePosted: true,
  // MediaWiki's isWriteMode (T283394): a login writes (last use, throttle counters).
  writes: true,
  async run(context) {
    requirePostedParameters(context.request, ['lgpassword', 'lgtoken']);
    const params = new PrefixedParams(context.params, 'lg');
    const name = params.string('name') ?? '';
    const password = params.string('password') ?? '';
    const token = params.string('token') ?? '';
    params.string('domain'); // MediaWiki's lgdomain: accepted, as this wiki has one authentication domain.

    // MediaWiki's canSetUser(): a session that is not cookie-based cannot become another.
    if (context.session.kind === 'botpassword') return answer({ result: 'Aborted', reason: `Cannot log in when using ${BOT_PASSWORD_PROVIDER}.` });
    if (context.session.kind === 'bearer') return answer({ result: 'Aborted', reason: `Cannot log in when using ${OAUTH_PROVIDER}.` });

    if (token === '') {
      context.warn({
        code: 'deprecation',
        module: 'login',
        text: 'Fetching a token via action=login is deprecated. Use action=query&meta=tokens&type=login instead.',
      });
      return answer({ result: 'NeedToken', token: loginTokenForRequest(context) });
    }
    // MediaWiki's token->wasNew(): no login session to check the token against (cookies dropped, or expired).
    if (cookieValue(context.request, LOGIN_NONCE_COOKIE) === undefined) {
      return answer({ result: 'Failed', reason: 'Unable to continue login. Your session most likely timed out.' });
    }
    if (!isLoginTokenOf(context.request, token)) return answer({ result: 'WrongToken' });
    return answer(await botLogin(context, name, password));
  },
};

/**
 * MediaWiki's ApiLogout: ends the bot password's sessions and forgets the login token's cookie. A
 * browser's own session is signed out with the wiki's sign-out button, which also ends it on the
 * server; here it keeps its cookie.
 */
export const logoutModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  async run(context) {
    if (context.session.kind === 'bearer') {
      throw new ApiError('cannotlogout', `Logging out is not possible when using ${OAUTH_PROVIDER}.`, { module: 'logout' });
    }
    // Ended on the server too, so a copy of the cookie is worth nothing once the bot has logged out.
    if (context.session.botPassword) await endBotSessions(context.session.botPassword.id);
    context.cookies.push(apiCookie(context.request, BOT_SESSION_COOKIE, '', 0));
    context.cookies.push(apiCookie(context.request, LOGIN_NONCE_COOKIE, '', 0));
    return {};
  },
};
