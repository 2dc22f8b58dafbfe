import 'server-only';
import type { PrefixedParams } from '@/lib/domain/action-api/params';
import type { ApiContext } from '@/lib/server/action-api/module';

/*
 * The contracts of action=query's submodules (MediaWiki's ApiQueryBase and friends): meta, list
 * and prop modules, each in its own file and registered in lib/server/action-api/query/registry.ts.
 * Results are in formatversion=2's shape; formatversion=1 is derived by the envelope.
 */

/** A page of the query's page set (titles=, pageids=, revids= or a generator), as MediaWiki's ApiPageSet resolves it. */
export interface QueryPage {
  /** Null for a title with no page (MediaWiki's "missing": true). */
  pageid: number | null;
  ns: number;
  /** Display form, "Talk:Foo bar". */
  title: string;
  /** The latest revision, null when missing. */
  lastrevid: number | null;
  /** Revision ids asked for with revids= that belong to this page (prop=revisions then shows exactly those). */
  revids?: number[];
}

/** One batch of a list: its items, and what the next request must send to continue (without the module's prefix). */
export interface ListBatch {
  items: Record<string, unknown>[];
  /** E.g. { continue: "20261207012000|42" } for "rccontinue"; absent when this was the last batch. */
  continueWith?: Record<string, string>;
  /** Members of `query` beside the list, e.g. list=search's { searchinfo: { totalhits } }. */
  info?: Record<string, unknown>;
}

/** A list module (list=… and, when `generator`, generator=…). */
export interface ListModule {
  /** MediaWiki's parameter prefix: "rc" for recentchanges, "ap" for allpages… */
  prefix: string;
  /** Whether generator=<name> may use it: its items then carry `ns` and `title` (and `pageid` where known). */
  generator: boolean;
  run(context: ApiContext, params: PrefixedParams): Promise<ListBatch>;
}

/** A prop module: adds members to each page of the page set. */
export interface PropModule {
  prefix: string;
  /**
   * Adds this module's members to the pages (mutating the page objects of the answer, which
   * already carry pageid/ns/title) and returns what the next request must send to continue, if
   * the module stopped before the last page (without the prefix).
   */
  run(context: ApiContext, params: PrefixedParams, pages: QueryPageResult[]): Promise<Record<string, string> | undefined>;
}

/** A page as the answer shows it: the page set's fields plus what the prop modules add. */
export type QueryPageResult = Record<string, unknown> & { ns: number; title: string; pageid?: number; missing?: true };

/** A meta module: its member of `query` ("general"… for siteinfo, "tokens", "userinfo"). */
export interface MetaModule {
  prefix: string;
  run(context: ApiContext, params: PrefixedParams): Promise<Record<string, unknown>>;
}
