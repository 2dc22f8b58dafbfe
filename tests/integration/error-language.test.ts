import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { beforeAll, describe, expect, it } from 'vitest';
import { newEditor, pagePath, readJson, restRequest, type TestEditor } from '../support/rest-client';

/**
 * Error messages follow the reader's language in the web UI (Server Actions) and stay English in
 * the REST API, whatever language the request asks for.
 */

const { submitEdit } = await import('@/app/actions/edit');
const { submitMove } = await import('@/app/actions/move');
const { PUT } = await import('@/app/w/rest.php/v1/page/[...path]/route');

const ITALIAN = { 'accept-language': 'it-IT,it;q=0.9', cookie: 'wiki_language=it' };
const LONG_SUMMARY = 'x'.repeat(600);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

let editor: TestEditor;
beforeAll(async () => {
  editor = await newEditor();
  request.actor = { userId: editor.id, name: editor.name, role: 'registered', createdAt: new Date(), editCount: 0, blocked: null };
});

describe('a refused edit in the web UI', () => {
  const fields = { title: 'Apples', content: 'Typed text, kept.', summary: LONG_SUMMARY, baseRevisionId: '' };
  const empty = { values: { title: '', content: '', summary: '', minor: false, baseRevisionId: '' } };

  it('is explained in Italian to an Italian reader, with the typed text kept', async () => {
    request.locale = 'it';
    const state = await submitEdit(empty, form(fields));
    expect(state.formError).toBe('La pagina non è stata salvata. Correggi i campi evidenziati.');
    expect(state.fieldErrors).toEqual({ summary: "L'oggetto può contenere al massimo 500 caratteri (questo ne ha 600)." });
    expect(state.values).toMatchObject({ content: 'Typed text, kept.', summary: LONG_SUMMARY });
  });

  it('keeps its English wording for an English reader', async () => {
    request.locale = 'en';
    const state = await submitEdit(empty, form(fields));
    expect(state.formError).toBe('The page was not saved. Please correct the marked fields.');
    expect(state.fieldErrors).toEqual({ summary: 'Edit summaries can be at most 500 characters long (this one has 600).' });
  });
});

describe('a refused move in the web UI', () => {
  const values = { from: '', to: '', reason: '', leaveRedirect: true, moveTalk: true, baseRevisionId: '' };

  it('says what is wrong with the title in the reader’s language', async () => {
    request.locale = 'it';
    const state = await submitMove({ values }, form({ from: 'Apples', to: 'Pears|Plums', reason: 'tidy', leaveRedirect: 'on' }));
    expect(state.formError).toBe('Il nuovo titolo non è valido: Il titolo contiene il carattere non ammesso "|".');
    expect(state.values).toMatchObject({ to: 'Pears|Plums', reason: 'tidy' });
    request.locale = 'en';
    expect((await submitMove({ values }, form({ from: 'Apples', to: 'Pears|Plums' }))).formError).toBe('Invalid new title: Title contains the forbidden character "|".');
  });

  it('translates what the server refused', async () => {
    const missing = uniqueTitle('Missing page');
    request.locale = 'it';
    const italian = await submitMove({ values }, form({ from: missing, to: uniqueTitle('Target') }));
    expect(italian.formError).toBe(`"${missing}" non esiste.`);
    request.locale = 'en';
    const english = await submitMove({ values }, form({ from: missing, to: uniqueTitle('Target') }));
    expect(english.formError).toBe(`"${missing}" does not exist.`);
  });
});

describe('the REST API', () => {
  it('answers in English even when the request asks for Italian', async () => {
    const response = await PUT(
      restRequest(pagePath(uniqueTitle('Rest italian')), { method: 'PUT', token: editor.token, json: { source: 'x', comment: LONG_SUMMARY }, headers: ITALIAN }),
    );
    expect(response.status).toBe(400);
    const body = await readJson<{ messageTranslations: Record<string, string> }>(response);
    expect(Object.keys(body.messageTranslations)).toEqual(['en']);
    expect(body.messageTranslations.en).toBe('"comment": Edit summaries can be at most 500 characters long (this one has 600).');
  });
});
