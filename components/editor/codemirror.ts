import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, drawSelection, keymap } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, isolateHistory } from '@codemirror/commands';
import { HighlightStyle, Language, bracketMatching, defineLanguageFacet, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { tags } from '@lezer/highlight';
import { GFM, parser as markdownParser } from '@lezer/markdown';
import { applyToolbarAction, type Placeholders, type ToolbarAction } from '@/lib/domain/editor-transforms';
import { textChanges } from '@/lib/domain/text-changes';
import { WikiSyntax, wikiTags } from './wiki-syntax';
import { redoChord } from './history-keys';
import { linkAutocomplete } from './link-autocomplete';
import { pickedImages } from './picked-image-insert';
import { imageDrops } from './image-drop';
import './editor.css';

/**
 * The CodeMirror 6 editor, in a module of its own that CodeEditor.tsx imports only once an edit page
 * has hydrated: readers never download it. Markdown is parsed by @lezer/markdown with GFM and the
 * wiki's additions (wiki-syntax.ts); the Language is built here rather than through
 * @codemirror/lang-markdown's markdown(), which would also bundle the HTML, CSS and JavaScript
 * languages for embedded code (some 100 KB gzipped) that this wiki's renderer does not highlight.
 */
const wikiMarkdown = new Language(
  defineLanguageFacet({ commentTokens: { block: { open: '<!--', close: '-->' } } }),
  markdownParser.configure([GFM, WikiSyntax]),
  [],
  'markdown',
);

// Colours are the site's custom properties (app/styles/tokens.css), so dark mode follows.
const highlightStyle = HighlightStyle.define([
  { tag: tags.heading, fontWeight: 'bold', color: 'var(--editor-heading)' },
  { tag: tags.strong, fontWeight: 'bold' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--link)' },
  { tag: [wikiTags.wikiLink, wikiTags.fileLink], color: 'var(--link)', fontWeight: '600' },
  { tag: wikiTags.fileLink, textDecoration: 'underline dotted' },
  { tag: wikiTags.footnote, color: 'var(--editor-footnote)' },
  { tag: wikiTags.signature, color: 'var(--editor-signature)', fontWeight: 'bold' },
  { tag: tags.monospace, color: 'var(--editor-code)' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.labelName], color: 'var(--editor-mark)' },
  { tag: tags.comment, color: 'var(--muted)' },
]);

export interface EditorOptions {
  doc: string;
  placeholders: () => Placeholders;
  onChange: (text: string) => void;
  /** Alt+Shift+S, P and V (save, preview, show changes): the form's buttons with those access keys. */
  onAccessKey: (key: 's' | 'p' | 'v') => void;
  /** The name of the list of link suggestions, in the reader's language. */
  completionsLabel?: string;
}

export interface EditorApi {
  view: EditorView;
  run: (action: ToolbarAction) => void;
  setText: (text: string) => void;
  /**
   * Names the editing area by the visible label (aria-labelledby). Not done at creation: until the
   * editor replaces the textarea, the label names the textarea, so one control is "Content".
   */
  nameWith: (labelId: string) => void;
  destroy: () => void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): EditorApi {
  const accessibleName = new Compartment();
  const run = (view: EditorView, action: ToolbarAction): boolean => {
    const text = view.state.doc.toString();
    const { main } = view.state.selection;
    const result = applyToolbarAction(action, text, { from: main.from, to: main.to }, options.placeholders());
    view.dispatch({
      // The smallest changes (a wrap is two insertions), so that undo and redo give the selection back as it was.
      changes: textChanges(text, result.text),
      selection: { anchor: result.selection.from, head: result.selection.to },
      scrollIntoView: true,
      userEvent: 'input',
      // One undo step of its own: never merged with the typing just before or after it.
      annotations: isolateHistory.of('full'),
    });
    view.focus();
    return true;
  };

  const wikiKeymap = keymap.of([
    { key: 'Mod-b', run: (view) => run(view, 'bold') },
    { key: 'Mod-i', run: (view) => run(view, 'italic') },
    { key: 'Mod-k', run: (view) => run(view, 'link') },
    { key: 'Alt-Shift-s', run: () => (options.onAccessKey('s'), true) },
    { key: 'Alt-Shift-p', run: () => (options.onAccessKey('p'), true) },
    { key: 'Alt-Shift-v', run: () => (options.onAccessKey('v'), true) },
  ]);
  // Esc leaves the text (after search's Esc closed its panel and the default Esc reduced several
  // cursors to one): the browser's sequential focus starting point stays at the editor, so the
  // next Tab reaches the summary and Shift+Tab the toolbar. Tab itself is not bound: it moves on.
  const escapeKeymap = keymap.of([
    {
      key: 'Escape',
      run: (view) => {
        view.contentDOM.blur();
        return true;
      },
    },
  ]);

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        history(),
        drawSelection(),
        bracketMatching(),
        highlightSelectionMatches(),
        search({ top: true }),
        wikiMarkdown,
        syntaxHighlighting(highlightStyle),
        EditorView.lineWrapping,
        accessibleName.of([]),
        EditorView.contentAttributes.of({
          id: 'wpTextbox1-editor',
          'aria-multiline': 'true',
          spellcheck: 'true',
          autocorrect: 'on',
          autocapitalize: 'sentences',
        }),
        redoChord,
        keymap.of([...searchKeymap, ...historyKeymap]),
        wikiKeymap,
        keymap.of(defaultKeymap),
        escapeKeymap,
        linkAutocomplete(options.completionsLabel),
        pickedImages(),
        imageDrops(),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    view,
    run: (action) => run(view, action),
    setText: (text) => {
      const old = view.state.doc.toString();
      if (old !== text) view.dispatch({ changes: textChanges(old, text), annotations: isolateHistory.of('full') });
    },
    nameWith: (labelId) => view.dispatch({ effects: accessibleName.reconfigure(EditorView.contentAttributes.of({ 'aria-labelledby': labelId })) }),
    destroy: () => view.destroy(),
  };
}
