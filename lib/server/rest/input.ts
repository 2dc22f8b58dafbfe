import 'server-only';
import { editPageSchema, fieldErrorsOf, MAX_CONTENT_BYTES, utf8ByteLength } from '@/lib/domain/schemas';
import type { ParsedTitle } from '@/lib/domain/titles';
import { RestError } from '@/lib/server/rest/errors';
import { parseRestTitle } from '@/lib/server/rest/paths';

/**
 * The JSON bodies of the write endpoints, with MediaWiki's field names and rules: `source` and
 * `comment` are required (comment may be ""), `content_model` is optional, `latest` is
 * `{ "id": <revision id> }` or absent. Unknown fields (such as MediaWiki's CSRF `token`) are
 * ignored, as MediaWiki ignores a token it does not need. Every message names the field.
 */
export interface EditBody {
  source: string;
  comment: string;
}

export interface CreateBody extends EditBody {
  title: ParsedTitle;
}

export interface UpdateBody extends EditBody {
  /** The revision the client's text is based on; null means "create the page". */
  latestId: number | null;
  /**
   * `source` replaces only this section of the `latest` revision's text (MediaWiki's numbering,
   * lib/domain/sections.ts); 'new' appends it as a new section titled `sectiontitle` (Add topic);
   * null: `source` is the whole page.
   */
  section: number | 'new' | null;
  sectionTitle: string;
}

function invalid(field: string, message: string): RestError {
  return new RestError('VALIDATION', 'rest-validation', message, { fieldErrors: { [field]: message } });
}

function requiredString(body: Record<string, unknown>, field: string, example: string): string {
  const value = body[field];
  if (value === undefined || value === null) throw invalid(field, `The field "${field}" is required (${example}).`);
  if (typeof value !== 'string') throw invalid(field, `The field "${field}" must be a string, not ${describe(value)}.`);
  return value;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

// The shared schema's field names, and what the same fields are called in MediaWiki's REST API.
const REST_FIELD: Record<string, string> = { title: 'title', content: 'source', summary: 'comment', baseRevisionId: 'latest.id', minor: 'minor', section: 'section' };

/**
 * source and comment through the same schema as the edit form (line endings, summary clean-up,
 * size limits), so an edit is refused for the same reasons and in the same words either way;
 * the messages are prefixed with the REST field name so the client knows which one to fix.
 */
function editFields(body: Record<string, unknown>, title: ParsedTitle, latestId: number | null, section: unknown = null): EditBody & { section: number | null } {
  const source = requiredString(body, 'source', 'the page text in Markdown');
  const comment = requiredString(body, 'comment', 'the edit summary; send "" for none');
  contentModel(body);
  const result = editPageSchema.safeParse({ title: title.prefixedText, content: source, summary: comment, minor: false, baseRevisionId: latestId, section });
  if (result.success) return { source: result.data.content, comment: result.data.summary, section: result.data.section };

  const errors = Object.entries(fieldErrorsOf(result.error)).map(([field, message]) => [REST_FIELD[field] ?? field, message] as const);
  const fieldErrors = Object.fromEntries(errors);
  const message = errors.map(([field, text]) => `"${field}": ${text}`).join(' ') || 'The request body is not valid.';
  // Too large is 413 like an oversized body, not 400: the client must send less, not fix a typo.
  const oversized = fieldErrors.source !== undefined && utf8ByteLength(source.replace(/\r\n?/g, '\n')) > MAX_CONTENT_BYTES;
  if (oversized) throw new RestError('PAYLOAD_TOO_LARGE', 'rest-too-large', message, { fieldErrors });
  throw new RestError('VALIDATION', 'rest-validation', message, { fieldErrors });
}

/**
 * Pages here are Markdown; MediaWiki treats an empty or null content_model as "the default".
 * "wikitext" is refused too, not converted: the converter's parser is GPL and is loaded only by
 * `npm run import`, never by the web server (docs/wikitext-import.md, "Licence").
 */
function contentModel(body: Record<string, unknown>): void {
  const value = body.content_model;
  if (value === undefined || value === null || value === '' || value === 'markdown') return;
  const convert =
    value === 'wikitext'
      ? ' Wikitext is converted to Markdown only by the import: put the pages in a MediaWiki XML dump and run "npm run import" on the server (docs/wikitext-import.md).'
      : '';
  const message = `The field "content_model" is ${JSON.stringify(value)}, but this wiki stores every page as "markdown"; send "markdown" or leave the field out.${convert}`;
  throw new RestError('VALIDATION', 'rest-bad-content-model', message, { fieldErrors: { content_model: message } });
}

/** `latest` as MediaWiki reads it: absent, null, {} or {"id": 0} all mean "no base revision". */
function latestId(body: Record<string, unknown>): number | null {
  const latest = body.latest;
  if (latest === undefined || latest === null) return null;
  if (typeof latest !== 'object' || Array.isArray(latest)) {
    throw invalid('latest', `The field "latest" must be an object such as {"id": 123}, not ${describe(latest)}.`);
  }
  const id = (latest as Record<string, unknown>).id;
  if (id === undefined || id === null || id === 0) return null;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
    throw invalid('latest', `The field "latest.id" must be a revision id (a positive whole number), not ${JSON.stringify(id)}.`);
  }
  return id;
}

/** POST /page: { source, title, comment, content_model? }. */
export function parseCreateBody(body: Record<string, unknown>): CreateBody {
  const title = parseRestTitle(requiredString(body, 'title', 'the title of the page to create'));
  const { source, comment } = editFields(body, title, null);
  return { source, comment, title };
}

/**
 * PUT /page/{title}: { source, comment, latest?: { id }, content_model?, section?, sectiontitle? }; the
 * title comes from the path. `section` is this wiki's addition, after MediaWiki's action API: a
 * section number (0 = the text before the first heading), which needs `latest`, or "new" with
 * `sectiontitle`.
 */
export function parseUpdateBody(body: Record<string, unknown>, title: ParsedTitle): UpdateBody {
  const id = latestId(body);
  if (body.section === 'new') {
    const sectionTitle = requiredString(body, 'sectiontitle', 'the heading of the new section');
    return { ...editFields(body, title, id), section: 'new', sectionTitle, latestId: id };
  }
  if (body.section !== undefined && body.section !== null && typeof body.section !== 'number') {
    throw invalid('section', `The field "section" must be a section number (a whole number from 0) or "new", not ${JSON.stringify(body.section)}.`);
  }
  const fields = editFields(body, title, id, body.section);
  if (fields.section !== null && id === null) {
    throw invalid('section', `The field "section" needs "latest": {"id": …}, the revision whose section ${fields.section} your text replaces.`);
  }
  return { ...fields, sectionTitle: '', latestId: id };
}
