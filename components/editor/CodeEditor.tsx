'use client';

import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref, type RefObject } from 'react';
import { useTranslations } from 'next-intl';
import type { EditFormState } from '@/lib/domain/edit-form';
import type { Placeholders, ToolbarAction } from '@/lib/domain/editor-transforms';
import { isTalkNamespace } from '@/lib/domain/talk';
import { tryParseTitle } from '@/lib/domain/titles';
import type { EditorApi } from './codemirror';
import { canEnhance, enhanceTextarea, replaceFieldText, syncWithFormState, type Enhancement } from './enhance';
import { Toolbar } from './Toolbar';
import { ImageDrops } from './ImageDrops';
import { ImagePicker } from './ImagePicker';
import { INSERT_PICKED_IMAGE_EVENT, type InsertPickedImageDetail } from '@/lib/domain/files/picked-image';

/**
 * What the rest of the edit form may do with the editor. `replaceText` (used by draft restore)
 * replaces the whole text in the editor and in the form's textarea, as one undoable change, and
 * reports it through `onText` like typing does; before the editor has loaded, or without it, it
 * writes the textarea. Get it with `<CodeEditor handle={ref} …/>`.
 */
export interface EditorHandle {
  replaceText: (text: string) => void;
  /** The cursor's offset in the text while the text (editor or textarea) has the focus, else null. */
  cursor: () => number | null;
}

export interface CodeEditorProps {
  /** The form's textarea (#wpTextbox1): it stays in the form, hidden, and always holds the text. */
  field: RefObject<HTMLTextAreaElement | null>;
  /** The form's state: a conflict hands back the current text, which the editor then shows. */
  formState: EditFormState;
  /** Every change of the text (the form's `content`, for the live preview and the byte count). */
  onText: (text: string) => void;
  /** The page's title: the signature button is offered on talk pages only, as in MediaWiki. */
  title: string;
  handle?: Ref<EditorHandle>;
}

const PLACEHOLDER_KEYS = ['bold', 'italic', 'heading', 'linkText', 'linkTarget', 'wikiLink', 'listItem', 'quote', 'code', 'tableHeader', 'tableCell', 'footnote'] as const;

/**
 * Progressive enhancement of the edit form's textarea. The server renders only an empty frame
 * (no toolbar without JavaScript); once the form has hydrated, the CodeMirror module is imported
 * (its own chunk, fetched only here) and mounted in the frame, and the textarea is hidden. The
 * visible label names the editing area (aria-labelledby) and no longer the hidden textarea, so
 * "Content" means one control to screen readers and to getByLabel alike.
 */
export function CodeEditor({ field, formState, onText, title, handle }: CodeEditorProps) {
  const parsed = tryParseTitle(title);
  const talkPage = parsed.ok && isTalkNamespace(parsed.title.namespace);
  const tp = useTranslations('editor.placeholders');
  const completionsLabel = useTranslations('editor.autocomplete')('label');
  const [picking, setPicking] = useState(false);
  const host = useRef<HTMLDivElement>(null);
  const enhancement = useRef<Enhancement | null>(null);
  const [api, setApi] = useState<EditorApi | null>(null);
  const [modifier, setModifier] = useState('Ctrl');
  const placeholders = (): Placeholders => Object.fromEntries(PLACEHOLDER_KEYS.map((key) => [key, tp(key)])) as unknown as Placeholders;
  // The editor is created once; it reaches the current callbacks through this.
  const latest = useRef({ onText, placeholders, completionsLabel });
  useEffect(() => {
    latest.current = { onText, placeholders, completionsLabel };
  });

  useEffect(() => {
    const textarea = field.current;
    if (!textarea || !host.current || !canEnhance()) return;
    const abandoned = new AbortController();
    const options = {
      placeholders: () => latest.current.placeholders(),
      onText: (text: string) => latest.current.onText(text),
      completionsLabel: latest.current.completionsLabel,
    };
    enhanceTextarea(textarea, host.current, options, abandoned.signal).then((done) => {
      if (!done) return;
      if (abandoned.signal.aborted) return done.remove();
      enhancement.current = done;
      if (/Mac|iPhone|iPad/.test(navigator.platform)) setModifier('⌘');
      setApi(done.api);
    });
    return () => {
      abandoned.abort();
      enhancement.current?.remove();
      enhancement.current = null;
      setApi(null);
    };
  }, [field]);

  // The editor replaces the textarea in the commit that renders its toolbar: one change of shape.
  useLayoutEffect(() => {
    if (api) enhancement.current?.show();
  }, [api]);

  useEffect(() => {
    if (api && field.current) syncWithFormState(api, field.current, formState.conflict ? formState.values.content : undefined, latest.current.onText);
  }, [api, formState, field]);

  useImperativeHandle(
    handle,
    () => ({
      replaceText: (text: string) => (api ? api.setText(text) : replaceFieldText(field.current, text, latest.current.onText)),
      cursor: () => {
        if (api) return api.view.hasFocus ? api.view.state.selection.main.head : null;
        return field.current && document.activeElement === field.current ? field.current.selectionStart : null;
      },
    }),
    [api, field],
  );

  return (
    <div className="wiki-editor">
      {api && <Toolbar talkPage={talkPage} modifier={modifier} onAction={(action: ToolbarAction) => api.run(action)} onInsertImage={() => setPicking(true)} />}
      {api && picking && (
        <ImagePicker
          onCancel={() => setPicking(false)}
          onChoose={(name) => {
            setPicking(false);
            // The editor's side (picked-image-insert.ts) inserts it at the cursor and takes the focus.
            api.view.dom.dispatchEvent(new CustomEvent<InsertPickedImageDetail>(INSERT_PICKED_IMAGE_EVENT, { detail: { name } }));
          }}
        />
      )}
      {api && <ImageDrops editor={api.view.dom} focusEditor={() => api.view.focus()} />}
      <div ref={host} />
    </div>
  );
}
