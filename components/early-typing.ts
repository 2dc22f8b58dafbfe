/**
 * Text typed into a textarea before React's scripts ran (a slow connection). React hydrates a
 * <textarea> by resetting its value to the server's text, so components/KeepEarlyTyping.tsx
 * copies each textarea's typing here as it happens. (An <input> keeps such typing on the screen
 * but not in state: components/use-value-typed-early.ts.)
 */
export const EARLY_TYPING_GLOBAL = '__wikiEarlyTyping';

interface EarlyTyping {
  texts: Record<string, string>;
  stop: () => void;
}

/**
 * The text typed into textarea `id` before hydration. The first form to ask ends the recording:
 * after hydration React holds the text, and pages reached by client-side navigation must not be
 * handed what was typed on an earlier one.
 */
export function takeEarlyTyping(id: string): string | undefined {
  const holder = globalThis as { [EARLY_TYPING_GLOBAL]?: EarlyTyping };
  const kept = holder[EARLY_TYPING_GLOBAL];
  if (!kept) return undefined;
  kept.stop();
  delete holder[EARLY_TYPING_GLOBAL];
  return kept.texts[id];
}
