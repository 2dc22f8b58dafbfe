'use client';

import { useSyncExternalStore } from 'react';

/** Where the edit form shows its preview: under the form (as without JavaScript) or beside the text. */
export type PreviewLayout = 'below' | 'beside';

const STORAGE_KEY = 'wiki:edit-preview-layout';
/** Two columns need room: at 900 px and less (phones, 360 px) the preview stays below. */
export const BESIDE_MEDIA_QUERY = '(min-width: 901px)';

const listeners = new Set<() => void>();

function subscribeLayout(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('storage', onChange); // another tab changed it
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('storage', onChange);
  };
}

function storedLayout(): PreviewLayout {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'beside' ? 'beside' : 'below';
  } catch {
    return 'below'; // storage refused (private mode, a policy): the default
  }
}

function storeLayout(layout: PreviewLayout): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, layout);
  } catch {
    // Not remembered, but the choice still applies to this form.
  }
  for (const listener of listeners) listener();
}

function subscribeWidth(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => {};
  const query = window.matchMedia(BESIDE_MEDIA_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

// Without matchMedia (documents without layout) the stylesheet's media query alone decides.
const wideEnough = () => typeof window.matchMedia !== 'function' || window.matchMedia(BESIDE_MEDIA_QUERY).matches;

export interface PreviewLayoutChoice {
  /** The reader's choice; null on the server and while hydrating (no JavaScript: no choice). */
  layout: PreviewLayout | null;
  /** Whether the preview is shown beside the text now: chosen, and the window is wide enough. */
  beside: boolean;
  setLayout: (layout: PreviewLayout) => void;
}

/** The preview layout, remembered in localStorage across edit pages and tabs. */
export function usePreviewLayout(): PreviewLayoutChoice {
  const layout = useSyncExternalStore(subscribeLayout, storedLayout, () => null);
  const wide = useSyncExternalStore(subscribeWidth, wideEnough, () => false);
  return { layout, beside: layout === 'beside' && wide, setLayout: storeLayout };
}
