'use client';

import { useEffect, useRef, type RefObject } from 'react';

/**
 * For a controlled <input>: text typed (or filled in by a password manager) before hydration.
 * React leaves such a value on the screen but not in the component's state, so the next render
 * (typing in another field) put the state's empty value back and the form submitted nothing
 * (Special:ChangePassword answered "Please enter your current password." to a filled-in field).
 * After the first commit the value shown is taken into state, once; later typing goes through
 * onChange as usual. Give the returned ref to the input.
 */
export function useValueTypedEarly(value: string, onChange: (value: string) => void): RefObject<HTMLInputElement | null> {
  const input = useRef<HTMLInputElement>(null);
  const checked = useRef(false);
  useEffect(() => {
    if (checked.current) return;
    checked.current = true;
    const shown = input.current?.value;
    if (shown !== undefined && shown !== value) onChange(shown);
  }, [value, onChange]);
  return input;
}
