/**
 * Text typed into a textarea before React's scripts ran (a slow connection). React hydrates a
 * <textarea> by resetting its value to the server's text (an <input>'s edits it replays instead),
 * so components/KeepEarlyTyping.tsx copies each textarea's typing here as it happens.
 */
export const EARLY_TYPING_GLOBAL = '__wikiEarlyTyping';

/** The text typed into textarea `id` before hydration, once (it is forgotten when read). */
export function takeEarlyTyping(id: string): string | undefined {
  const kept = (globalThis as { [EARLY_TYPING_GLOBAL]?: Record<string, string> })[EARLY_TYPING_GLOBAL];
  const text = kept?.[id];
  if (kept) delete kept[id];
  return text;
}
