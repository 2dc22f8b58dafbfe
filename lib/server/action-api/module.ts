import 'server-only';
import type { ApiMessage } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import type { MainOptions } from '@/lib/domain/action-api/result';
import type { ApiSession } from '@/lib/server/action-api/session';

/** What a module gets: the request, its parameters, who is calling, and where its extras go. */
export interface ApiContext {
  request: Request;
  params: ApiParams;
  session: ApiSession;
  options: MainOptions;
  /** Whether the request was a POST (modules that change the wiki require it: mustBePosted). */
  posted: boolean;
  /** The files of a multipart POST, by field name (action=upload's "file"). */
  files: ReadonlyMap<string, File>;
  /** Set-Cookie values the answer carries (action=login, action=logout, the login token). */
  cookies: string[];
  /** Adds a warning to the answer, as MediaWiki's addWarning. */
  warn(warning: ApiMessage): void;
}

/** A module's result in formatversion=2's shape (lib/domain/action-api/result.ts), or a whole Response (opensearch). */
export type ApiModuleResult = Record<string, unknown> | Response;

/** One action of api.php, declared as MediaWiki's ApiBase subclasses declare themselves. */
export interface ApiModule {
  /** MediaWiki's mustBePosted(): a GET is refused with `mustbeposted`. */
  mustBePosted?: boolean;
  /** MediaWiki's needsToken(): the `token` parameter must be the session's csrf token. */
  needsToken?: 'csrf';
  /** MediaWiki's isWriteMode(): changes the wiki (so maxlag applies, as to every module, and writes are counted). */
  writes?: boolean;
  run(context: ApiContext): Promise<ApiModuleResult>;
}
