/**
 * How the editor hands pasted or dropped images to the React side: a DOM event on the editor
 * (image-drop.ts sends it, ImageDrops.tsx listens). A module of its own without CodeMirror imports,
 * so the React side's chunk does not take CodeMirror in with the event's name.
 */
export const IMAGE_FILES_EVENT = 'wiki-editor-image-files';

export interface ImageFilesDetail {
  files: File[];
  /** Inserts `text` at the place (replacing the pasted-over selection the first time); the caret goes to `caret` within it. */
  place: (text: string, caret: number) => void;
  /** The batch is over: the place is forgotten. */
  release: () => void;
}
