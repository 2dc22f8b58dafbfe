'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslations } from 'next-intl';
import { useValueTypedEarly } from '@/components/use-value-typed-early';

interface Suggestion {
  key: string;
  title: string;
}

const SEARCH_PATH = '/wiki/Special:Search';
const DEBOUNCE_MS = 200;

function titleHref(key: string): string {
  return `/wiki/${encodeURIComponent(key).replace(/%(3A|2F|2C|28|29)/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))}`;
}

/**
 * The header search box. Without JavaScript it is a plain GET form to Special:Search: "Go" opens
 * the page the query names if it exists (MediaWiki's go), "Search" always lists full-text results.
 * With JavaScript it suggests titles as you type (REST /search/title, debounced), as an ARIA
 * combobox: ArrowDown/ArrowUp move through the listbox, Enter opens the highlighted title, Escape closes.
 */
export function SearchBox({ initialQuery = '' }: { initialQuery?: string }) {
  const t = useTranslations('common.search');
  const [query, setQuery] = useState(initialQuery);
  // A reader may type before this script runs; the next render (focus, blur) would wipe it.
  const input = useValueTypedEarly(query, setQuery);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q === '') return; // cleared by onChange, where the query became blank
    const timer = setTimeout(async () => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      try {
        const response = await fetch(`/w/rest.php/v1/search/title?q=${encodeURIComponent(q.slice(0, 255))}&limit=8`, { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { pages: Suggestion[] };
        setSuggestions(body.pages.map(({ key, title }) => ({ key, title })));
        setActive(-1);
      } catch {
        // Aborted or offline: keep the previous suggestions; the form still works.
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);

  useEffect(() => () => abort.current?.abort(), []);

  const visible = open && suggestions.length > 0;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => {
        const next = current + step;
        if (next < -1) return suggestions.length - 1;
        return next >= suggestions.length ? -1 : next;
      });
    } else if (event.key === 'Escape') {
      if (visible) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    } else if (event.key === 'Enter' && visible && active >= 0) {
      event.preventDefault();
      window.location.assign(titleHref(suggestions[active]!.key));
    }
  }

  return (
    <form action={SEARCH_PATH} method="get" role="search" aria-label={t('label')} className="search-box">
      <div className="search-combobox">
        <input
          ref={input}
          type="search"
          name="search"
          value={query}
          placeholder={t('label')}
          aria-label={t('label')}
          autoComplete="off"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={visible}
          aria-controls={listId}
          aria-activedescendant={visible && active >= 0 ? `${listId}-${active}` : undefined}
          maxLength={300}
          onChange={(event) => {
            setQuery(event.target.value);
            // A blank query suggests nothing (cleared here, not in the effect: no extra render).
            if (event.target.value.trim() === '') setSuggestions([]);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={listId} role="listbox" aria-label={t('suggestions')} className="search-suggestions" hidden={!visible}>
          {suggestions.map((s, index) => (
            <li
              key={s.key}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(event) => {
                event.preventDefault();
                window.location.assign(titleHref(s.key));
              }}
              onMouseEnter={() => setActive(index)}
            >
              {s.title}
            </li>
          ))}
        </ul>
      </div>
      {/* value="Go" is what Special:Search reads, whatever the button says in this language. */}
      <button type="submit" name="go" value="Go" title={t('goTitle')}>
        {t('go')}
      </button>
      <button type="submit" name="fulltext" value="1" title={t('searchTitle')}>
        {t('search')}
      </button>
    </form>
  );
}
