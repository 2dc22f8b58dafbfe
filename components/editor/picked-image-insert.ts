import { isolateHistory } from '@codemirror/commands';
import { type Extension } from '@codemirror/state';
import { ViewPlugin, type EditorView } from '@codemirror/view';
import { INSERT_PICKED_IMAGE_EVENT, pickedImageEdit, type InsertPickedImageDetail } from '@/lib/domain/files/picked-image';

/**
 * The editor's side of the Insert image picker (ImagePicker.tsx, docs/editing.md "Insert image"):
 * on the picker's DOM event it puts `[[File:Name|thumb|]]` at the cursor, caption selected
 * (lib/domain/files/picked-image.ts), as one undo step of its own like the toolbar's, and takes
 * the focus back so the caption can be typed at once.
 */
function insert(view: EditorView, name: string): void {
  const { main } = view.state.selection;
  const selected = view.state.sliceDoc(main.from, main.to);
  const edit = pickedImageEdit(name, selected, { from: 0, to: selected.length });
  view.dispatch({
    changes: { from: main.from + edit.from, to: main.from + edit.to, insert: edit.insert },
    selection: { anchor: main.from + edit.selection.from, head: main.from + edit.selection.to },
    scrollIntoView: true,
    userEvent: 'input',
    annotations: isolateHistory.of('full'),
  });
  view.focus();
}

export function pickedImages(): Extension {
  return ViewPlugin.define((view) => {
    const listener = (event: Event) => insert(view, (event as CustomEvent<InsertPickedImageDetail>).detail.name);
    view.dom.addEventListener(INSERT_PICKED_IMAGE_EVENT, listener);
    return { destroy: () => view.dom.removeEventListener(INSERT_PICKED_IMAGE_EVENT, listener) };
  });
}
