/**
 * What the editor's Insert image picker puts in the text (docs/editing.md, "Insert image"): the
 * same `[[File:Name.png|thumb|]]` as a pasted image, at the cursor, with the caption's place
 * selected so the next keystrokes write it. Selected text becomes the caption (and stays
 * selected) when it can be one: a single line without "|", "[[" or "]]", which would change the
 * embed's meaning. Otherwise the selection is kept and the embed goes in after it.
 *
 * Pure: no I/O; imports only the markup module, which the editor already loads.
 */
import { imageEmbedMarkup } from '@/lib/domain/files/pasted-image-markup';

/**
 * The DOM event on the editor (CodeMirror's outer element) that asks it to insert a picked file:
 * the picker's side (React) never imports CodeMirror, the editor's side (picked-image-insert.ts) does.
 */
export const INSERT_PICKED_IMAGE_EVENT = 'wiki-insert-picked-image';
export interface InsertPickedImageDetail {
  /** The file's name, without "File:". */
  name: string;
}

export interface PickedImageEdit {
  from: number;
  to: number;
  insert: string;
  /** The caption's place in the text after the change: the selection to set. */
  selection: { from: number; to: number };
}

const NOT_A_CAPTION = /[\n\r|]|\[\[|\]\]/u;

export function pickedImageEdit(name: string, text: string, selection: { from: number; to: number }): PickedImageEdit {
  const { text: markup, caption } = imageEmbedMarkup(name);
  const selected = text.slice(selection.from, selection.to);
  if (selected !== '' && NOT_A_CAPTION.test(selected)) {
    const at = selection.to + caption;
    return { from: selection.to, to: selection.to, insert: markup, selection: { from: at, to: at } };
  }
  const insert = `${markup.slice(0, caption)}${selected}${markup.slice(caption)}`;
  const start = selection.from + caption;
  return { from: selection.from, to: selection.to, insert, selection: { from: start, to: start + selected.length } };
}
