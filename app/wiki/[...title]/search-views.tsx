import { redirect } from 'next/navigation';
import { SearchPageForm, SearchPageResults } from '@/components/SearchPageResults';
import { AllPagesList } from '@/components/AllPagesList';
import { NoArticles } from '@/components/NoArticles';
import { loadAllPagesScreen, loadRandomScreen, loadSearchScreen } from '@/lib/server/screens/search';
import type { SearchParams } from '@/lib/domain/query-params';

// The async views below only load; the words are in small synchronous components (useTranslations),
// so that a test can render a view's output inside the i18n provider without a Next request.

/** /wiki/Special:Search (see loadSearchScreen): "Go" to a page, the form, or the results. */
export async function SearchView({ query }: { query: SearchParams }) {
  const screen = await loadSearchScreen(query);
  if (screen.kind === 'go') redirect(screen.href);
  const form = <SearchPageForm search={screen.search} maxLength={screen.maxLength} />;
  if (screen.kind === 'form') return form;
  return (
    <div className="search-results">
      {form}
      <SearchPageResults search={screen.search} results={screen.results} offset={screen.offset} limit={screen.limit} createTitle={screen.createTitle} />
    </div>
  );
}

/** /wiki/Special:AllPages[?from=Title]: main-namespace titles in alphabetical order, 100 a page. */
export async function AllPagesView({ query, subpage }: { query: SearchParams; subpage: string | null }) {
  const { from, list } = await loadAllPagesScreen(query, subpage);
  return <AllPagesList from={from} list={list} />;
}

/** /wiki/Special:Random: redirects to a random article. */
export async function RandomView() {
  const { href } = await loadRandomScreen();
  if (href) redirect(href);
  return <NoArticles />;
}
