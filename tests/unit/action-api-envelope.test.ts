// The Action API's parameters, errors and envelope as MediaWiki's ApiMain and ApiBase give them:
// what a bot written for MediaWiki reads (codes, info texts, formatversion=1 and 2 shapes).
import { describe, expect, it } from 'vitest';
import { apiRefusal } from '../support/api-refusal';
import { apiErrorOf, type ApiMessage } from '@/lib/domain/action-api/errors';
import { ApiParams, PrefixedParams, parseApiTimestamp, quotedList } from '@/lib/domain/action-api/params';
import { errorBody, lenientMainOptions, readMainOptions, successBody, toFormatVersion1 } from '@/lib/domain/action-api/result';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';

function paramsOf(query: string, highLimits = false): { params: ApiParams; warnings: ApiMessage[] } {
  const warnings: ApiMessage[] = [];
  return { params: new ApiParams(new URLSearchParams(query).entries(), (w) => warnings.push(w), highLimits), warnings };
}

const refusal = apiRefusal;

describe('parameters, as ApiBase reads them', () => {
  it('treats a boolean as true when present with any value, false only when absent', () => {
    const { params } = paramsOf('minor=&bot=false');
    expect(params.flag('minor')).toBe(true);
    expect(params.flag('bot')).toBe(true);
    expect(params.flag('nocreate')).toBe(false);
  });

  it('keeps the last of repeated values, as PHP does', () => {
    expect(paramsOf('title=A&title=B').params.string('title')).toBe('B');
  });

  it('splits multi-value parameters on | or, when the value starts with U+001F, on U+001F', () => {
    expect(paramsOf('titles=A|B|A').params.list('titles')).toEqual(['A', 'B']);
    expect(paramsOf(`titles=${encodeURIComponent('\u001fA|1\u001fB')}`).params.list('titles')).toEqual(['A|1', 'B']);
  });

  it('drops unknown values of a closed list with a warning, and refuses too many values', () => {
    const { params, warnings } = paramsOf('prop=ids|bogus|content');
    expect(params.list('prop', ['ids', 'content'])).toEqual(['ids', 'content']);
    expect(warnings[0]).toMatchObject({ code: 'unrecognizedvalues', text: 'Unrecognized value for parameter "prop": bogus.' });
    const many = Array.from({ length: 51 }, (_, i) => `T${i}`).join('|');
    expect(refusal(() => paramsOf(`titles=${many}`).params.list('titles'))).toEqual({
      code: 'toomanyvalues',
      info: 'Too many values supplied for parameter "titles". The limit is 50.',
    });
    expect(paramsOf(`titles=${many}`, true).params.list('titles')).toHaveLength(51);
  });

  it("reads limits with 'max', lowers one over the maximum with MediaWiki's warning, and refuses a non-number", () => {
    expect(paramsOf('rvlimit=max').params.limit('rvlimit', 10, 50, 500)).toBe(50);
    expect(paramsOf('rvlimit=max', true).params.limit('rvlimit', 10, 50, 500)).toBe(500);
    const { params, warnings } = paramsOf('rvlimit=900');
    expect(params.limit('rvlimit', 10, 50, 500)).toBe(50);
    expect(warnings[0]!.text).toBe('"rvlimit" may not be over 50 (set to 50) for users.');
    expect(paramsOf('').params.limit('rvlimit', 10, 50)).toBe(10);
    expect(refusal(() => paramsOf('rvlimit=ten').params.limit('rvlimit', 10, 50))).toEqual({
      code: 'badinteger',
      info: 'Invalid value "ten" for integer parameter "rvlimit".',
    });
  });

  it("keeps integers within the database's INTEGER range, with MediaWiki's warning, so an id beyond it names nothing", () => {
    const { params, warnings } = paramsOf('oldid=99999999999999&undo=-99999999999&section=2');
    expect(params.integer('oldid', { min: 1 })).toBe(2_147_483_647);
    expect(params.integer('undo')).toBe(-2_147_483_648);
    expect(params.integer('section', { min: 0, max: 9 })).toBe(2);
    expect(warnings.map((warning) => warning.text)).toEqual([
      'Invalid value "99999999999999" for integer parameter "oldid": must be at most 2147483647.',
      'Invalid value "-99999999999" for integer parameter "undo": must be at least -2147483648.',
    ]);
  });

  it('refuses a missing required parameter and an unknown choice with the codes bots branch on', () => {
    expect(refusal(() => paramsOf('').params.requiredString('title'))).toEqual({ code: 'missingparam', info: 'The "title" parameter must be set.' });
    expect(refusal(() => paramsOf('rvdir=up').params.choice('rvdir', ['older', 'newer']))).toEqual({
      code: 'badvalue',
      info: 'Unrecognized value for parameter "rvdir": up.',
    });
  });

  it('requires exactly one of a set of parameters, counting an empty text as sent', () => {
    expect(paramsOf('text=').params.exactlyOne('text', 'appendtext', 'prependtext')).toBe('text');
    expect(refusal(() => paramsOf('').params.exactlyOne('title', 'pageid'))).toEqual({
      code: 'missingparam',
      info: 'One of the parameters "title" and "pageid" is required.',
    });
    expect(refusal(() => paramsOf('title=A&pageid=1').params.exactlyOne('title', 'pageid'))).toEqual({
      code: 'invalidparammix',
      info: 'The parameters "title" and "pageid" can not be used together.',
    });
    expect(quotedList(['a', 'b', 'c'])).toBe('"a", "b" and "c"');
  });

  it('reads timestamps in ISO 8601 and MediaWiki forms, and refuses anything else', () => {
    expect(parseApiTimestamp('2026-12-07T01:02:03Z')?.toISOString()).toBe('2026-12-07T01:02:03.000Z');
    expect(parseApiTimestamp('20261207010203')?.toISOString()).toBe('2026-12-07T01:02:03.000Z');
    expect(parseApiTimestamp('20261307010203')).toBeNull();
    expect(refusal(() => paramsOf('rvstart=yesterday').params.timestamp('rvstart'))).toEqual({
      code: 'badtimestamp',
      info: 'Invalid value "yesterday" for timestamp parameter "rvstart".',
    });
  });

  it('warns once about every parameter no module read', () => {
    const { params, warnings } = paramsOf('action=query&format=json&titel=Foo&list=x');
    params.string('list');
    params.warnUnused();
    expect(warnings).toEqual([{ code: 'unrecognizedparams', text: 'Unrecognized parameter: titel.', module: 'main' }]);
  });

  it("reads a module's parameters under its prefix and names them in full", () => {
    const prefixed = new PrefixedParams(paramsOf('grclimit=ten').params, 'grc');
    expect(prefixed.name('limit')).toBe('grclimit');
    expect(refusal(() => prefixed.limit('limit', 10, 500))).toEqual({ code: 'badinteger', info: 'Invalid value "ten" for integer parameter "grclimit".' });
  });
});

