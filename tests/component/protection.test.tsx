import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PageTabs } from '@/components/PageTabs';
import { ArticleView } from '@/components/ArticleView';
import { ViewSource } from '@/components/ViewSource';
import { ProtectForm } from '@/components/ProtectForm';
import { initialProtectForm, lockOf, protectFormSchema, type ProtectFormState, type ProtectFormValues } from '@/lib/domain/protection';
import { articleShowing } from '../support/article-fixture';
import { fieldErrorsOf } from '@/lib/domain/schemas';
import { renderWithIntl } from '../support/intl';

const LOCK = lockOf({ edit: { level: 'admin', expiresAt: new Date('2027-01-31T18:30:00Z') } })!;

describe('PageTabs with protection', () => {
  it('reads "View source" and shows the lock when the viewer may not edit', () => {
    renderWithIntl(<PageTabs path="/wiki/ECPAT" current="read" access={{ mayEdit: false, mayProtect: false, mayDelete: false, mayMove: false, lock: LOCK }} />);
    expect(screen.getByRole('link', { name: 'View source' }).getAttribute('href')).toBe('/wiki/ECPAT?action=edit');
    expect(screen.queryByRole('link', { name: 'Edit' })).toBeNull();
    expect(screen.getByRole('img', { name: 'Protected: only administrators can edit this page until 18:30 (UTC) on January 31, 2027.' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /protect/i })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Delete' })).toBeNull();
  });

  it('says in Italian who may edit or move, and until when', () => {
    const lock = lockOf({ edit: { level: 'autoconfirmed', expiresAt: null }, move: { level: 'admin', expiresAt: new Date('2027-01-31T18:30:00Z') } })!;
    renderWithIntl(<PageTabs path="/wiki/ECPAT" current="read" access={{ mayEdit: true, mayProtect: false, mayDelete: false, mayMove: false, lock }} />, { locale: 'it' });
    expect(
      screen.getByRole('img', {
        name: 'Pagina protetta: solo gli utenti autoconvalidati possono modificarla a tempo indeterminato; solo gli amministratori possono spostarla fino alle 18:30 (UTC) del 31 gennaio 2027.',
      }),
    ).toBeTruthy();
  });

  it('gives administrators Edit, Change protection and Delete', () => {
    renderWithIntl(<PageTabs path="/wiki/ECPAT" current="read" access={{ mayEdit: true, mayProtect: true, mayDelete: true, mayMove: true, lock: LOCK }} />);
    expect(screen.getByRole('link', { name: 'Edit' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Change protection' }).getAttribute('href')).toBe('/wiki/ECPAT?action=protect');
    expect(screen.getByRole('link', { name: 'Delete' }).getAttribute('href')).toBe('/wiki/ECPAT?action=delete');
  });

  it('offers Protect on an unprotected page, without a lock', () => {
    renderWithIntl(<PageTabs path="/wiki/ECPAT" current="read" access={{ mayEdit: true, mayProtect: true, mayDelete: true, mayMove: true, lock: null }} />);
    expect(screen.getByRole('link', { name: 'Protect' }).getAttribute('href')).toBe('/wiki/ECPAT?action=protect');
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('puts the lock on a protected article', () => {
    renderWithIntl(<ArticleView article={articleShowing('Text.')} access={{ mayEdit: false, mayProtect: false, mayDelete: false, mayMove: false, lock: LOCK }} />);
    expect(screen.getByRole('img', { name: /^Protected: only administrators can edit this page/ })).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Page actions' })).getByRole('link', { name: 'View source' })).toBeTruthy();
  });
});

describe('ViewSource', () => {
  it('shows the text read-only in a labelled box, with nothing to save', () => {
    renderWithIntl(<ViewSource text={'# Heading\n\nBody'} />);
    const box = screen.getByLabelText('Source of this page (read-only)') as HTMLTextAreaElement;
    expect(box.value).toBe('# Heading\n\nBody');
    expect(box.readOnly).toBe(true);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('ProtectForm', () => {
  // The Server Action's validation half, with the real schema: errors come back with the input.
  async function validatingAction(_state: ProtectFormState, formData: FormData): Promise<ProtectFormState> {
    const values = Object.fromEntries([...formData.entries()].map(([key, value]) => [key, String(value)])) as unknown as ProtectFormValues;
    const parsed = protectFormSchema.safeParse(values);
    return parsed.success ? { values, formError: 'saved' } : { values, fieldErrors: fieldErrorsOf(parsed.error), formError: 'Please correct the fields.' };
  }

  it('has a level and an expiry for editing and moving, and a reason', () => {
    renderWithIntl(<ProtectForm action={validatingAction} initial={initialProtectForm('ECPAT', {})} existingExpiry={{ edit: null, move: null }} />);
    expect((screen.getByLabelText('Edit protection') as HTMLSelectElement).value).toBe('none');
    expect((screen.getByLabelText('Move protection') as HTMLSelectElement).value).toBe('none');
    expect((screen.getByLabelText('Edit expiry') as HTMLSelectElement).value).toBe('infinite');
    expect(screen.getAllByRole('option', { name: '1 week' })).toHaveLength(2);
    expect(screen.getByLabelText('Reason')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Confirm' })).toBeTruthy();
  });

  it('preselects the existing expiry of a protected page', () => {
    const until = new Date('2027-01-31T18:30:00Z');
    const initial = initialProtectForm('ECPAT', { edit: { level: 'admin', expiresAt: until, reason: '', byName: null, since: null } });
    renderWithIntl(<ProtectForm action={validatingAction} initial={initial} existingExpiry={{ edit: until.toISOString(), move: null }} />);
    expect((screen.getByLabelText('Edit protection') as HTMLSelectElement).value).toBe('admin');
    const expiry = screen.getByLabelText('Edit expiry') as HTMLSelectElement;
    expect(expiry.value).toBe(until.toISOString());
    // The date's order follows the language's conventions; its parts are what matter here.
    expect(expiry.selectedOptions[0]?.textContent).toMatch(/^existing expiry: 18:30 \(UTC\) on (31 January 2027|January 31, 2027)$/);
  });

  it('says what to fix and keeps what was typed', async () => {
    renderWithIntl(<ProtectForm action={validatingAction} initial={initialProtectForm('ECPAT', {})} existingExpiry={{ edit: null, move: null }} />);
    fireEvent.change(screen.getByLabelText('Edit protection'), { target: { value: 'autoconfirmed' } });
    fireEvent.change(screen.getByLabelText('Edit expiry'), { target: { value: 'other' } });
    fireEvent.change(screen.getByLabelText('Other edit expiry'), { target: { value: '2020-01-01' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('Please correct the fields.');
    expect(screen.getByText('The expiry must be in the future.')).toBeTruthy();
    expect(screen.getByText('Give a reason; it is shown in the log.')).toBeTruthy();
    expect((screen.getByLabelText('Edit protection') as HTMLSelectElement).value).toBe('autoconfirmed');
    expect((screen.getByLabelText('Other edit expiry') as HTMLInputElement).value).toBe('2020-01-01');
    expect(screen.getByLabelText('Edit expiry').getAttribute('aria-invalid')).toBe('true');
  });

  it('speaks Italian: levels, expiries and the existing expiry in Italian words', () => {
    const until = new Date('2027-01-31T18:30:00Z');
    const initial = initialProtectForm('ECPAT', { edit: { level: 'admin', expiresAt: until, reason: '', byName: null, since: null } });
    renderWithIntl(<ProtectForm action={validatingAction} initial={initial} existingExpiry={{ edit: until.toISOString(), move: null }} />, { locale: 'it' });
    expect(screen.getByRole('group', { name: 'Modifica' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Spostamento' })).toBeTruthy();
    const level = screen.getByLabelText('Livello di protezione per la modifica') as HTMLSelectElement;
    expect(level.selectedOptions[0]?.textContent).toBe('Solo amministratori');
    expect([...level.options].map((option) => option.textContent)).toEqual([
      'Tutti gli utenti',
      'Solo utenti registrati',
      'Solo utenti autoconvalidati',
      'Solo amministratori',
    ]);
    const expiry = screen.getByLabelText('Scadenza per la modifica') as HTMLSelectElement;
    expect(expiry.selectedOptions[0]?.textContent).toBe('scadenza attuale: 18:30 (UTC) del 31 gennaio 2027');
    const week = screen.getAllByRole('option', { name: '1 settimana' });
    expect(week).toHaveLength(2);
    expect(week[0]!.getAttribute('value')).toBe('1 week');
    expect(screen.getAllByRole('option', { name: 'infinito' })).toHaveLength(2);
    expect(screen.getByLabelText('Altra scadenza per lo spostamento')).toBeTruthy();
    expect(screen.getByLabelText('Motivo')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Conferma' })).toBeTruthy();
  });
});
