import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/LazyForms';
import { JoinTheWiki } from '@/components/special/JoinTheWiki';
import { CreateAccountForm } from '@/components/LazyForms';
import { ChangePasswordForm } from '@/components/LazyForms';
import { changePasswordAction, createAccountAction } from '@/app/actions/account';
import { safeReturnTo } from '@/lib/domain/accounts';
import { ContributionsView, RecentChangesView } from './changes-views';
import { OrphanedPagesView, WantedPagesView, WhatLinksHereView } from './links-views';
import { UnusedTemplatesView, WantedTemplatesView } from './template-list-views';
import { MovePageView } from './move-view';
import { RevisionDeleteView, UndeleteView } from './deletion-views';
import { FileVersionHideView } from './file-version-hide-view';
import { BlockListView, BlockView, UnblockView } from './block-views';
import { LogView } from './log-view';
import { UploadView } from './upload-view';
import { ListFilesView, UnusedFilesView, WantedFilesView } from './file-list-views';
import { UserRightsView } from './user-rights-view';
import { WatchlistView } from './watchlist-view';
import { EditWatchlistView } from './edit-watchlist-view';
import { PreferencesView } from './preferences-view';
import { BotPasswordsView } from './bot-passwords-view';
import { ThanksView } from './thanks-view';
import { NotificationsView } from './notifications-view';
import { ConfirmEmailView } from './confirm-email-view';
import { AllPagesView, RandomView, SearchView } from './search-views';
import { SpecialPagesListView, type SpecialPageGroup, type SpecialPageGroupName } from '@/components/SpecialPagesListView';
import { first, type SearchParams } from '@/lib/domain/query-params';
import { FILE_VERSION_REVDEL_TYPE } from '@/lib/domain/files/hide-version-input';
import type enCommon from '@/messages/en/common.json';

/** A special page's canonical name, which is also the key of its title in the common catalog. */
export type SpecialPageName = keyof typeof enCommon.specialPages.titles;

interface SpecialPageDefinition {
  /** Its section on Special:SpecialPages (MediaWiki's groups); null leaves it off the list. */
  group: SpecialPageGroupName | null;
  /** `subpage`: what follows the name after a slash ("Special:Contributions/Jane" → "Jane"), or null. */
  render(searchParams: SearchParams, subpage?: string | null): ReactNode;
}

interface SpecialPage extends SpecialPageDefinition {
  /** Its title in the reader's language comes from specialPageTitle(name). */
  name: SpecialPageName;
}

/** The page's title in the reader's language ("Recent changes", "Ultime modifiche"). */
export async function specialPageTitle(name: SpecialPageName): Promise<string> {
  const t = await getTranslations('common.specialPages.titles');
  return t(name);
}

