import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { NotificationList, type NotificationListProps } from '@/components/notifications/NotificationList';
import { NewMessagesBanner, NotificationBadge } from '@/components/notifications/NotificationBadge';
import { NotificationPreferencesForm } from '@/components/notifications/NotificationPreferencesForm';
import { notificationLine, notificationsHref } from '@/lib/domain/notification-display';
import { DEFAULT_PREFERENCES } from '@/lib/domain/preferences';
import { makeParsedTitle, NS } from '@/lib/domain/titles';
import type { NotificationPreferencesFormState } from '@/components/watchlist/preferences-form-state';
import { renderWithIntl } from '../support/intl';

const bruno = { name: 'Bruno Bianchi' };
const at = new Date(Date.UTC(2026, 11, 6, 14, 5));
const talk = makeParsedTitle(NS.USER_TALK, 'Anna_Rossi');
const ecpat = makeParsedTitle(NS.MAIN, 'ECPAT');

const lines = [
  notificationLine({ id: 9, kind: 'edit-user-talk', agent: bruno, page: talk, revisionId: 30, params: {}, createdAt: at, read: false }, 'Anna Rossi'),
  notificationLine({ id: 8, kind: 'thank', agent: bruno, page: ecpat, revisionId: 21, params: {}, createdAt: at, read: true }, 'Anna Rossi'),
  notificationLine(
    { id: 7, kind: 'page-linked', agent: bruno, page: ecpat, revisionId: 20, params: { fromNamespace: 0, fromTitle: 'Fans' }, createdAt: at, read: true },
    'Anna Rossi',
  ),
  notificationLine({ id: 6, kind: 'blocked', agent: bruno, page: null, revisionId: null, params: { reason: 'spam', expiry: null }, createdAt: at, read: true }, 'Anna Rossi'),
  notificationLine(
    { id: 5, kind: 'user-rights', agent: null, page: null, revisionId: null, params: { added: ['admin'], removed: [] }, createdAt: at, read: true },
    'Anna Rossi',
  ),
];

function renderList(overrides: Partial<NotificationListProps> = {}, locale: 'en' | 'it' = 'en') {
  const props: NotificationListProps = {
    lines,
    unreadOnly: false,
    here: notificationsHref(),
    olderHref: notificationsHref({ before: 5 }),
    newestHref: null,
    filterHrefs: { all: notificationsHref(), unread: notificationsHref({ unreadOnly: true }) },
    markAction: vi.fn(),
    markAllAction: vi.fn(),
    ...overrides,
  };
  renderWithIntl(<NotificationList {...props} />, { locale });
  return props;
}

const items = () => screen.getAllByRole('listitem');

