'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslations } from 'next-intl';
import './image-picker.css';

/** GET /w/rest.php/v1/file (lib/server/rest/file-list.ts): the current files whose name contains q, newest first. */
export const FILE_LIST_ENDPOINT = '/w/rest.php/v1/file';
const LIMIT = 30;
const SEARCH_DELAY_MS = 200;

interface PickerFile {
  /** Without "File:", spaces: what goes into [[File:…]]. */
  name: string;
  thumbnail: string;
}

type Listing = { state: 'loading' } | { state: 'error' } | { state: 'done'; query: string; files: PickerFile[] };

interface RestFile {
  title: string;
  thumbnail: { url: string };
}

/** The thumbnail's path on this wiki (the file object's address is absolute, made with the server's idea of its origin). */
function localPath(url: string): string {
  const parsed = new URL(url, window.location.origin);
  return `${parsed.pathname}${parsed.search}`;
}

async function loadFiles(query: string, signal: AbortSignal): Promise<PickerFile[]> {
  const response = await fetch(`${FILE_LIST_ENDPOINT}?q=${encodeURIComponent(query.slice(0, 255))}&limit=${LIMIT}`, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { files: RestFile[] };
  return body.files.map((file) => ({ name: file.title.replace(/^File:/u, ''), thumbnail: localPath(file.thumbnail.url) }));
}

export interface ImagePickerProps {
  /** A file was chosen: its name, without "File:". The editor inserts it and takes the focus. */
  onChoose: (name: string) => void;
  /** Closed without a choice (Esc, Cancel): the focus goes back where it was. */
  onCancel: () => void;
}

/**
 * The Insert image picker: a modal dialog (native <dialog> shown with showModal where the browser
 * has it, so the rest of the page is inert) listing the uploaded files with their thumbnails, a
 * search box (debounced; an answer to an older query is never shown), and a link to Special:Upload
 * in a new tab (the edit stays open). Esc and Cancel close it and return the focus; Tab stays
 * inside; ArrowDown/ArrowUp go from the search box through the files. Mounted only while open,
 * and outside the edit form (a portal), so Enter in its search box cannot submit the edit.
 */
export function ImagePicker({ onChoose, onCancel }: ImagePickerProps) {
  const t = useTranslations('editor.imagePicker');
  const ids = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const [query, setQuery] = useState('');
  const [listing, setListing] = useState<Listing>({ state: 'loading' });

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    returnFocus.current = document.activeElement;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', '');
    element.querySelector<HTMLInputElement>('input')?.focus();
    return () => {
      if (typeof element.close === 'function' && element.open) element.close();
    };
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        loadFiles(query.trim(), controller.signal).then(
          (files) => controller.signal.aborted || setListing({ state: 'done', query: query.trim(), files }),
          () => controller.signal.aborted || setListing({ state: 'error' }),
        );
      },
      query === '' ? 0 : SEARCH_DELAY_MS,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const close = () => {
    if (typeof dialog.current?.close === 'function') dialog.current.close();
  };
  const cancel = () => {
    close();
    const previous = returnFocus.current;
    if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    onCancel();
  };
  // Closed before the editor takes the focus: closing a modal dialog sends the focus back to where it was.
  const choose = (name: string) => {
    close();
    onChoose(name);
  };

  const focusables = (): HTMLElement[] => [...(dialog.current?.querySelectorAll<HTMLElement>('input, button, a[href]') ?? [])];

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    } else if (event.key === 'Tab') {
      // The dialog keeps the focus (showModal makes the page inert, but Tab would leave for the browser's own controls).
      const all = focusables();
      const edge = event.shiftKey ? all[0] : all.at(-1);
      if (edge && document.activeElement === edge) {
        event.preventDefault();
        (event.shiftKey ? all.at(-1) : all[0])?.focus();
      }
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const files = [...(list.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
      const input = dialog.current?.querySelector<HTMLInputElement>('input');
      const at = files.indexOf(document.activeElement as HTMLButtonElement);
      if (at < 0 && document.activeElement !== input) return;
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
      if (next < 0) input?.focus();
      else files[Math.min(next, files.length - 1)]?.focus();
    }
  };

  const status =
    listing.state === 'loading'
      ? t('loading')
      : listing.state === 'error'
        ? t('error')
        : listing.files.length > 0
          ? t('count', { count: listing.files.length })
          : listing.query === ''
            ? t('empty')
            : t('none', { query: listing.query });

  return createPortal(
    <dialog
      ref={dialog}
      className="image-picker"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-description`}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        cancel();
      }}
    >
      <h2 id={`${ids}-title`}>{t('title')}</h2>
      <p id={`${ids}-description`}>{t('description')}</p>
      <label htmlFor={`${ids}-search`}>{t('search')}</label>
      <input
        id={`${ids}-search`}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.preventDefault();
        }}
      />
      <p role="status" className="image-picker-status">
        {status}
      </p>
      {listing.state === 'done' && listing.files.length > 0 && (
        <ul ref={list} className="image-picker-files">
          {listing.files.map((file) => (
            <li key={file.name}>
              <button type="button" onClick={() => choose(file.name)}>
                {/* eslint-disable-next-line @next/next/no-img-element -- the wiki's own thumbnails, already sized */}
                <img src={file.thumbnail} alt="" loading="lazy" />
                <span>{file.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="image-picker-actions">
        <a href="/wiki/Special:Upload" target="_blank" rel="noopener">
          {t('upload')} {t('newTab')}
        </a>
        <button type="button" onClick={cancel}>
          {t('cancel')}
        </button>
      </p>
    </dialog>,
    document.body,
  );
}
