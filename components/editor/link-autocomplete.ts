import {
  acceptCompletion,
  autocompletion,
  closeCompletion,
  completionKeymap,
  currentCompletions,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';
import { EditorState, Prec, type Extension } from '@codemirror/state';
import { keymap, type EditorView } from '@codemirror/view';
import { completionInsert, linkCompletionContext, NAMESPACE_PREFIX } from '@/lib/domain/link-completion';
import './link-autocomplete.css';

/**
 * Autocompletion of `[[links]]` in the editor (docs/editing.md, "Autocomplete"): the context comes
 * from lib/domain/link-completion.ts, the titles from the wiki's title-suggestion endpoint (the
 * header search box's), which reads "File:" and "Category:" prefixes itself. CodeMirror's
 * completion list is an ARIA listbox the editing area points to (aria-activedescendant).
 */
export const TITLE_ENDPOINT = '/w/rest.php/v1/search/title';
const LIMIT = 10;
/** Typing pauses this long before a request goes out (CodeMirror's activateOnTypingDelay). */
export const TYPING_DELAY_MS = 150;
const CACHE_SIZE = 50;

/** Nodes whose text is code or a comment: "[[" there is not a link. */
const LITERAL_NODES = new Set(['InlineCode', 'FencedCode', 'CodeBlock', 'CodeText', 'Comment', 'CommentBlock', 'HTMLBlock']);

/**
 * Titles for a query, from the endpoint, remembered for the last few queries (backspacing and
 * retyping asks nothing again). A failed request gives no titles: the editor works on without.
 */
export function titleSource(fetcher: typeof fetch = (input, init) => fetch(input, init)) {
  const cache = new Map<string, string[]>();
  return async (query: string, signal: AbortSignal): Promise<string[] | null> => {
    const known = cache.get(query);
    if (known) return known;
    try {
      const response = await fetcher(`${TITLE_ENDPOINT}?q=${encodeURIComponent(query.slice(0, 255))}&limit=${LIMIT}`, { signal });
      if (!response.ok) return null;
      const body = (await response.json()) as { pages?: { title?: unknown }[] };
      const titles = (body.pages ?? []).flatMap((page) => (typeof page.title === 'string' ? [page.title] : []));
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(query, titles);
      return titles;
    } catch {
      return null;
    }
  };
}

function inLiteral(state: EditorState, pos: number): boolean {
  for (let node: ReturnType<typeof syntaxTree>['topNode'] | null = syntaxTree(state).resolveInner(pos, -1); node; node = node.parent) {
    if (LITERAL_NODES.has(node.name)) return true;
  }
  return false;
}

/**
 * The completion source: nothing outside a link target or before anything is typed; otherwise the
 * endpoint's titles, each inserting itself (and "]]" when the link is not closed yet). A request
 * still running when the text changes is aborted, and its answer never shown (CodeMirror also drops
 * the results of a query it has replaced).
 */
export function linkCompletionSource(titles: ReturnType<typeof titleSource>) {
  return async (context: CompletionContext): Promise<CompletionResult | null> => {
    const text = context.state.sliceDoc(Math.max(0, context.pos - 300), Math.min(context.state.doc.length, context.pos + 300));
    const offset = Math.max(0, context.pos - 300);
    const found = linkCompletionContext(text, context.pos - offset);
    if (!found || found.query === '' || inLiteral(context.state, context.pos)) return null;
    const controller = new AbortController();
    context.addEventListener('abort', () => controller.abort(), { onDocChange: true });
    const list = await titles(found.query, controller.signal);
    if (!list || context.aborted) return null;
    const prefix = found.namespace === null ? null : (NAMESPACE_PREFIX[found.namespace] ?? null);
    const options: Completion[] = list
      .filter((title) => prefix === null || title.startsWith(prefix))
      .map((title) => ({ label: title, apply: completionInsert(title, found) }));
    return { from: found.from + offset, to: found.to + offset, options, filter: false };
  };
}

/** Whether a list of suggestions is showing (possibly greyed while newer ones are asked for). */
const listShown = (view: EditorView) => currentCompletions(view.state).length > 0;

/**
 * CodeMirror's completion keys, with Esc and Tab acting only while a list shows. Its own Esc would
 * also cancel the query every keystroke starts (for 150 ms after typing anything), and so swallow
 * the Esc that leaves the editor. Tab takes the highlighted title; on a list greyed while newer
 * titles are asked for it does nothing rather than leave the editor; with no list it moves on.
 */
const completionKeys = keymap.of([
  ...completionKeymap.filter((binding) => binding.key !== 'Escape'),
  { key: 'Escape', run: (view) => listShown(view) && closeCompletion(view) },
  { key: 'Tab', run: (view) => listShown(view) && (acceptCompletion(view) || true) },
]);

/** The extension: completion on typing; Enter or Tab accepts, Esc closes the list. */
export function linkAutocomplete(label = 'Completions'): Extension {
  return [
    autocompletion({
      override: [linkCompletionSource(titleSource())],
      activateOnTypingDelay: TYPING_DELAY_MS,
      icons: false,
      maxRenderedOptions: LIMIT,
      defaultKeymap: false,
    }),
    Prec.highest(completionKeys),
    EditorState.phrases.of({ Completions: label }),
  ];
}
