'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { anchorForLine, lineAt, previewScrollTop, sectionHeadingLines, splitLines } from '@/lib/domain/preview-sync';

export interface PreviewFollowOptions {
  /** Whether the preview is beside the text (below it, scrolling it would move the page). */
  enabled: boolean;
  text: string;
  /** The preview's HTML: once a new rendering is in the pane, the place is found again. */
  html: string | undefined;
  /** The scrolling preview pane. */
  pane: RefObject<HTMLElement | null>;
  /** The cursor's offset in the text while the text has the focus, else null (then nothing moves). */
  cursor: () => number | null;
}

interface HeadingCache {
  text: string;
  headings: number[];
  lineCount: number;
}

/**
 * Keeps the part of the preview that shows the text at the cursor at the top of the preview pane
 * (lib/domain/preview-sync.ts maps the cursor's line to a section and a fraction of it; the
 * renderer's data-section headings say where each section starts in the pane). It sets the
 * pane's own scrollTop: the page does not move and the focus stays in the text. At most once a
 * frame, after the cursor moved (selectionchange, which the textarea and the code editor both
 * fire, typing included) or a new rendering arrived.
 */
export function usePreviewFollow({ enabled, text, html, pane, cursor }: PreviewFollowOptions): void {
  const latest = useRef({ text, cursor });
  const cache = useRef<HeadingCache | null>(null);
  const frame = useRef(0);
  useEffect(() => {
    latest.current = { text, cursor };
  });

  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      frame.current = 0;
      const element = pane.current;
      const offset = latest.current.cursor();
      if (!element || offset === null) return;
      const current = latest.current.text;
      if (cache.current?.text !== current) cache.current = { text: current, headings: sectionHeadingLines(current), lineCount: splitLines(current).length };
      const { headings, lineCount } = cache.current;
      const anchor = anchorForLine(headings, lineCount, lineAt(current, offset));
      const paneTop = element.getBoundingClientRect().top - element.scrollTop;
      const tops: (number | undefined)[] = [0];
      for (const heading of element.querySelectorAll<HTMLElement>('[data-section]')) {
        const section = Number(heading.dataset.section);
        if (Number.isSafeInteger(section) && section > 0) tops[section] = heading.getBoundingClientRect().top - paneTop;
      }
      element.scrollTop = previewScrollTop(anchor, tops, element.scrollHeight);
    };
    const schedule = () => {
      if (frame.current === 0) frame.current = requestAnimationFrame(follow);
    };
    schedule();
    document.addEventListener('selectionchange', schedule);
    return () => {
      document.removeEventListener('selectionchange', schedule);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
    // `html` is a dependency so that each new rendering is scrolled to the cursor's place.
  }, [enabled, html, pane]);
}
