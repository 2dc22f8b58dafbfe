import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { formFailure, formFlag, formValues, invalidInput } from '@/lib/domain/form-state';
import { MAX_MOVE_REASON_CHARS, MAX_TOPIC_SUBJECT_CHARS } from '@/lib/domain/form-fields';
import { movePageFormSchema, newTopicFormSchema, restoreRevisionSchema } from '@/lib/domain/schemas';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

const move = { from: 'Apples', to: 'Pears', reason: '', leaveRedirect: true, moveTalk: false, baseRevisionId: '7' };

describe('form values', () => {
  it('reads every named field as a string, a missing one as empty, a checkbox as present or not', () => {
    const data = form({ target: 'Bob', minor: 'on' });
    expect(formValues(data, ['target', 'reason'] as const)).toEqual({ target: 'Bob', reason: '' });
    expect([formFlag(data, 'minor'), formFlag(data, 'watch')]).toEqual([true, false]);
  });
});

describe('a refused input', () => {
  it('keeps the values, marks the fields and says what to do', () => {
    const values = { ...move, reason: 'x'.repeat(MAX_MOVE_REASON_CHARS + 1) };
    const parsed = movePageFormSchema.safeParse(values);
    expect(parsed.success).toBe(false);
    const state = invalidInput(values, parsed.error!);
    expect(state.values).toBe(values);
    expect(state.fieldErrors).toEqual({ reason: `The reason is too long (at most ${MAX_MOVE_REASON_CHARS} characters).` });
    expect(state.formError).toBe('Nothing was changed. Please correct the marked fields.');
  });

  it("shows the first problem as the form's message for forms that mark no fields", () => {
    const values = { ...move, from: 'a|b', to: ' ' };
    const state = invalidInput(values, movePageFormSchema.safeParse(values).error!, { summary: 'first-problem' });
    expect(state.formError).toBe('Invalid current title: Title contains the forbidden character "|".');
    expect(state.fieldErrors).toEqual({ from: state.formError, to: 'Please enter the new title.' });
  });

  it('is worded by the translate function it is given', () => {
    const parsed = restoreRevisionSchema.safeParse({ revisionId: '' });
    expect(invalidInput({}, parsed.error!, { translate: (text) => `[${typeof text === 'string' ? text : text.key}]`, summary: 'first-problem' }).formError).toBe(
      '[revert.noRevisionToRestore]',
    );
  });
});

describe('a failed server call', () => {
  it('says what the AppError says, with its fields', () => {
    const error = new AppError('VALIDATION', errorMessage('block.self'), { fieldErrors: { target: errorMessage('block.self') } });
    expect(formFailure(error)).toEqual({ code: 'VALIDATION', formError: 'You cannot block yourself.', fieldErrors: { target: 'You cannot block yourself.' } });
  });

  it("never shows a bug's own message", () => {
    expect(formFailure(new Error('secret stack detail'))).toEqual({ code: 'INTERNAL', formError: 'Something went wrong on our side. Please try again in a moment.' });
  });
});

describe('the move and add-topic schemas', () => {
  it('parse the titles, and read an unusable base revision as unknown', () => {
    const parsed = movePageFormSchema.parse({ ...move, baseRevisionId: 'x' });
    expect([parsed.from.prefixedText, parsed.to.prefixedText, parsed.expectedLatestRevisionId]).toEqual(['Apples', 'Pears', null]);
    expect(movePageFormSchema.parse(move).expectedLatestRevisionId).toBe(7);
  });

  it('make a subject one line, after checking its length', () => {
    expect(newTopicFormSchema.parse({ title: 'Talk:A', subject: 'a\r\nb', content: '' }).subject).toBe('a b');
    const long = newTopicFormSchema.safeParse({ title: 'Talk:A', subject: 's'.repeat(MAX_TOPIC_SUBJECT_CHARS + 1), content: '' });
    expect(long.error?.issues[0]?.message).toBe(`The subject is too long (at most ${MAX_TOPIC_SUBJECT_CHARS} characters).`);
  });
});
