import { Prec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { redo } from '@codemirror/commands';

/** The modifier and key state of a key event, all this needs. */
type Chord = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** Ctrl+Shift+Z (Cmd+Shift+Z on macOS): redo, whichever case the key arrives in. */
export function isRedoChord(event: Chord): boolean {
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && (event.key === 'z' || event.key === 'Z');
}

/**
 * Ctrl/Cmd+Shift+Z redoes on every platform, as Ctrl+Y does. historyKeymap binds it on Linux and
 * macOS only, and CodeMirror's keymap reads a letter key that arrives as lower-case "z" with Shift
 * held as plain Ctrl+Z (for a character, Shift is taken to be part of it): that chord undid. This
 * runs before the keymaps.
 */
export const redoChord = Prec.high(
  EditorView.domEventHandlers({
    keydown: (event, view) => {
      if (!isRedoChord(event)) return false;
      redo(view);
      return true; // also when there is nothing to redo: never the browser's own undo or redo
    },
  }),
);