describe('the envelope', () => {
  it('reads formatversion, errorformat and the JSON-only format', () => {
    expect(readMainOptions(paramsOf('formatversion=2&errorformat=plaintext').params)).toMatchObject({ formatVersion: 2, errorFormat: 'plaintext' });
    expect(readMainOptions(paramsOf('').params)).toMatchObject({ formatVersion: 1, errorFormat: 'bc' });
    expect(refusal(() => readMainOptions(paramsOf('format=xml').params)).code).toBe('badvalue');
    expect(refusal(() => readMainOptions(paramsOf('formatversion=3').params)).code).toBe('badvalue');
    expect(lenientMainOptions([['errorformat', 'nonsense']]).errorFormat).toBe('bc');
  });

  it('answers errors as bc by default, and as a list with the module for the other formats', () => {
    const error: ApiMessage = { code: 'editconflict', text: 'Edit conflict.', module: 'edit' };
    expect(errorBody(error, [], { formatVersion: 2, errorFormat: 'bc' })).toEqual({ error: { code: 'editconflict', info: 'Edit conflict.', docref: expect.any(String) } });
    expect(errorBody(error, [], { formatVersion: 1, errorFormat: 'bc' })).toMatchObject({ error: { code: 'editconflict', info: 'Edit conflict.', '*': expect.any(String) } });
    expect(errorBody(error, [], { formatVersion: 2, errorFormat: 'plaintext', requestId: 'r1' })).toEqual({
      errors: [{ code: 'editconflict', text: 'Edit conflict.', module: 'edit' }],
      docref: expect.any(String),
      requestid: 'r1',
    });
    expect(errorBody({ ...error, text: 'a < b' }, [], { formatVersion: 2, errorFormat: 'html' })).toMatchObject({ errors: [{ html: 'a &lt; b' }] });
  });

  it('groups bc warnings by module, and adds requestid and curtimestamp when asked', () => {
    const warnings: ApiMessage[] = [
      { code: 'a', text: 'First.', module: 'main' },
      { code: 'b', text: 'Second.', module: 'main' },
    ];
    const options = { formatVersion: 2 as const, errorFormat: 'bc' as const, curTimestamp: true, requestId: '7' };
    expect(successBody({ edit: { result: 'Success' } }, warnings, options, new Date('2026-12-07T01:02:03.456Z'))).toEqual({
      warnings: { main: { warnings: 'First.\nSecond.' } },
      edit: { result: 'Success' },
      requestid: '7',
      curtimestamp: '2026-12-07T01:02:03Z',
    });
  });

  it('derives formatversion=1: pages keyed by id, booleans as empty strings, content under "*"', () => {
    const v2 = {
      batchcomplete: true,
      query: {
        pages: [
          { pageid: 12, ns: 0, title: 'A', new: false, revisions: [{ slots: { main: { contentmodel: 'markdown', content: 'Hi' } } }] },
          { ns: 0, title: 'Missing', missing: true },
        ],
      },
    };
    expect(toFormatVersion1(v2)).toEqual({
      batchcomplete: '',
      query: {
        pages: {
          '12': { pageid: 12, ns: 0, title: 'A', revisions: [{ slots: { main: { contentmodel: 'markdown', '*': 'Hi' } } }] },
          '-1': { ns: 0, title: 'Missing', missing: '' },
        },
      },
    });
  });

  it("maps the domain's refusals to MediaWiki's codes, and a bug to internal_api_error without details", () => {
    expect(apiErrorOf(new AppError('EDIT_CONFLICT', 'Changed meanwhile.')).error).toMatchObject({ code: 'editconflict', status: 200 });
    expect(apiErrorOf(new AppError('FORBIDDEN', errorMessage('policy.protected', { who: errorMessage('policy.protectedFor.admin'), action: 'edit' }))).error.code).toBe(
      'protectedpage',
    );
    expect(apiErrorOf(new AppError('RATE_LIMITED', 'Slow down.', { retryAfterSeconds: 30 })).error).toMatchObject({ code: 'ratelimited', retryAfterSeconds: 30 });
    const bug = apiErrorOf(new TypeError('secret detail'));
    expect(bug.internal).toBe(true);
    expect(bug.error.message).not.toContain('secret');
    expect(bug.error.code).toBe('internal_api_error_Error');
  });
});
