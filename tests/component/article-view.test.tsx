import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '@/components/ArticleView';
import { renderMarkdown } from '@/lib/domain/markdown';
import type { ArticleView as ArticleViewModel } from '@/lib/domain/wiki';

function article(source: string): ArticleViewModel {
  const rendered = renderMarkdown(source);
  return {
    page: { id: 1, namespace: 0, dbKey: 'ECPAT', displayTitle: 'ECPAT', latestRevisionId: 7 },
    revision: {
      id: 7,
      pageId: 1,
      parentId: null,
      author: { id: 3, name: 'Wiki import' },
      summary: '',
      minor: false,
      size: source.length,
      sha1: '0'.repeat(40),
      createdAt: new Date('2026-11-28T09:05:00Z'),
    },
    html: rendered.html,
    toc: rendered.toc,
  };
}

describe('ArticleView', () => {
  it('shows the title, the rendered text and who edited it last, and when', () => {
    render(<ArticleView article={article('Awarded the 1998 **Rafto Prize**.')} />);
    expect(screen.getByRole('heading', { level: 1, name: 'ECPAT' })).toBeTruthy();
    expect(screen.getByText('Rafto Prize').tagName).toBe('STRONG');
    const footer = screen.getByText(/last edited on/);
    expect(footer.textContent).toContain('28 November 2026, at 09:05');
    expect(within(footer).getByRole('link', { name: 'Wiki import' }).getAttribute('href')).toBe('/wiki/User:Wiki_import');
  });

  it('shows a table of contents linking to each section once there are three headings', () => {
    render(<ArticleView article={article('## One\n\ntext\n\n## Two\n\n### Two a\n\nmore')} />);
    const toc = screen.getByRole('navigation', { name: 'Contents' });
    const links = within(toc).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(['1 One', '2 Two', '2.1 Two a']);
    for (const link of links) {
      const target = link.getAttribute('href')!.slice(1);
      expect(document.getElementById(target)).not.toBeNull();
    }
  });

  it('has no table of contents for short articles', () => {
    render(<ArticleView article={article('## Only\n\ntext\n\n## Two\n\ntext')} />);
    expect(screen.queryByRole('navigation', { name: 'Contents' })).toBeNull();
  });

  it('links footnote references to their notes and back', () => {
    render(<ArticleView article={article('Established in 1990.[^1]\n\n[^1]: A source.')} />);
    const reference = screen.getByRole('link', { name: '1' });
    const note = document.getElementById(reference.getAttribute('href')!.slice(1));
    expect(note?.textContent).toContain('A source.');
    const back = note!.querySelector('a[href^="#"]:last-of-type')!;
    expect(document.getElementById(back.getAttribute('href')!.slice(1))).toBe(reference.parentElement?.querySelector('a') ?? reference);
  });
});
