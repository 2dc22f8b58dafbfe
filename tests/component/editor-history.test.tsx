import { afterEach, describe, expect, it } from 'vitest';
import { createEditor, type EditorApi } from '@/components/editor/codemirror';
import { isRedoChord } from '@/components/editor/history-keys';
import type { Placeholders } from '@/lib/domain/editor-transforms';
import { CATALOGS } from '@/lib/i18n/catalogs';

/**
 * Undo and redo of toolbar actions in the real CodeMirror editor, driven by key events. jsdom has
 * no layout, so each editor is destroyed before its first measuring frame; the browser side
 * (Chromium's own key events) is covered in tests/e2e/editor-toolbar.test.ts.
 */
let api: EditorApi | null = null;
afterEach(() => {
  api?.destroy();
  api = null;
  // The hosts are appended by hand, outside React: the component files share one document.
  document.body.replaceChildren();
});

function editor(doc: string): EditorApi {
  const host = document.createElement('div');
  document.body.append(host);
  api = createEditor(host, { doc, placeholders: () => CATALOGS.en.editor.placeholders as Placeholders, onChange: () => {}, onAccessKey: () => {} });
  return api;
}

/** A keydown in the editing area, as the browser sends it. */
function press(target: EditorApi, key: string, modifiers: { shift?: boolean } = {}): void {
  const event = new KeyboardEvent('keydown', { key, ctrlKey: true, shiftKey: modifiers.shift ?? false, bubbles: true, cancelable: true });
  Object.defineProperty(event, 'keyCode', { value: key.toUpperCase().charCodeAt(0) });
  target.view.contentDOM.dispatchEvent(event);
}

const state = (target: EditorApi) => ({
  text: target.view.state.doc.toString(),
  selected: target.view.state.sliceDoc(target.view.state.selection.main.from, target.view.state.selection.main.to),
});

describe('undo and redo of a toolbar action', () => {
  it('Ctrl+Z undoes Bold, Ctrl+Y redoes it with the word selected as Bold left it, so Italic adds to it', () => {
    const target = editor('Fans love the helpline');
    target.view.dispatch({ selection: { anchor: 14, head: 22 } });
    target.run('bold');
    expect(state(target)).toEqual({ text: 'Fans love the **helpline**', selected: 'helpline' });
    press(target, 'z');
    expect(state(target)).toEqual({ text: 'Fans love the helpline', selected: 'helpline' });
    press(target, 'y');
    expect(state(target)).toEqual({ text: 'Fans love the **helpline**', selected: 'helpline' });
    target.run('italic');
    expect(state(target).text).toBe('Fans love the ***helpline***');
  });

  for (const key of ['Z', 'z']) {
    it(`Ctrl+Shift+Z redoes (key "${key}"), never undoes`, () => {
      const target = editor('Fans love the helpline');
      target.view.dispatch({ selection: { anchor: 14, head: 22 } });
      target.run('bold');
      press(target, 'z');
      press(target, key, { shift: true });
      expect(state(target)).toEqual({ text: 'Fans love the **helpline**', selected: 'helpline' });
      // With nothing left to redo it changes nothing (it used to undo the Bold again).
      press(target, key, { shift: true });
      expect(state(target).text).toBe('Fans love the **helpline**');
    });
  }
});

describe('isRedoChord', () => {
  it('is Ctrl or Cmd with Shift and Z, not with Alt', () => {
    const chord = { key: 'z', ctrlKey: true, metaKey: false, shiftKey: true, altKey: false };
    expect(isRedoChord(chord)).toBe(true);
    expect(isRedoChord({ ...chord, ctrlKey: false, metaKey: true, key: 'Z' })).toBe(true);
    expect(isRedoChord({ ...chord, shiftKey: false })).toBe(false);
    expect(isRedoChord({ ...chord, altKey: true })).toBe(false);
    expect(isRedoChord({ ...chord, key: 'y' })).toBe(false);
  });
});
