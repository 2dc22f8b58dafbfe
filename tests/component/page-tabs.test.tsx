import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageTabs } from '@/components/PageTabs';
import { RedirectPageView } from '@/components/RedirectPageView';
import { renderWithIntl } from '../support/intl';

describe('PageTabs: Article / Discussion', () => {
  it('marks a missing talk page as a red "new" link to create it', () => {
    renderWithIntl(
      <PageTabs
        path="/wiki/ECPAT"
        current="read"
        discussion={{ subject: { label: 'Article', href: '/wiki/ECPAT', exists: true }, talk: { href: '/wiki/Talk:ECPAT', exists: false }, current: 'subject' }}
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

describe('RedirectPageView', () => {
  it('shows "Redirect page", the target and a loop warning', () => {
    renderWithIntl(
      <RedirectPageView
        path="/wiki/Loop_B"
        displayTitle="Loop B"
        target={{ text: 'Loop A', href: '/wiki/Loop_A' }}
        warning="loop"
        redirectedFrom={{ text: 'Loop A', href: '/wiki/Loop_A?redirect=no' }}
      />,
    );
    expect(screen.getByText('Redirect page')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/redirect loop/);
    expect(screen.getAllByRole('link', { name: 'Loop A' }).map((a) => a.getAttribute('href'))).toEqual(['/wiki/Loop_A?redirect=no', '/wiki/Loop_A']);
  });
});
