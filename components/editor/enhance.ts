import type { Placeholders } from '@/lib/domain/editor-transforms';
import type { EditorApi } from './codemirror';

/**
 * The DOM side of CodeEditor.tsx, kept out of the component: the textarea and its label belong to
 * the form (React renders them), and the editor changes them only while it is mounted.
 */
export interface Enhancement {
  api: EditorApi;
  /**
   * Swaps the textarea for the editor. Called in the same React commit that renders the toolbar
   * (a layout effect), so the form changes shape once: shown apart, the toolbar arrived a render
   * later and moved every control below it under a pointer about to click (Save, a checkbox).
   */
  show: () => void;
  /** Removes the editor and gives the form its plain textarea back, with the editor's text. */
  remove: () => void;
}

/** Textareas with an editor mounted over them (shown or about to be). */
const enhanced = new WeakSet<HTMLTextAreaElement>();

export interface EnhanceOptions {
  placeholders: () => Placeholders;
  onText: (text: string) => void;
  /** The name of the list of link suggestions, in the reader's language. */
  completionsLabel?: string;
}

/**
 * Loads CodeMirror (a separate chunk: only edit pages ever import it) and mounts it in `host` with
 * the textarea's text, which may include what was typed before the scripts ran. The textarea is
 * hidden but stays in the form and gets every change, so the Server Action posts it as before. On
 * show(), the label's `for` moves to the editing area (aria-labelledby): one control is "Content".
 */
/**
 * Whether CodeMirror can run here: it measures text through Range.getClientRects, which documents
 * without layout (jsdom in the component tests, some embedded readers) lack. They keep the textarea.
 */
export function canEnhance(): boolean {
  return typeof Range !== 'undefined' && typeof Range.prototype.getClientRects === 'function';
}

export async function enhanceTextarea(textarea: HTMLTextAreaElement, host: HTMLElement, options: EnhanceOptions, signal: AbortSignal): Promise<Enhancement | null> {
  // Found before the chunk loads: another enhancement of the same textarea (the editor remounted
  // while the chunk loaded) removes the label's `for` when it shows, and `labels` then is empty.
  const label = textarea.labels?.[0];
  const { createEditor } = await import('./codemirror');
  // An enhancement its component gave up while the chunk loaded (unmounted, remounted) leaves the
  // page alone: had it mounted and then removed itself, it would undo the mount of its successor.
  // A textarea that left the page meanwhile, or has no label, stays a plain textarea: hiding it
  // would leave a hidden control named "Content" and an editor with no name.
  if (signal.aborted || !textarea.isConnected || !host.isConnected || !label || enhanced.has(textarea)) return null;
  if (!label.id) label.id = `${textarea.id}-label`;
  enhanced.add(textarea);
  host.hidden = true; // until show(): CodeMirror measures again when it becomes visible
  // The label keeps naming the textarea until show() swaps the two: one control is "Content" at
  // any moment, and it is the one on screen. (Naming the hidden editor at mount left, whenever the
  // swap came late, a visible textarea with no name and a named control nobody could see.)
  const api = createEditor(host, {
    doc: textarea.value,
    placeholders: options.placeholders,
    completionsLabel: options.completionsLabel,
    onChange: (text) => {
      textarea.value = text;
      options.onText(text);
    },
    onAccessKey: (key) => textarea.form?.querySelector<HTMLButtonElement>(`button[accesskey="${key}"]`)?.click(),
  });
  const focusEditor = () => api.view.focus();
  let shown = false;
  return {
    api,
    show: () => {
      if (shown) return;
      shown = true;
      // What was typed in the textarea since the mount, and where: the editor goes on from there.
      const doc = api.view.state.doc;
      if (textarea.value !== doc.toString()) api.view.dispatch({ changes: { from: 0, to: doc.length, insert: textarea.value } });
      const typing = document.activeElement === textarea;
      label.removeAttribute('for');
      api.nameWith(label.id);
      host.hidden = false;
      textarea.hidden = true;
      label.addEventListener('click', focusEditor);
      if (typing) {
        api.view.dispatch({ selection: { anchor: textarea.selectionStart, head: textarea.selectionEnd }, scrollIntoView: true });
        api.view.focus();
      }
    },
    remove: () => {
      label.removeEventListener('click', focusEditor);
      label.setAttribute('for', textarea.id);
      if (shown) textarea.value = api.view.state.doc.toString();
      textarea.hidden = false;
      host.hidden = false;
      enhanced.delete(textarea);
      api.destroy();
    },
  };
}

/**
 * After a new form state: a conflict brings the current text into the editor; otherwise the
 * editor's text wins over what React's form reset put back in the textarea (typing during a save).
 * The field's error state goes to the editing area, where screen readers are.
 */
export function syncWithFormState(api: EditorApi, textarea: HTMLTextAreaElement, handedBack: string | undefined, onText: (text: string) => void): void {
  if (handedBack !== undefined) api.setText(handedBack);
  const text = api.view.state.doc.toString();
  if (textarea.value !== text) {
    textarea.value = text;
    onText(text);
  }
  for (const attribute of ['aria-invalid', 'aria-describedby']) {
    const value = textarea.getAttribute(attribute);
    if (value === null) api.view.contentDOM.removeAttribute(attribute);
    else api.view.contentDOM.setAttribute(attribute, value);
  }
}

/** replaceText before the editor has loaded (or without it): the textarea alone. */
export function replaceFieldText(textarea: HTMLTextAreaElement | null, text: string, onText: (text: string) => void): void {
  if (textarea) textarea.value = text;
  onText(text);
}
