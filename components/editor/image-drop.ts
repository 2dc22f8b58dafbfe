import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { isolateHistory } from '@codemirror/commands';
import { isImageFile } from '@/lib/domain/files/pasted-image-markup';
import { IMAGE_FILES_EVENT, type ImageFilesDetail } from './image-files-event';

/**
 * Images pasted or dropped into the editor (docs/editing.md, "Images by paste and drop"). This part
 * runs in CodeMirror: it takes the image files out of the paste or drop, remembers where they go
 * (the selection, or the drop position; moved along as the text changes meanwhile) and hands them
 * to the React side (ImageDrops.tsx) as a DOM event on the editor, with `place` to insert the
 * markup there once uploaded and `release` to forget the place. The React side never imports
 * CodeMirror. A paste or drop without image files is left to CodeMirror (text paste, text drop).
 */

interface Place {
  from: number;
  to: number;
}

const setPlace = StateEffect.define<{ id: number; place: Place | null }>();

// The places of the batches in progress, mapped through every change (typing elsewhere while the
// name panel is open must not move the image); assoc 1 puts the next image after the previous one.
const places = StateField.define<ReadonlyMap<number, Place>>({
  create: () => new Map(),
  update(value, transaction) {
    let next = value;
    if (transaction.docChanged && value.size > 0) {
      next = new Map([...value].map(([id, place]) => [id, { from: transaction.changes.mapPos(place.from, 1), to: transaction.changes.mapPos(place.to, 1) }]));
    }
    for (const effect of transaction.effects) {
      if (!effect.is(setPlace)) continue;
      const copy = new Map(next);
      if (effect.value.place) copy.set(effect.value.id, effect.value.place);
      else copy.delete(effect.value.id);
      next = copy;
    }
    return next;
  },
});

let nextId = 1;

function handOver(view: EditorView, files: File[], place: Place): void {
  const id = nextId++;
  view.dispatch({ effects: setPlace.of({ id, place }) });
  const detail: ImageFilesDetail = {
    files,
    place: (text, caret) => {
      const current = view.state.field(places).get(id);
      if (!current) return;
      view.dispatch({
        changes: { from: current.from, to: current.to, insert: text },
        selection: { anchor: current.from + caret },
        effects: setPlace.of({ id, place: { from: current.from + text.length, to: current.from + text.length } }),
        scrollIntoView: true,
        userEvent: 'input.paste',
        // One undo step of its own, like the toolbar's: never merged with the typing around it.
        annotations: isolateHistory.of('full'),
      });
    },
    release: () => {
      if (view.state.field(places).has(id)) view.dispatch({ effects: setPlace.of({ id, place: null }) });
    },
  };
  view.dom.dispatchEvent(new CustomEvent<ImageFilesDetail>(IMAGE_FILES_EVENT, { detail, bubbles: true }));
}

const imagesOf = (data: DataTransfer | null): File[] => Array.from(data?.files ?? []).filter(isImageFile);

export function imageDrops(): Extension {
  return [
    places,
    EditorView.domEventHandlers({
      paste(event, view) {
        const files = imagesOf(event.clipboardData);
        if (files.length === 0) return false;
        event.preventDefault();
        const { from, to } = view.state.selection.main;
        handOver(view, files, { from, to });
        return true;
      },
      drop(event, view) {
        const files = imagesOf(event.dataTransfer);
        if (files.length === 0) return false;
        event.preventDefault();
        const at = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
        handOver(view, files, { from: at, to: at });
        return true;
      },
    }),
  ];
}
