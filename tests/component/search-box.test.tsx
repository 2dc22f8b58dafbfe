import { renderToString } from 'react-dom/server';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SearchBox } from '@/components/SearchBox';
import { IntlProvider, renderWithIntl } from '../support/intl';

const pages = [
  { id: 1, key: 'Telefono', title: 'Telefono', excerpt: 'Telefono', matched_title: null, description: null, thumbnail: null },
  { id: 2, key: 'Telephone_exchange', title: 'Telephone exchange', excerpt: 'Telephone exchange', matched_title: null, description: null, thumbnail: null },
];

describe('SearchBox', () => {
  const fetchMock = vi.fn(async (_url: string) => new Response(JSON.stringify({ pages }), { status: 200 }));
  const assign = vi.fn();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    Object.defineProperty(window, 'location', { configurable: true, value: { ...window.location, assign } });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockClear();
    assign.mockClear();
  });

  it('is a plain GET form to Special:Search with Go and Search buttons', () => {
    const { container } = renderWithIntl(<SearchBox />);
    const form = container.querySelector('form')!;
    expect(form.getAttribute('action')).toBe('/wiki/Special:Search');
    expect(form.getAttribute('method')).toBe('get');
    expect(screen.getByRole('combobox').getAttribute('name')).toBe('search');
    expect(screen.getByRole('button', { name: 'Go' }).getAttribute('name')).toBe('go');
    expect(screen.getByRole('button', { name: 'Search' }).getAttribute('name')).toBe('fulltext');
  });

  it('keeps a query typed before its script ran, through focus and blur, and suggests for it', async () => {
    const container = document.createElement('div');
    container.innerHTML = renderToString(
      <IntlProvider>
        <SearchBox />
      </IntlProvider>,
    );
    document.body.appendChild(container);
    (container.querySelector('input[name="search"]') as HTMLInputElement).value = 'Tele';
    render(<SearchBox />, { container, hydrate: true, wrapper: IntlProvider });
    const input = screen.getByRole('combobox') as HTMLInputElement;
    await act(async () => {
      fireEvent.focus(input);
      fireEvent.blur(input);
    });
    expect(input.value).toBe('Tele');
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(fetchMock.mock.calls[0]![0]).toContain('q=Tele');
  });

  it('suggests titles (debounced) and navigates them with the keyboard', async () => {
    renderWithIntl(<SearchBox />);
    const input = screen.getByRole('combobox');
    await act(async () => {
      fireEvent.focus(input);
      fireEvent.change(input, { target: { value: 'T' } });
      fireEvent.change(input, { target: { value: 'Tel' } });
    });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(2));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(fetchMock.mock.calls[0]![0]).toBe('/w/rest.php/v1/search/title?q=Tel&limit=8');
    expect(input.getAttribute('aria-expanded')).toBe('true');

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    const second = screen.getAllByRole('option')[1]!;
    expect(input.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);

    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(assign).toHaveBeenCalledWith('/wiki/Telephone_exchange');

    fireEvent.keyDown(input, { key: 'Escape' });
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
  });
});
