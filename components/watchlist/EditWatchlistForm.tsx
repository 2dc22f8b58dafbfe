'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import Link from '@/components/Link';
import type { FormAction, FormState } from '@/lib/domain/form-state';

/** One watched title as Special:EditWatchlist lists it; the page computes the addresses. */
export interface WatchlistLine {
  /** The subject's prefixed title: the checkbox's value and the link's text. */
  title: string;
  /** Its namespace's prefix ("" in the main namespace): lines are grouped by it, in the given order. */
  namespaceName: string;
  /** The page, or its edit form when it does not exist (`exists` false: a red link). */
  href: string;
  exists: boolean;
  /** The talk page's prefixed title (for the red link's tooltip). */
  talkTitle: string;
  talkHref: string;
  talkExists: boolean;
  historyHref: string;
  /** Days left of a temporary watch; null when permanent. */
  daysLeft: number | null;
}

/** The ticked titles as typed, and, after a removal, the titles removed (for the notice). */
export interface RemoveTitlesState extends FormState<{ titles: string[] }> {
  removed?: string[];
}

/**
 * Special:EditWatchlist's list: a checkbox per title, grouped by namespace, and "Remove titles".
 * A plain form, so it works without JavaScript (the page then comes back already without the
 * removed titles); with JavaScript the page is not fetched again, so the titles the answer names
 * as removed are left out here.
 */
export function EditWatchlistForm({ lines, action, rawHref }: { lines: WatchlistLine[]; action: FormAction<RemoveTitlesState>; rawHref: string }) {
  const t = useTranslations('watchlist.edit.normal');
  const [state, formAction, pending] = useActionState(action, { values: { titles: [] } });
  const removed = new Set(state.removed ?? []);
  const shown = lines.filter((line) => !removed.has(line.title));
  const ticked = new Set(state.values.titles);
  const groups = groupByNamespace(shown);

  return (
    <>
      {state.removed && <TitleListNotice titles={state.removed} heading={t('done', { count: state.removed.length })} />}
      {shown.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        // key: a returned state remounts the boxes, so that they show the ticks handed back.
        <form action={formAction} className="admin-form edit-watchlist" key={JSON.stringify(state)}>
          <p>{t('count', { count: shown.length })}</p>
          <p>{t.rich('explain', { raw: (chunks) => <Link href={rawHref}>{chunks}</Link> })}</p>
          {state.formError && (
            <p className="notice notice-error" role="alert">
              {state.formError}
            </p>
          )}
          <fieldset>
            <legend>{t('legend')}</legend>
            {groups.map(({ namespaceName, lines: members }) => (
              <section key={namespaceName}>
                <h2>{namespaceName === '' ? t('main') : namespaceName}</h2>
                <ul>
                  {members.map((line) => (
                    <TitleLine key={line.title} line={line} ticked={ticked.has(line.title)} />
                  ))}
                </ul>
              </section>
            ))}
          </fieldset>
          <p>
            <button type="submit" className="button-primary" disabled={pending}>
              {t('submit')}
            </button>
          </p>
        </form>
      )}
    </>
  );
}

function TitleLine({ line, ticked }: { line: WatchlistLine; ticked: boolean }) {
  const t = useTranslations('watchlist.edit.normal');
  const missing = (exists: boolean, text: string) => (exists ? undefined : t('missing', { title: text }));
  return (
    <li>
      <input type="checkbox" name="titles" value={line.title} defaultChecked={ticked} aria-label={line.title} />{' '}
      <Link href={line.href} className={line.exists ? undefined : 'new'} title={missing(line.exists, line.title)}>
        {line.title}
      </Link>{' '}
      (
      <Link href={line.talkHref} className={line.talkExists ? undefined : 'new'} title={missing(line.talkExists, line.talkTitle)}>
        {t('talk')}
      </Link>{' '}
      | <Link href={line.historyHref}>{t('history')}</Link>){line.daysLeft !== null && <> ({t('daysLeft', { count: line.daysLeft })})</>}
    </li>
  );
}

/** A notice that names titles: "N titles were removed from your watchlist:" and the list (also the raw form's added and removed). */
export function TitleListNotice({ titles, heading }: { titles: string[]; heading: ReactNode }) {
  return (
    <div role="status" className="notice">
      <p>{heading}</p>
      <ul>
        {titles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ul>
    </div>
  );
}

function groupByNamespace(lines: WatchlistLine[]): { namespaceName: string; lines: WatchlistLine[] }[] {
  const groups: { namespaceName: string; lines: WatchlistLine[] }[] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    if (last && last.namespaceName === line.namespaceName) last.lines.push(line);
    else groups.push({ namespaceName: line.namespaceName, lines: [line] });
  }
  return groups;
}
