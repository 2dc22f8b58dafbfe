import type { ReactNode } from 'react';
import { QueryPager } from '@/components/QueryPager';

export interface QueryPageListProps<Item> {
  intro: string;
  /** Shown instead of the list when there is nothing to list. */
  none: string;
  items: readonly Item[];
  itemKey: (item: Item) => string;
  renderItem: (item: Item) => ReactNode;
  /** The special page's address, where the pager's links point. */
  base: string;
  paging: { limit: number; offset: number; hasMore: boolean };
}

/**
 * The body of MediaWiki's query pages (WantedPages, OrphanedPages, WantedFiles, WantedTemplates,
 * UnusedTemplates…): an introduction, a numbered list continuing across pages, and the pager.
 */
export function QueryPageList<Item>({ intro, none, items, itemKey, renderItem, base, paging }: QueryPageListProps<Item>) {
  return (
    <>
      <p>{intro}</p>
      {items.length === 0 ? (
        <p className="empty-list">{none}</p>
      ) : (
        <ol className="special-list" start={paging.offset + 1}>
          {items.map((item) => (
            <li key={itemKey(item)}>{renderItem(item)}</li>
          ))}
        </ol>
      )}
      <QueryPager base={base} {...paging} />
    </>
  );
}
