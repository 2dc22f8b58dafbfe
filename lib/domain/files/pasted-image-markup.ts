/**
 * Images pasted or dropped into the editor (docs/editing.md, "Images by paste and drop"): which
 * files are taken as images, and the markup inserted once one is uploaded. Loaded with the editor
 * itself, so it imports nothing (the naming rules, with the title parser, are in pasted-image.ts).
 *
 * Pure: no I/O.
 */

/** Whether a pasted or dropped file is taken as an image to upload (anything else keeps the editor's own handling). */
export function isImageFile(file: { type: string }): boolean {
  return file.type.startsWith('image/');
}

/** What goes into the text: a thumbnail with an empty caption, and where the caret goes (the caption). */
export function imageEmbedMarkup(name: string): { text: string; caption: number } {
  const text = `[[File:${name.replace(/^\s*(?:file|image)\s*:\s*/i, '').trim()}|thumb|]]`;
  return { text, caption: text.length - 2 };
}
