import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { PrefixedParams } from '@/lib/domain/action-api/params';
import { isKnownNamespace, makeParsedTitle, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import type { ApiContext } from '@/lib/server/action-api/module';
import { LIST_MODULES } from '@/lib/server/action-api/query/lists';
import type { PageSetSource } from '@/lib/server/action-api/query/pageset';
import { PROP_GENERATORS } from '@/lib/server/action-api/query/registry';

/*
 * generator=<name>: a list module's items (ns, title) become the page set, its parameters read
 * with "g" before its prefix (gaplimit for allpages). Prop generators (links, categories) are in
 * PROP_GENERATORS: they run on the pages titles=/pageids=/revids= give.
 */

export interface PropGenerator {
  prefix: string;
  /** The titles this prop module gives for the pages of `source`, and how to continue. */
  generate(context: ApiContext, params: PrefixedParams, source: PageSetSource): Promise<{ titles: ParsedTitle[]; continueWith?: Record<string, string> }>;
}

function titleOfItem(item: Record<string, unknown>): ParsedTitle | null {
  const { ns, title } = item as { ns?: unknown; title?: unknown };
  if (typeof title !== 'string') return null;
  const parsed = tryParseTitle(title);
  if (!parsed.ok) return null;
  if (typeof ns === 'number' && isKnownNamespace(ns) && parsed.title.namespace !== ns) return makeParsedTitle(ns, parsed.title.dbKey);
  return parsed.title;
}

/** Runs generator=`name`; the answer's continue parameters carry their full names (gapcontinue). */
export async function generatedSource(
  context: ApiContext,
  name: string,
  given: PageSetSource | null,
): Promise<{ source: PageSetSource; continueWith?: Record<string, string> }> {
  const withPrefix = (prefix: string, record?: Record<string, string>) =>
    record && Object.fromEntries(Object.entries(record).map(([key, value]) => [`g${prefix}${key}`, value]));
  const prop = Object.hasOwn(PROP_GENERATORS, name) ? PROP_GENERATORS[name] : undefined;
  if (prop) {
    if (given === null) throw new ApiError('missingparam', 'One of the parameters "titles", "pageids" and "revids" is required with this generator.', { module: 'query' });
    const { titles, continueWith } = await prop.generate(context, new PrefixedParams(context.params, `g${prop.prefix}`), given);
    return { source: { kind: 'generated', titles }, continueWith: withPrefix(prop.prefix, continueWith) };
  }
  const list = Object.hasOwn(LIST_MODULES, name) ? LIST_MODULES[name] : undefined;
  if (!list || !list.generator) {
    const known = [
      ...Object.entries(LIST_MODULES)
        .filter(([, module]) => module.generator)
        .map(([key]) => key),
      ...Object.keys(PROP_GENERATORS),
    ].sort();
    throw new ApiError('badvalue', `Unrecognized value for parameter "generator": ${name.slice(0, 50)}. This wiki's generators: ${known.join(', ')}.`);
  }
  if (given !== null)
    throw new ApiError('invalidparammix', `The parameters "generator=${name}" and "titles", "pageids" or "revids" can not be used together.`, { module: 'query' });
  const batch = await list.run(context, new PrefixedParams(context.params, `g${list.prefix}`));
  const titles = batch.items.map(titleOfItem).filter((title): title is ParsedTitle => title !== null);
  return { source: { kind: 'generated', titles }, continueWith: withPrefix(list.prefix, batch.continueWith) };
}
