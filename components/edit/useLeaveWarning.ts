'use client';

import { useEffect, type RefObject } from 'react';

/** A confirmed leave covers the beforeunload that a plain link fires right after it (one question, not two). */
const CONFIRMED_LEAVE_MS = 2000;

/**
 * Leaving the edit form with unsaved changes asks first. Closing the tab, reloading and plain links
 * fire `beforeunload` (the browser's own question). The wiki's client-side links (next/link: the
 * tabs, the sidebar, the header) change the page without it, so a click on a link that would leave
 * asks through `confirm` before the router sees it. Nothing asks once the form was submitted: it
 * is on its way (a failed save's answer re-arms this through `submitted`).
 */
export function useLeaveWarning({ unsaved, submitted, question }: { unsaved: boolean; submitted: RefObject<unknown>; question: string }): void {
  useEffect(() => {
    if (!unsaved) return;
    let confirmedAt = -Infinity;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (submitted.current !== null || Date.now() - confirmedAt < CONFIRMED_LEAVE_MS) return;
      event.preventDefault();
      event.returnValue = ''; // older browsers ask only when this is set
    };
    const onClick = (event: MouseEvent) => {
      if (submitted.current !== null || !leavesThePage(event)) return;
      if (window.confirm(question)) {
        confirmedAt = Date.now();
        return;
      }
      // Before React's listeners on the root: the router never sees the click.
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('click', onClick, true);
    };
  }, [unsaved, submitted, question]);
}

/** A plain left click on a link to another page in this tab (not a new tab, a download or an anchor on this page). */
function leavesThePage(event: MouseEvent): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!(link instanceof HTMLAnchorElement) || link.hasAttribute('download') || (link.target !== '' && link.target !== '_self')) return false;
  const to = new URL(link.href, window.location.href);
  const here = window.location;
  return !(to.origin === here.origin && to.pathname === here.pathname && to.search === here.search && to.hash !== '');
}
