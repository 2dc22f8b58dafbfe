import 'server-only';
import { ApiError, apiErrorOf, type ApiMessage } from '@/lib/domain/action-api/errors';
import { ApiParams, quotedList } from '@/lib/domain/action-api/params';
import { errorBody, lenientMainOptions, readMainOptions, successBody, type MainOptions } from '@/lib/domain/action-api/result';
import { quotedValue } from '@/lib/domain/action-api/errors';
import type { Actor } from '@/lib/domain/policy';
import { API_MODULES } from '@/lib/server/action-api/modules';
import type { ApiContext, ApiModule } from '@/lib/server/action-api/module';
import { readApiRequest } from '@/lib/server/action-api/request';
import { apiSessionOf, type ApiSession } from '@/lib/server/action-api/session';
import { replicationLag } from '@/lib/server/action-api/lag';
import { tokenFor, tokenMatches } from '@/lib/server/action-api/tokens';

/*
 * /w/api.php, MediaWiki's Action API, as its ApiMain runs a request: read the parameters (query
 * string and POST body), find the module, then the checks every module gets in MediaWiki's order
 * (maxlag, assert, POST, token), then the module, then the envelope (warnings, requestid,
 * formatversion). Every module calls the same domain functions as the web pages and REST, so a
 * bot meets the same permissions, protection, blocks and throttles.
 */

const JSON_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  // MediaWiki's default for api.php: answers depend on the session and on the moment.
  'cache-control': 'private, must-revalidate, max-age=0',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

/** MediaWiki's apihighlimits: bots and administrators may ask for ten times more per request. */
function hasHighLimits(actor: Actor): boolean {
  return actor.bot === true || (actor.role === 'admin' && !actor.grants);
}

function moduleOf(params: ApiParams): { name: string; apiModule: ApiModule } {
  const action = params.string('action');
  if (action === undefined || action === '') throw new ApiError('missingparam', 'The "action" parameter must be set.');
  const found = Object.hasOwn(API_MODULES, action) ? API_MODULES[action] : undefined;
  if (!found) {
    throw new ApiError('badvalue', `Unrecognized value for parameter "action": ${quotedValue(action)}. This wiki's api.php answers ${quotedList(Object.keys(API_MODULES))}.`);
  }
  return { name: action, apiModule: found };
}

function checkMaxLag(options: MainOptions): void {
  if (options.maxLagSeconds === undefined) return;
  const lag = replicationLag();
  if (lag === null || lag.seconds <= options.maxLagSeconds) return;
  throw new ApiError('maxlag', `Waiting for ${lag.host}: ${lag.seconds} seconds lagged.`, {
    data: { host: lag.host, lag: lag.seconds, type: 'db' },
    retryAfterSeconds: 5,
  });
}

function checkAssertions(options: MainOptions, actor: Actor): void {
  if (options.assert === 'user' && actor.userId === null) throw new ApiError('assertuserfailed', 'You are no longer logged in, so the action could not be completed.');
  if (options.assert === 'bot' && actor.bot !== true) throw new ApiError('assertbotfailed', 'You do not have the "bot" right, so the action could not be completed.');
  if (options.assert === 'anon' && actor.userId !== null) throw new ApiError('assertanonfailed', 'You are no longer logged out, so the action could not be completed.');
  if (options.assertUser !== undefined && actor.name?.replaceAll('_', ' ') !== options.assertUser.replaceAll('_', ' ')) {
    throw new ApiError('assertnameduserfailed', `You are no longer logged in as "${quotedValue(options.assertUser)}", so the action could not be completed.`, {
      data: { user: options.assertUser },
    });
  }
}

function checkToken(request: Request, params: ApiParams, session: ApiSession): void {
  if (new URL(request.url).searchParams.has('token')) {
    throw new ApiError('mustpostparams', 'The following parameter was found in the query string, but must be in the POST body: token.', { data: { params: ['token'] } });
  }
  const given = params.requiredString('token');
  if (!tokenMatches(given, tokenFor('csrf', session.seed))) throw new ApiError('badtoken', 'Invalid CSRF token.');
}

function jsonResponse(body: unknown, status: number, cookies: readonly string[], extra: Record<string, string> = {}): Response {
  const headers = new Headers({ ...JSON_HEADERS, ...extra });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(JSON.stringify(body), { status, headers });
}

function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append('set-cookie', cookie);
  return response;
}

/** GET or POST /w/api.php: the module's answer, or MediaWiki's error object. */
export async function actionApi(request: Request): Promise<Response> {
  const warnings: ApiMessage[] = [];
  const cookies: string[] = [];
  let envelope: Pick<MainOptions, 'formatVersion' | 'errorFormat' | 'requestId'> = lenientMainOptions([]);
  try {
    const data = await readApiRequest(request);
    envelope = lenientMainOptions(data.entries);
    const session = await apiSessionOf(request);
    const params = new ApiParams(data.entries, (warning) => warnings.push(warning), hasHighLimits(session.actor));
    const options = readMainOptions(params);
    const { name, apiModule } = moduleOf(params);
    checkMaxLag(options);
    checkAssertions(options, session.actor);
    if (apiModule.mustBePosted && !data.posted) throw new ApiError('mustbeposted', `The "${name}" module requires a POST request.`, { module: name });
    if (apiModule.needsToken) checkToken(request, params, session);
    const context: ApiContext = { request, params, session, options, posted: data.posted, files: data.files, cookies, warn: (warning) => warnings.push(warning) };
    const result = await apiModule.run(context);
    if (result instanceof Response) return withCookies(result, cookies);
    params.warnUnused();
    return jsonResponse(successBody(result, warnings, options), 200, cookies);
  } catch (caught) {
    const { error, internal } = apiErrorOf(caught);
    if (internal) console.error(caught);
    const extra: Record<string, string> = { 'mediawiki-api-error': error.code };
    if (error.retryAfterSeconds !== undefined) extra['retry-after'] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    if (error.code === 'maxlag') extra['x-database-lag'] = String(error.data.lag);
    const message: ApiMessage = { code: error.code, text: error.message, module: error.module, data: error.data };
    return jsonResponse(errorBody(message, warnings, envelope), error.status, cookies, extra);
  }
}
