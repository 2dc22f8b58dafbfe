import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageTabs } from '@/components/PageTabs';
import { renderWithIntl } from '../support/intl';

describe('PageTabs: Article / Discussion', () => {
  it('marks a missing talk page as a red "new" link to create it', () => {
    renderWithIntl(
      <PageTabs
        path="/wiki/ECPAT"
        current="read"
        discussion={{ subject: { label: 'Article', href: '/wiki/ECPAT', exists: true }, talk: { href: '/wiki/Talk:ECPAT', exists: false }, current: 'subject' }}
        access={{ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: true, lock: null }}
      />,
    );
    const talk = screen.getByRole('link', { name: 'Discussion' });
    expect(talk.getAttribute('href')).toBe('/wiki/Talk:ECPAT?action=edit');
    expect(talk.className).toBe('new');
    expect(screen.getByRole('link', { name: 'Article' }).getAttribute('href')).toBe('/wiki/ECPAT');
    expect(screen.getByRole('link', { name: 'Move' }).getAttribute('href')).toBe('/wiki/Special:MovePage/ECPAT');
    expect(screen.queryByRole('link', { name: 'Add topic' })).toBeNull();
  });

  it('offers Add topic on talk pages', () => {
    renderWithIntl(
      <PageTabs
        path="/wiki/Talk:ECPAT"
        current="read"
        discussion={{ subject: { label: 'Article', href: '/wiki/ECPAT', exists: true }, talk: { href: '/wiki/Talk:ECPAT', exists: true }, current: 'talk' }}
      />,
    );
    expect(screen.getByRole('link', { name: 'Add topic' }).getAttribute('href')).toBe('/wiki/Talk:ECPAT?action=edit&section=new');
    expect(screen.getByRole('link', { name: 'Discussion' }).className).toBe('');
  });
});

const ARTICLE_TABS = { subject: { label: 'Article', href: '/wiki/ECPAT', exists: true }, talk: { href: '/wiki/Talk:ECPAT', exists: true }, current: 'subject' } as const;
const tabNames = () => screen.getAllByRole('link').map((link) => link.textContent);

describe('PageTabs: only the actions the viewer can take, as MediaWiki', () => {
  it('gives an anonymous reader View source instead of Edit and no Move, Protect or Delete', () => {
    renderWithIntl(
      <PageTabs path="/wiki/ECPAT" current="read" discussion={ARTICLE_TABS} access={{ mayEdit: false, mayProtect: false, mayDelete: false, mayMove: false, lock: null }} />,
    );
    expect(tabNames()).toEqual(['Article', 'Discussion', 'Read', 'View source', 'View history']);
  });

  it('gives an editor Move, and an administrator Protect and Delete too', () => {
    const { unmount } = renderWithIntl(
      <PageTabs path="/wiki/ECPAT" current="read" discussion={ARTICLE_TABS} access={{ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: true, lock: null }} />,
    );
    expect(tabNames()).toEqual(['Article', 'Discussion', 'Read', 'Edit', 'View history', 'Move']);
    unmount();
    renderWithIntl(
      <PageTabs path="/wiki/ECPAT" current="read" discussion={ARTICLE_TABS} access={{ mayEdit: true, mayProtect: true, mayDelete: true, mayMove: true, lock: null }} />,
    );
    expect(tabNames()).toEqual(['Article', 'Discussion', 'Read', 'Edit', 'View history', 'Move', 'Protect', 'Delete']);
  });

  it('selects View history on the history', () => {
    renderWithIntl(
      <PageTabs path="/wiki/ECPAT" current="history" discussion={ARTICLE_TABS} access={{ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: true, lock: null }} />,
    );
    expect(screen.getByRole('link', { name: 'View history' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Read' }).getAttribute('aria-current')).toBeNull();
  });

  it('offers only Create on a missing page (View source to a reader who may not create), in Italian too', () => {
    const missing = { ...ARTICLE_TABS, subject: { ...ARTICLE_TABS.subject, exists: false }, talk: { ...ARTICLE_TABS.talk, exists: false } };
    const { unmount } = renderWithIntl(
      <PageTabs
        path="/wiki/Nuova_voce"
        current="read"
        exists={false}
        discussion={missing}
        access={{ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: false, lock: null }}
      />,
      { locale: 'it' },
    );
    expect(tabNames()).toEqual(['Voce', 'Discussione', 'Crea']);
    expect(screen.getByRole('link', { name: 'Crea' }).getAttribute('href')).toBe('/wiki/Nuova_voce?action=edit');
    unmount();
    renderWithIntl(
      <PageTabs
        path="/wiki/Nuova_voce"
        current="read"
        exists={false}
        discussion={missing}
        access={{ mayEdit: false, mayProtect: false, mayDelete: false, mayMove: false, lock: null }}
      />,
    );
    expect(tabNames()).toEqual(['Article', 'Discussion', 'View source']);
  });
});
