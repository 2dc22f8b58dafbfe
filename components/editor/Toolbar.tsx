'use client';

import { Fragment, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import type { ToolbarAction } from '@/lib/domain/editor-transforms';

/** 'insertImage' opens the Insert image picker rather than transforming the text. */
type ButtonAction = ToolbarAction | 'insertImage';

interface ToolbarButton {
  action: ButtonAction;
  /**
   * What the button shows; its name comes from the catalog (aria-label and tooltip). Symbols, not
   * words or digits: visible text must be part of the accessible name (axe's label-content-name-mismatch).
   */
  glyph: string;
  glyphClass?: string;
  shortcut?: string;
  /** A thin line after the button, between groups (inline, blocks, insertions). */
  groupEnd?: boolean;
}

const BUTTONS: readonly ToolbarButton[] = [
  { action: 'bold', glyph: 'B', glyphClass: 'glyph-bold', shortcut: 'B' },
  { action: 'italic', glyph: 'I', glyphClass: 'glyph-italic', shortcut: 'I' },
  { action: 'heading', glyph: 'H', glyphClass: 'glyph-bold' },
  { action: 'link', glyph: '↗', shortcut: 'K' },
  { action: 'wikiLink', glyph: '[[ ]]', glyphClass: 'glyph-code', groupEnd: true },
  { action: 'bulletList', glyph: '•', glyphClass: 'glyph-bold' },
  { action: 'numberedList', glyph: '⒈' },
  { action: 'quote', glyph: '❝' },
  { action: 'code', glyph: '</>', glyphClass: 'glyph-code', groupEnd: true },
  { action: 'table', glyph: '▦' },
  { action: 'footnote', glyph: '¹', glyphClass: 'glyph-bold' },
  { action: 'insertImage', glyph: '🖼\uFE0E' },
  { action: 'signature', glyph: '~~~~', glyphClass: 'glyph-code' },
];

export interface ToolbarProps {
  onAction: (action: ToolbarAction) => void;
  /** The signature button only makes sense on talk pages, as in MediaWiki. */
  talkPage: boolean;
  /** "Ctrl" or "⌘", for the tooltips of the shortcuts. */
  modifier?: string;
  /** Opens the Insert image picker; without it there is no Insert image button. */
  onInsertImage?: () => void;
}

/**
 * The formatting toolbar above the editor, WAI-ARIA's toolbar pattern: one Tab stop, arrow keys
 * (and Home/End) move between the buttons, so keyboard users pass it in one step on the way to
 * the text. Buttons keep the editor's selection (mousedown does not take the focus) and act on it.
 */
export function Toolbar({ onAction, talkPage, modifier = 'Ctrl', onInsertImage }: ToolbarProps) {
  const t = useTranslations('editor.toolbar');
  const buttons = BUTTONS.filter((button) => (talkPage || button.action !== 'signature') && (onInsertImage || button.action !== 'insertImage'));
  const [active, setActive] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const last = buttons.length - 1;
    const next = { ArrowRight: active + 1, ArrowDown: active + 1, ArrowLeft: active - 1, ArrowUp: active - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = next > last ? 0 : next < 0 ? last : next;
    setActive(index);
    refs.current[index]?.focus();
  };

  return (
    <div role="toolbar" aria-label={t('label')} aria-controls="wpTextbox1-editor" className="editor-toolbar" onKeyDown={move}>
      {buttons.map((button, index) => {
        const name = t(button.action);
        const tooltip = button.shortcut ? t('withShortcut', { name, shortcut: `${modifier}+${button.shortcut}` }) : name;
        return (
          <Fragment key={button.action}>
            <button
              ref={(element) => {
                refs.current[index] = element;
              }}
              type="button"
              tabIndex={index === active ? 0 : -1}
              aria-label={name}
              aria-keyshortcuts={button.shortcut ? `Control+${button.shortcut} Meta+${button.shortcut}` : undefined}
              aria-haspopup={button.action === 'insertImage' ? 'dialog' : undefined}
              title={tooltip}
              onMouseDown={(event) => event.preventDefault()}
              onFocus={() => setActive(index)}
              onClick={() => (button.action === 'insertImage' ? onInsertImage?.() : onAction(button.action))}
            >
              <span aria-hidden="true" className={button.glyphClass}>
                {button.glyph}
              </span>
            </button>
            {button.groupEnd && <span className="toolbar-separator" aria-hidden="true" />}
          </Fragment>
        );
      })}
    </div>
  );
}
