import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Toolbar } from '@/components/editor/Toolbar';
import { applyToolbarAction, type Placeholders, type TextEdit } from '@/lib/domain/editor-transforms';
import { CATALOGS } from '@/lib/i18n/catalogs';
import type { Locale } from '@/lib/i18n/negotiate-locale.mjs';
import { renderWithIntl } from '../support/intl';

/**
 * The toolbar as the editor uses it, against a plain text and selection: CodeMirror itself needs a
 * layout engine (jsdom has none), so the editor is exercised in tests/e2e/editor-toolbar.test.ts.
 */
function Harness({ initial, locale }: { initial: TextEdit; locale: Locale }) {
  const [edit, setEdit] = useState(initial);
  const placeholders = CATALOGS[locale].editor.placeholders as Placeholders;
  return (
    <>
      <Toolbar talkPage={false} onAction={(action) => setEdit(applyToolbarAction(action, edit.text, edit.selection, placeholders))} />
      <output data-testid="text">{edit.text}</output>
      <output data-testid="selection">{`${edit.selection.from}-${edit.selection.to}`}</output>
    </>
  );
}

const EN_NAMES = [
  'Bold',
  'Italic',
  'Heading (level 2, 3, 4, then plain text)',
  'Link (external)',
  'Wiki link',
  'Bulleted list',
  'Numbered list',
  'Quote',
  'Code',
  'Table',
  'Footnote',
];

describe('the editor toolbar', () => {
  it('names every button, with the shortcut in the tooltip, and offers no signature outside talk pages', () => {
    renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} />, { locale: 'en' });
    const toolbar = screen.getByRole('toolbar', { name: 'Formatting' });
    const buttons = screen.getAllByRole('button');
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual(EN_NAMES);
    expect(screen.getByRole('button', { name: 'Bold' }).title).toBe('Bold (Ctrl+B)');
    expect(screen.getByRole('button', { name: 'Link (external)' }).title).toBe('Link (external) (Ctrl+K)');
    expect(screen.getByRole('button', { name: 'Table' }).title).toBe('Table');
    expect(toolbar.contains(buttons[0]!)).toBe(true);
  });

  it('adds the signature on talk pages and reads in Italian', () => {
    renderWithIntl(<Toolbar talkPage onAction={() => {}} modifier="⌘" />, { locale: 'it' });
    screen.getByRole('toolbar', { name: 'Formattazione' });
    expect(screen.getByRole('button', { name: 'Grassetto' }).title).toBe('Grassetto (⌘+B)');
    expect(screen.getByRole('button', { name: 'Corsivo' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Firma' })).toBeTruthy();
    expect(screen.getAllByRole('button')).toHaveLength(12);
  });

  it('is one Tab stop: arrow keys, Home and End move between the buttons', () => {
    renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} />, { locale: 'en' });
    const buttons = screen.getAllByRole('button');
    expect(buttons.filter((button) => button.tabIndex === 0)).toEqual([buttons[0]]);
    buttons[0]!.focus();
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[1]);
    expect(buttons[1]!.tabIndex).toBe(0);
    fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons.at(-1));
    fireEvent.keyDown(buttons.at(-1)!, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(buttons[0]);
    fireEvent.keyDown(buttons[0]!, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(buttons.at(-1));
  });

  it('acts on the selection: Bold wraps the selected word, a second click unwraps it', () => {
    renderWithIntl(<Harness initial={{ text: 'The Rafto Prize', selection: { from: 4, to: 9 } }} locale="en" />, { locale: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(screen.getByTestId('text').textContent).toBe('The **Rafto** Prize');
    expect(screen.getByTestId('selection').textContent).toBe('6-11');
    fireEvent.click(screen.getByRole('button', { name: 'Bold' }));
    expect(screen.getByTestId('text').textContent).toBe('The Rafto Prize');
  });

  it('inserts placeholders in the reader’s language', () => {
    renderWithIntl(<Harness initial={{ text: '', selection: { from: 0, to: 0 } }} locale="it" />, { locale: 'it' });
    fireEvent.click(screen.getByRole('button', { name: 'Collegamento wiki' }));
    expect(screen.getByTestId('text').textContent).toBe('[[Titolo della pagina]]');
  });

  it('keeps the editor’s selection: pressing a button does not take the focus', () => {
    renderWithIntl(<Toolbar talkPage={false} onAction={() => {}} />, { locale: 'en' });
    const pressed = fireEvent.mouseDown(screen.getByRole('button', { name: 'Italic' }));
    expect(pressed).toBe(false);
  });
});