describe('Special:Notifications', () => {
  it('says what happened for each kind, in English, with links to the agent, the page and the change', () => {
    renderList();
    expect(items().map((item) => item.querySelector('.notification-text')!.textContent)).toEqual([
      'Bruno Bianchi left a message on your talk page.',
      'Bruno Bianchi thanked you for your edit on ECPAT.',
      'ECPAT was linked from Fans.',
      'You have been blocked by Bruno Bianchi: spam (expires: never).',
      'Your user rights were changed by The wiki. Added: admin. Removed: none.',
    ]);
    const first = within(items()[0]!);
    expect(first.getByRole('link', { name: 'Bruno Bianchi' }).getAttribute('href')).toBe('/wiki/User:Bruno_Bianchi');
    expect(first.getByRole('link', { name: 'your talk page' }).getAttribute('href')).toBe('/wiki/User_talk:Anna_Rossi');
    expect(first.getByRole('link', { name: 'view' }).getAttribute('href')).toBe('/wiki/User_talk:Anna_Rossi?diff=prev&oldid=30');
    expect(within(items()[2]!).getByRole('link', { name: 'view' }).getAttribute('href')).toBe('/wiki/Fans');
    expect(first.getByText(/Dec 6, 2026/u)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Older notifications' }).getAttribute('href')).toBe('/wiki/Special:Notifications?before=5');
  });

  it('marks unread items bold with a spoken marker, and offers the right button on each', () => {
    renderList();
    const [unread, read] = items();
    expect(unread!.getAttribute('data-unread')).toBe('true');
    expect(unread!.querySelector('strong')).not.toBeNull();
    expect(unread!.textContent).toContain('unread:');
    expect(read!.getAttribute('data-unread')).toBeNull();
    expect(read!.querySelector('strong')).toBeNull();
    expect(within(unread!).getByRole('button', { name: 'Mark as read' })).toBeTruthy();
    expect(within(read!).getByRole('button', { name: 'Mark as unread' })).toBeTruthy();
    const form = within(unread!).getByRole('button', { name: 'Mark as read' }).closest('form')!;
    expect(Object.fromEntries(new FormData(form))).toEqual({ id: '9', read: '1', returnTo: '/wiki/Special:Notifications' });
    expect(screen.getByRole('button', { name: 'Mark all as read' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All' }).getAttribute('aria-current')).toBe('page');
  });

  it('reads in Italian', () => {
    renderList({}, 'it');
    expect(items()[0]!.querySelector('.notification-text')!.textContent).toBe('Bruno Bianchi ha lasciato un messaggio nella tua pagina di discussione.');
    expect(items()[1]!.textContent).toContain('Bruno Bianchi ti ha ringraziato per la tua modifica a ECPAT.');
    expect(items()[0]!.textContent).toContain('non letta:');
    expect(within(items()[0]!).getByRole('button', { name: 'Segna come letta' })).toBeTruthy();
    expect(within(items()[1]!).getByRole('button', { name: 'Segna come non letta' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Segna tutte come lette' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Solo non lette' })).toBeTruthy();
  });

  it('says when there is nothing, for each filter', () => {
    renderList({ lines: [], olderHref: null });
    expect(screen.getByText('You have no notifications.')).toBeTruthy();
    screen.getByText('You have no notifications.').closest('div')!.parentElement!.remove();
    renderList({ lines: [], olderHref: null, unreadOnly: true });
    expect(screen.getByText('You have no unread notifications.')).toBeTruthy();
  });
});

describe('the header', () => {
  it('names the badge with the unread count as shown, in both languages', () => {
    renderWithIntl(<NotificationBadge badge="3" />);
    const link = screen.getByRole('link', { name: 'Notifications, 3 unread' });
    expect(link.getAttribute('href')).toBe('/wiki/Special:Notifications');
    expect(link.querySelector('.notification-count')!.textContent).toBe('3');
    renderWithIntl(<NotificationBadge badge="99+" />, { locale: 'it' });
    expect(screen.getByRole('link', { name: 'Notifiche, 99+ non lette' })).toBeTruthy();
    renderWithIntl(<NotificationBadge badge={null} />);
    expect(screen.getByRole('link', { name: 'Notifications' }).querySelector('.notification-count')).toBeNull();
  });

  it('shows the new-messages bar as a status linking to the talk page', () => {
    renderWithIntl(<NewMessagesBanner href="/wiki/User_talk:Anna_Rossi" />, { locale: 'it' });
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Hai nuovi messaggi nella tua pagina di discussione.');
    expect(within(status).getByRole('link', { name: 'nuovi messaggi' }).getAttribute('href')).toBe('/wiki/User_talk:Anna_Rossi');
  });
});

describe('the preferences section', () => {
  it('has one "show on the web" box per kind, ticked as saved, and posts them', async () => {
    const action = vi.fn(async (_state: NotificationPreferencesFormState, formData: FormData): Promise<NotificationPreferencesFormState> => {
      return { values: { ...Object.fromEntries(formData) } as NotificationPreferencesFormState['values'], saved: true };
    });
    renderWithIntl(<NotificationPreferencesForm initial={{ ...DEFAULT_PREFERENCES, notifyMention: false }} action={action} />);
    const group = screen.getByRole('group', { name: 'Show on the web' });
    expect(within(group).getAllByRole('checkbox')).toHaveLength(7);
    expect((screen.getByLabelText('Mention') as HTMLInputElement).checked).toBe(false);
    expect((screen.getByLabelText('Talk page message') as HTMLInputElement).checked).toBe(true);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(action).toHaveBeenCalledOnce();
    expect(action.mock.calls[0]![1].get('notifyMention')).toBeNull();
    expect(action.mock.calls[0]![1].get('notifyUserTalk')).toBe('on');
    expect(await screen.findByText('Your preferences have been saved.')).toBeTruthy();
  });
});
