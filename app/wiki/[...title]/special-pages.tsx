import type { ReactNode } from 'react';
import Link from 'next/link';
import { SignInForm } from '@/components/special/SignInForm';
import { CreateAccountForm } from '@/components/special/CreateAccountForm';
import { ChangePasswordForm } from '@/components/special/ChangePasswordForm';
import { safeReturnTo } from '@/lib/domain/accounts';
import { ContributionsView, RecentChangesView } from './changes-views';
import { OrphanedPagesView, WantedPagesView, WhatLinksHereView } from './links-views';
import { MovePageView } from './move-view';
import { RevisionDeleteView, UndeleteView } from './deletion-views';
import { BlockListView, BlockView, UnblockView } from './block-views';
import { LogView } from './log-view';
import { UserRightsView } from './user-rights-view';
import { AllPagesView, RandomView, SearchView } from './search-views';

type SearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

interface SpecialPage {
  title: string;
  /** `subpage`: what follows the name after a slash ("Special:Contributions/Jane" → "Jane"), or null. */
  render(searchParams: SearchParams, subpage?: string | null): ReactNode;
}

/** Special pages by canonical name (the part after "Special:"), as MediaWiki's SpecialPageFactory. */
const REGISTERED_SPECIAL_PAGES: Record<string, SpecialPage> = {
  UserLogin: {
    title: 'Log in',
    render(searchParams) {
      const returnTo = safeReturnTo(first(searchParams.returnto));
      const error = first(searchParams.error);
      return (
        <>
          <SignInForm returnTo={returnTo} initialError={error && error !== 'CredentialsSignin' ? error : undefined} />
          <p>
            Don’t have an account? <Link href={`/wiki/Special:CreateAccount?returnto=${encodeURIComponent(returnTo)}`}>Join the wiki</Link>.
          </p>
        </>
      );
    },
  },
  CreateAccount: {
    title: 'Create account',
    render(searchParams) {
      return <CreateAccountForm returnTo={safeReturnTo(first(searchParams.returnto))} />;
    },
  },
  ChangePassword: {
    title: 'Change password',
    render() {
      return <ChangePasswordForm />;
    },
  },
  RecentChanges: {
    title: 'Recent changes',
    render(searchParams) {
      return <RecentChangesView query={searchParams} />;
    },
  },
  Contributions: {
    title: 'User contributions',
    render(searchParams, subpage) {
      return <ContributionsView query={searchParams} target={subpage ?? null} />;
    },
  },
  MovePage: {
    title: 'Move page',
    render(searchParams, subpage) {
      return <MovePageView target={subpage ?? null} query={searchParams} />;
    },
  },
  WhatLinksHere: {
    title: 'Pages that link here',
    render(searchParams, subpage) {
      return <WhatLinksHereView target={subpage ?? null} query={searchParams} />;
    },
  },
  WantedPages: {
    title: 'Wanted pages',
    render(searchParams) {
      return <WantedPagesView query={searchParams} />;
    },
  },
  OrphanedPages: {
    title: 'Orphaned pages',
    render(searchParams) {
      return <OrphanedPagesView query={searchParams} />;
    },
  },
  Search: {
    title: 'Search results',
    render(searchParams) {
      return <SearchView query={searchParams} />;
    },
  },
  AllPages: {
    title: 'All pages',
    render(searchParams, subpage) {
      return <AllPagesView query={searchParams} subpage={subpage ?? null} />;
    },
  },
  Undelete: {
    title: 'View and restore deleted pages',
    render(_searchParams, subpage) {
      return <UndeleteView target={subpage ?? null} />;
    },
  },
  RevisionDelete: {
    title: 'Change revision visibility',
    render(searchParams) {
      return <RevisionDeleteView query={searchParams} />;
    },
  },
  Random: {
    title: 'Random page',
    render() {
      return <RandomView />;
    },
  },
  Block: {
    title: 'Block user',
    render(searchParams, subpage) {
      return <BlockView subpage={subpage ?? null} query={searchParams} />;
    },
  },
  Unblock: {
    title: 'Unblock user',
    render(searchParams, subpage) {
      return <UnblockView subpage={subpage ?? null} query={searchParams} />;
    },
  },
  BlockList: {
    title: 'Blocked users',
    render(searchParams) {
      return <BlockListView query={searchParams} />;
    },
  },
  Log: {
    title: 'Logs',
    render(searchParams, subpage) {
      return <LogView query={searchParams} subpage={subpage ?? null} />;
    },
  },
  UserRights: {
    title: 'User rights',
    render(searchParams, subpage) {
      return <UserRightsView subpage={subpage ?? null} query={searchParams} />;
    },
  },
};

const BY_LOWERCASE_NAME = new Map(Object.entries(REGISTERED_SPECIAL_PAGES).map(([name, page]) => [name.toLowerCase(), page]));

/**
 * The special page a "Special:" title names, as MediaWiki's SpecialPageFactory::resolveAlias: the
 * name is what comes before the first "/" (matched case-insensitively, since "Special:Recentchanges"
 * works on MediaWiki too), the rest is the subpage parameter.
 */
export function resolveSpecialPage(dbKey: string): { page: SpecialPage; subpage: string | null } | undefined {
  const slash = dbKey.indexOf('/');
  const name = slash < 0 ? dbKey : dbKey.slice(0, slash);
  const subpage = slash < 0 ? null : dbKey.slice(slash + 1);
  const page = Object.hasOwn(REGISTERED_SPECIAL_PAGES, name) ? REGISTERED_SPECIAL_PAGES[name] : BY_LOWERCASE_NAME.get(name.toLowerCase());
  return page ? { page, subpage: subpage === '' ? null : subpage } : undefined;
}
