import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { expiryField, parseExpiry, reasonField, EXPIRY_CHOICES } from '@/lib/domain/admin-input';

const now = new Date('2026-11-28T12:00:00Z');

describe('parseExpiry', () => {
  it('reads indefinite words as no expiry', () => {
    for (const word of ['infinite', 'Indefinite', ' never ', 'infinity']) expect(parseExpiry(word, now)).toEqual({ ok: true, expiresAt: null });
  });

  it('adds relative durations to now, calendar-aware for months and years', () => {
    expect(parseExpiry('2 hours', now)).toEqual({ ok: true, expiresAt: new Date('2026-11-28T14:00:00Z') });
    expect(parseExpiry('1 week', now)).toEqual({ ok: true, expiresAt: new Date('2026-12-05T12:00:00Z') });
    expect(parseExpiry('3 months', now)).toEqual({ ok: true, expiresAt: new Date('2027-02-28T12:00:00Z') });
    expect(parseExpiry('1 year', now)).toEqual({ ok: true, expiresAt: new Date('2027-11-28T12:00:00Z') });
  });

  it('reads durations and indefinite words typed in Italian, the other interface language', () => {
    for (const word of ['infinito', 'Indefinito', 'mai', 'per sempre']) expect(parseExpiry(word, now)).toEqual({ ok: true, expiresAt: null });
    expect(parseExpiry('2 ore', now)).toEqual({ ok: true, expiresAt: new Date('2026-11-28T14:00:00Z') });
    expect(parseExpiry('1 settimana', now)).toEqual({ ok: true, expiresAt: new Date('2026-12-05T12:00:00Z') });
    expect(parseExpiry('3 mesi', now)).toEqual({ ok: true, expiresAt: new Date('2027-02-28T12:00:00Z') });
    expect(parseExpiry('1 anno', now)).toEqual({ ok: true, expiresAt: new Date('2027-11-28T12:00:00Z') });
    expect(parseExpiry('1 fortnight', now)).toMatchObject({ ok: false });
  });

  it('reads absolute dates and datetime-local values as UTC unless a zone is given', () => {
    expect(parseExpiry('2027-01-31', now)).toEqual({ ok: true, expiresAt: new Date('2027-01-31T00:00:00Z') });
    expect(parseExpiry('2027-01-31T18:30', now)).toEqual({ ok: true, expiresAt: new Date('2027-01-31T18:30:00Z') });
    expect(parseExpiry('2027-01-31T18:30+01:00', now)).toEqual({ ok: true, expiresAt: new Date('2027-01-31T17:30:00Z') });
  });

  it('refuses past dates, gibberish and absurd distances with a message saying what to write', () => {
    expect(parseExpiry('2020-01-01', now)).toMatchObject({ ok: false, message: 'The expiry must be in the future.' });
    expect(parseExpiry('0 days', now)).toMatchObject({ ok: false, message: 'The expiry must be in the future.' });
    expect(parseExpiry('soonish', now)).toMatchObject({ ok: false, message: expect.stringContaining('"1 week"') });
    expect(parseExpiry('2027-02-30T25:00', now)).toMatchObject({ ok: false });
    expect(parseExpiry('500 years', now)).toMatchObject({ ok: false, message: expect.stringContaining('infinite') });
  });

  it('accepts every choice the forms offer', () => {
    for (const choice of EXPIRY_CHOICES) expect(parseExpiry(choice.value, now).ok).toBe(true);
  });
});

describe('admin form fields', () => {
  const schema = z.object({ reason: reasonField, expiry: expiryField });

  it('collapses the reason to one line and keeps an empty expiry indefinite', () => {
    expect(schema.parse({ reason: '  spam\n  again ', expiry: '' })).toEqual({ reason: 'spam again', expiry: null });
  });

  it('requires a reason and limits it to 500 characters', () => {
    const missing = schema.safeParse({ reason: '   ', expiry: '1 day' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe('Give a reason; it is shown in the log.');
    const long = schema.safeParse({ reason: 'é'.repeat(501), expiry: '1 day' });
    expect(long.error?.issues[0]?.message).toBe('The reason may have at most 500 characters.');
    expect(schema.safeParse({ reason: 'é'.repeat(500), expiry: '1 day' }).success).toBe(true);
  });

  it('turns an expiry in the past into a field error', () => {
    const result = schema.safeParse({ reason: 'x', expiry: '2001-01-01' });
    expect(result.error?.issues[0]).toMatchObject({ path: ['expiry'], message: 'The expiry must be in the future.' });
  });
});
