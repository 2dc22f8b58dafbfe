/**
 * action=query's continuation, as MediaWiki's ApiContinuationManager: the `continue` parameter a
 * client sends back ("<generator params>||<finished modules>") says which modules are done and
 * whether the generator is, and the answer's `continue` object is built from what each module
 * still has to give. `batchcomplete` means the pages of this batch have all their prop data.
 *
 * Pure: no I/O.
 */
import { ApiError } from '@/lib/domain/action-api/errors';

export interface ContinueState {
  /** Modules a previous batch finished: they do not run again. */
  skip: ReadonlySet<string>;
  /** "-" before the "||": the generator (or the page set) is done, so prop modules do not run. */
  generatorDone: boolean;
  /** The names of the generator's parameters to repeat while prop modules continue. */
  generatorParamNames: readonly string[];
}

export const FRESH_START: ContinueState = { skip: new Set(), generatorDone: false, generatorParamNames: [] };

/** Reads `continue=`; absent or empty is a fresh start. */
export function parseContinue(value: string | undefined): ContinueState {
  if (value === undefined || value === '') return FRESH_START;
  const parts = value.split('||');
  if (parts.length !== 2) throw new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.');
  const [generator, finished] = parts as [string, string];
  const generatorDone = generator === '-';
  return {
    skip: new Set(finished.split('|').filter((name) => name !== '')),
    generatorDone,
    generatorParamNames: generatorDone ? [] : generator.split('|').filter((name) => name !== ''),
  };
}

export interface ContinuationInput {
  /** Every module asked for (prop, list, meta), in request order. */
  modules: readonly string[];
  /** The prop modules (they depend on the page set). */
  propModules: ReadonlySet<string>;
  /** Per module that stopped early, its full continue parameters ({ rvcontinue: "…" }). */
  moduleContinue: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** The generator's own continue parameters when it has more pages ({ gapcontinue: "…" }). */
  generatorContinue?: Readonly<Record<string, string>>;
  /** The generator parameters of this request to repeat while prop modules continue. */
  generatorParams: Readonly<Record<string, string>>;
}

/** MediaWiki's getContinuation(): the answer's `continue` object (or none) and `batchcomplete`. */
export function continuationOf(input: ContinuationInput): { continue?: Record<string, string>; batchcomplete: boolean } {
  const data: Record<string, string> = {};
  let finished = input.modules.filter((name) => !input.moduleContinue.has(name));
  let generatorKeys: string;
  let batchcomplete = false;
  for (const [name, params] of input.moduleContinue) if (!input.propModules.has(name)) addMissing(data, params);
  const propContinue = [...input.moduleContinue].filter(([name]) => input.propModules.has(name));
  if (propContinue.length > 0) {
    // Prop modules are unfinished: the same generator batch is asked for again.
    for (const [, params] of propContinue) addMissing(data, params);
    addMissing(data, input.generatorParams);
    generatorKeys = Object.keys(input.generatorParams).join('|');
  } else if (input.generatorContinue !== undefined) {
    // The pages of this batch are complete: the generator goes on, the prop modules start again.
    addMissing(data, input.generatorContinue);
    finished = finished.filter((name) => !input.propModules.has(name));
    generatorKeys = Object.keys(input.generatorContinue).join('|');
    batchcomplete = true;
  } else {
    generatorKeys = '-';
    batchcomplete = true;
  }
  if (Object.keys(data).length === 0 && generatorKeys === '-') return { batchcomplete };
  data.continue = `${generatorKeys}||${finished.join('|')}`;
  return { continue: data, batchcomplete };
}

/** PHP's `$a += $b`: the first value of a key wins. */
function addMissing(target: Record<string, string>, source: Readonly<Record<string, string>>): void {
  for (const [key, value] of Object.entries(source)) if (!Object.hasOwn(target, key)) target[key] = value;
}
