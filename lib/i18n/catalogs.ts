/**
 * The interface text of every language, one JSON file per namespace and language under messages/.
 * Static imports, so that the catalogs are bundled and checked (tests/unit/i18n-catalogs.test.ts)
 * rather than read from disk per request.
 */
import enAccount from '@/messages/en/account.json';
import enAdmin from '@/messages/en/admin.json';
import enArticle from '@/messages/en/article.json';
import enBoundary from '@/messages/en/boundary.json';
import enCommon from '@/messages/en/common.json';
import enEdit from '@/messages/en/edit.json';
import enEditor from '@/messages/en/editor.json';
import enErrors from '@/messages/en/errors.json';
import enFiles from '@/messages/en/files.json';
import enHistory from '@/messages/en/history.json';
import enSpecial from '@/messages/en/special.json';
import enWatchlist from '@/messages/en/watchlist.json';
import itAccount from '@/messages/it/account.json';
import itAdmin from '@/messages/it/admin.json';
import itArticle from '@/messages/it/article.json';
import itBoundary from '@/messages/it/boundary.json';
import itCommon from '@/messages/it/common.json';
import itEdit from '@/messages/it/edit.json';
import itEditor from '@/messages/it/editor.json';
import itErrors from '@/messages/it/errors.json';
import itFiles from '@/messages/it/files.json';
import itHistory from '@/messages/it/history.json';
import itSpecial from '@/messages/it/special.json';
import itWatchlist from '@/messages/it/watchlist.json';
import type { Locale } from './negotiate-locale.mjs';

const english = {
  common: enCommon,
  article: enArticle,
  edit: enEdit,
  editor: enEditor,
  account: enAccount,
  history: enHistory,
  admin: enAdmin,
  special: enSpecial,
  // The error boundary's text is a file of its own: app/global-error.tsx, in every page's
  // download, imports it without the rest of the error messages.
  errors: { ...enErrors, boundary: enBoundary },
  files: enFiles,
  watchlist: enWatchlist,
};

/** English is the source language: its catalog defines the keys every other language must have. */
export type Messages = typeof english;

export const CATALOGS: Record<Locale, Messages> = {
  en: english,
  it: {
    common: itCommon,
    article: itArticle,
    edit: itEdit,
    editor: itEditor,
    account: itAccount,
    history: itHistory,
    admin: itAdmin,
    special: itSpecial,
    errors: { ...itErrors, boundary: itBoundary },
    files: itFiles,
    watchlist: itWatchlist,
  } as Messages,
};

/**
 * What the client components of every page need: the header's search box and sign-in links, and
 * the error boundary. The root layout sends only this, so that a reader's page does not carry the
 * forms' text; a view with forms sends clientMessages around them (components/FormMessages.tsx).
 */
export function readingMessages(messages: Messages) {
  return { common: { header: messages.common.header, search: messages.common.search }, errors: { boundary: messages.errors.boundary } };
}

/**
 * The watch star's text (components/watchlist/StarMessages.tsx): reading pages show the star to
 * signed-in readers only, so it comes with the star rather than with every reader's page.
 */
export function starMessages(messages: Messages) {
  return { watchlist: { star: messages.watchlist.star } };
}

/**
 * The part of a catalog that client components need (forms, search suggestions, sign-in links,
 * the error boundary), sent with every page; the rest is used only on the server. Sending all of
 * it would add some 40 KB to every page's payload.
 */
export function clientMessages(messages: Messages) {
  return {
    common: { header: messages.common.header, search: messages.common.search, lock: { who: messages.common.lock.who } },
    edit: messages.edit,
    editor: messages.editor,
    account: messages.account,
    admin: messages.admin,
    errors: { boundary: messages.errors.boundary },
    history: { lineDiff: messages.history.lineDiff, diff: messages.history.diff },
    article: { footnotes: messages.article.footnotes, images: messages.article.images },
    files: { upload: messages.files.upload, size: messages.files.size, revert: messages.files.revert, hideVersion: messages.files.hideVersion },
    watchlist: messages.watchlist,
  };
}
