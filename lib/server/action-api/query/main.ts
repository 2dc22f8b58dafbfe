import 'server-only';
import { continuationOf, parseContinue } from '@/lib/domain/action-api/continuation';
import { ApiError } from '@/lib/domain/action-api/errors';
import { PrefixedParams } from '@/lib/domain/action-api/params';
import type { ApiContext, ApiModule } from '@/lib/server/action-api/module';
import { LIST_MODULES } from '@/lib/server/action-api/query/lists';
import { META_MODULES, PROP_MODULES } from '@/lib/server/action-api/query/registry';
import { generatedSource } from '@/lib/server/action-api/query/generator';
import { pageSetSourceOf, resolvePageSet } from '@/lib/server/action-api/query/pageset';

/*
 * action=query, as MediaWiki's ApiQuery runs it: the meta modules, the page set (titles=,
 * pageids=, revids= or generator=), the prop modules on its pages, then the list modules; and
 * MediaWiki's continuation over all of them (lib/domain/action-api/continuation.ts).
 */

const names = (registry: Readonly<Record<string, unknown>>): string[] => Object.keys(registry);

export const queryModule: ApiModule = {
  async run(context: ApiContext) {
    const params = context.params;
    const props = params.list('prop', names(PROP_MODULES));
    const lists = params.list('list', names(LIST_MODULES));
    const metas = params.list('meta', names(META_MODULES));
    const state = parseContinue(params.string('continue'));
    const followRedirects = params.flag('redirects');
    const indexPageIds = params.flag('indexpageids');
    // Read (so not reported as unknown): this wiki has one language variant, so nothing converts.
    params.flag('converttitles');
    if (params.flag('rawcontinue')) {
      throw new ApiError('badvalue', 'This wiki answers only the current continuation format: drop "rawcontinue" and send "continue" back as the answer gives it.', {
        module: 'query',
      });
    }

    const query: Record<string, unknown> = {};
    const moduleContinue = new Map<string, Record<string, string>>();
    const prefixed = (prefix: string, record: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(record).map(([key, value]) => [`${prefix}${key}`, value]));

    for (const name of metas) {
      if (state.skip.has(name)) continue;
      const meta = META_MODULES[name]!;
      Object.assign(query, await meta.run(context, new PrefixedParams(params, meta.prefix)));
    }

    const generator = params.string('generator');
    const given = pageSetSourceOf(params);
    let generatorContinue: Record<string, string> | undefined;
    const pageSetRuns = !state.generatorDone && (given !== null || (generator !== undefined && generator !== ''));
    for (const name of props) {
      if (pageSetRuns && !state.skip.has(name)) continue;
      // A prop module that does not run this time still reads its parameters (on no pages, which
      // costs nothing), so that they are not reported as unrecognized: MediaWiki's extractRequestParams.
      const prop = PROP_MODULES[name]!;
      await prop.run(context, new PrefixedParams(params, prop.prefix), []);
    }
    if (pageSetRuns) {
      let source = given;
      if (generator !== undefined && generator !== '') {
        const generated = await generatedSource(context, generator, given);
        source = generated.source;
        generatorContinue = generated.continueWith;
      }
      const pageSet = await resolvePageSet(source!, followRedirects);
      if (pageSet.normalized.length > 0) query.normalized = pageSet.normalized;
      if (pageSet.redirects.length > 0) query.redirects = pageSet.redirects;
      if (Object.keys(pageSet.badrevids).length > 0) query.badrevids = pageSet.badrevids;
      for (const name of props) {
        if (state.skip.has(name)) continue;
        const prop = PROP_MODULES[name]!;
        const stopped = await prop.run(context, new PrefixedParams(params, prop.prefix), pageSet.pages);
        if (stopped) moduleContinue.set(name, prefixed(prop.prefix, stopped));
      }
      if (pageSet.pages.length > 0) {
        // As formatversion=1 keys pages: missing and invalid ones by -1, -2… in answer order.
        let fake = 0;
        if (indexPageIds) query.pageids = pageSet.pages.map((page) => String(typeof page.pageid === 'number' ? page.pageid : --fake));
        query.pages = pageSet.pages;
      }
    }

    for (const name of lists) {
      if (state.skip.has(name)) continue;
      const list = LIST_MODULES[name]!;
      const batch = await list.run(context, new PrefixedParams(params, list.prefix));
      // MediaWiki puts a list's extra members (search's searchinfo) before the list.
      if (batch.info) Object.assign(query, batch.info);
      query[name] = batch.items;
      if (batch.continueWith) moduleContinue.set(name, prefixed(list.prefix, batch.continueWith));
    }

    const generatorParams: Record<string, string> = {};
    for (const name of state.generatorParamNames) {
      const value = params.string(name);
      if (value !== undefined) generatorParams[name] = value;
    }
    const { continue: next, batchcomplete } = continuationOf({
      modules: [...props, ...lists, ...metas],
      propModules: new Set(props),
      moduleContinue,
      generatorContinue,
      generatorParams,
    });
    const answer: Record<string, unknown> = {};
    if (batchcomplete) answer.batchcomplete = true;
    if (next) answer.continue = next;
    if (Object.keys(query).length > 0) answer.query = query;
    return answer;
  },
};