/** Special pages by canonical name (the part after "Special:"), as MediaWiki's SpecialPageFactory. */
const DEFINITIONS: Record<SpecialPageName, SpecialPageDefinition> = {
  UserLogin: {
    group: 'users',
    render(searchParams) {
      const returnTo = safeReturnTo(first(searchParams.returnto));
      return (
        <>
          <SignInForm returnTo={returnTo} addressError={first(searchParams.error)} />
          <JoinTheWiki returnTo={returnTo} />
        </>
      );
    },
  },
  CreateAccount: {
    group: 'users',
    render(searchParams) {
      return <CreateAccountForm returnTo={safeReturnTo(first(searchParams.returnto))} action={createAccountAction} />;
    },
  },
  ChangePassword: {
    group: 'users',
    render() {
      return <ChangePasswordForm action={changePasswordAction} />;
    },
  },
  RecentChanges: {
    group: 'changes',
    render(searchParams) {
      return <RecentChangesView query={searchParams} />;
    },
  },
  Contributions: {
    group: 'users',
    render(searchParams, subpage) {
      return <ContributionsView query={searchParams} target={subpage ?? null} />;
    },
  },
  MovePage: {
    group: 'pagetools',
    render(searchParams, subpage) {
      return <MovePageView target={subpage ?? null} query={searchParams} />;
    },
  },
  WhatLinksHere: {
    group: 'pagetools',
    render(searchParams, subpage) {
      return <WhatLinksHereView target={subpage ?? null} query={searchParams} />;
    },
  },
  WantedPages: {
    group: 'lists',
    render(searchParams) {
      return <WantedPagesView query={searchParams} />;
    },
  },
  OrphanedPages: {
    group: 'lists',
    render(searchParams) {
      return <OrphanedPagesView query={searchParams} />;
    },
  },
  WantedTemplates: {
    group: 'lists',
    render(searchParams) {
      return <WantedTemplatesView query={searchParams} />;
    },
  },
  UnusedTemplates: {
    group: 'lists',
    render(searchParams) {
      return <UnusedTemplatesView query={searchParams} />;
    },
  },
  WantedFiles: {
    group: 'lists',
    render(searchParams) {
      return <WantedFilesView query={searchParams} />;
    },
  },
  UnusedFiles: {
    group: 'lists',
    render(searchParams) {
      return <UnusedFilesView query={searchParams} />;
    },
  },
  Upload: {
    group: 'media',
    render(searchParams) {
      return <UploadView query={searchParams} />;
    },
  },
  ListFiles: {
    group: 'media',
    render(searchParams) {
      return <ListFilesView query={searchParams} />;
    },
  },
  Search: {
    group: 'lists',
    render(searchParams) {
      return <SearchView query={searchParams} />;
    },
  },
  AllPages: {
    group: 'lists',
    render(searchParams, subpage) {
      return <AllPagesView query={searchParams} subpage={subpage ?? null} />;
    },
  },
  Undelete: {
    group: 'pagetools',
    render(_searchParams, subpage) {
      return <UndeleteView target={subpage ?? null} />;
    },
  },
  RevisionDelete: {
    // Unlisted, as on MediaWiki: it needs revisions to act on, chosen from a history page.
    group: null,
    render(searchParams) {
      // type=oldimage: a file version (MediaWiki's name for the file history's rows), else a revision.
      if (first(searchParams.type) === FILE_VERSION_REVDEL_TYPE) return <FileVersionHideView query={searchParams} />;
      return <RevisionDeleteView query={searchParams} />;
    },
  },
  Random: {
    group: 'redirects',
    render() {
      return <RandomView />;
    },
  },
  Block: {
    group: 'users',
    render(searchParams, subpage) {
      return <BlockView subpage={subpage ?? null} query={searchParams} />;
    },
  },
  Unblock: {
    group: 'users',
    render(searchParams, subpage) {
      return <UnblockView subpage={subpage ?? null} query={searchParams} />;
    },
  },
  BlockList: {
    group: 'users',
    render(searchParams) {
      return <BlockListView query={searchParams} />;
    },
  },
  Log: {
    group: 'changes',
    render(searchParams, subpage) {
      return <LogView query={searchParams} subpage={subpage ?? null} />;
    },
  },
  UserRights: {
    group: 'users',
    render(searchParams, subpage) {
      return <UserRightsView subpage={subpage ?? null} query={searchParams} />;
    },
  },
  Watchlist: {
    group: 'changes',
    render(searchParams) {
      return <WatchlistView query={searchParams} />;
    },
  },
  EditWatchlist: {
    group: 'users',
    render(searchParams, subpage) {
      // Special:EditWatchlist/raw: the whole list as text, one title per line (MediaWiki's raw mode).
      return <EditWatchlistView query={searchParams} raw={subpage?.toLowerCase() === 'raw'} />;
    },
  },
  Preferences: {
    group: 'users',
    render(searchParams) {
      return <PreferencesView query={searchParams} />;
    },
  },
  BotPasswords: {
    group: 'users',
    render(_searchParams, subpage) {
      return <BotPasswordsView subpage={subpage ?? null} />;
    },
  },
  Notifications: {
    group: 'users',
    render(searchParams) {
      return <NotificationsView query={searchParams} />;
    },
  },
  Thanks: {
    // Unlisted, as on MediaWiki: it needs an edit to thank for, chosen from a history or a diff.
    group: null,
    render(_searchParams, subpage) {
      return <ThanksView subpage={subpage ?? null} />;
    },
  },
  ConfirmEmail: {
    // Unlisted, as on MediaWiki: reached from the link in the confirmation message.
    group: null,
    render(_searchParams, subpage) {
      return <ConfirmEmailView subpage={subpage ?? null} />;
    },
  },
  SpecialPages: {
    group: null,
    render() {
      return <SpecialPagesListView groups={listedGroups()} />;
    },
  },
};

const REGISTERED_SPECIAL_PAGES: Record<string, SpecialPage> = Object.fromEntries(
  (Object.entries(DEFINITIONS) as [SpecialPageName, SpecialPageDefinition][]).map(([name, definition]) => [name, { ...definition, name }]),
);

/** MediaWiki's order of the groups on Special:SpecialPages. */
const GROUP_ORDER: readonly SpecialPageGroupName[] = ['changes', 'lists', 'media', 'users', 'pagetools', 'redirects'];

/** The registered special pages by group, for Special:SpecialPages: only pages that exist here. */
export function listedGroups(): SpecialPageGroup[] {
  const pages = Object.values(REGISTERED_SPECIAL_PAGES);
  return GROUP_ORDER.map((group) => ({ group, pages: pages.filter((page) => page.group === group).map((page) => page.name) })).filter(
    ({ pages: members }) => members.length > 0,
  );
}

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
