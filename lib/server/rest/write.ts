import 'server-only';
import type { Actor } from '@/lib/domain/policy';
import type { ParsedTitle } from '@/lib/domain/titles';
import { editPage, type EditOutcome } from '@/lib/server/edit-page';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { assertMayWrite, writerOf } from '@/lib/server/rest/auth';
import { readJsonObject } from '@/lib/server/rest/body';
import { RestError, restErrorResponse } from '@/lib/server/rest/errors';
import { jsonResponse, restPageUrl } from '@/lib/server/rest/http';
import { parseCreateBody, parseUpdateBody, type EditBody, type UpdateBody } from '@/lib/server/rest/input';
import { addTopic } from '@/lib/server/add-topic';
import { isAppError } from '@/lib/domain/errors';
import { findRestPage, restPageOfSave } from '@/lib/server/rest/page-object';
import { parsePagePath } from '@/lib/server/rest/paths';
import { writeTargetForTitle } from '@/lib/server/protection';
import { timed, withServerTiming } from '@/lib/server/server-timing';

/*
 * The write endpoints. Every save goes through editPage (permission, throttle, compare-and-swap,
 * three-way merge); this module only translates between MediaWiki's REST semantics and it.
 */

function pageExists(title: ParsedTitle): RestError {
  return new RestError(
    'EDIT_CONFLICT',
    'articleexists',
    `The page "${title.prefixedText}" already exists. To change it, use PUT /w/rest.php/v1/page/{title} with "latest": {"id": …} set to the revision your text is based on.`,
  );
}

function save(actor: Actor, request: Request, title: ParsedTitle, body: EditBody, baseRevisionId: number | null, section: number | null = null): Promise<EditOutcome> {
  return editPage(actor, { title, content: body.source, summary: body.comment, minor: false, baseRevisionId, section }, clientIpFromHeaders(request.headers));
}

/** A section edit (lib/domain/sections.ts) of the base revision, with the refusal naming the field. */
async function saveSection(actor: Actor, request: Request, title: ParsedTitle, body: UpdateBody, section: number): Promise<EditOutcome> {
  try {
    return await save(actor, request, title, body, body.latestId, section);
  } catch (error) {
    if (!isAppError(error) || error.fieldErrors?.section === undefined) throw error;
    const message = `The field "section" is ${section}, but revision ${body.latestId} of "${title.prefixedText}" has no section ${section} (0 is the text before the first heading, 1 the first heading's section).`;
    throw new RestError('VALIDATION', 'rest-validation', message, { fieldErrors: { section: message } });
  }
}

/** section "new": the text is appended under a new heading `sectiontitle`, signed, as Add topic does (never a conflict; its summary is Add topic's). */
function saveNewSection(actor: Actor, request: Request, title: ParsedTitle, body: UpdateBody): Promise<EditOutcome> {
  return addTopic(actor, { title, subject: body.sectionTitle, content: body.source }, clientIpFromHeaders(request.headers));
}

// One wording for an overlap and for a base whose text the client may not see (edit-page.ts
// refuses to merge against it): telling them apart would confirm that a revision is hidden or archived.
function conflictMessage(title: ParsedTitle, baseId: number | null, currentId: number | null): string {
  const nothingSaved = 'Nothing was saved.';
  if (currentId === null) return `Edit conflict: "${title.prefixedText}" was deleted while you edited it. ${nothingSaved} To create it again, leave out "latest".`;
  const what =
    baseId === null
      ? 'was created by someone else while you were creating it'
      : `was changed after revision ${baseId}, which your text is based on, and your changes could not be merged into it automatically`;
  return `Edit conflict: "${title.prefixedText}" ${what}. ${nothingSaved} Fetch the current source (latest revision ${currentId}), merge your changes into it and send it again with "latest": {"id": ${currentId}}.`;
}

/** 201 with the new page object and, as MediaWiki sends it, a Location header. */
function created(request: Request, title: ParsedTitle, saved: Parameters<typeof restPageOfSave>[1]): Response {
  return jsonResponse(restPageOfSave(title, saved), 201, { location: restPageUrl(request, title) });
}

/** POST /page: creates a page, never changes an existing one. Server-Timing: see updatePage. */
export function createPage(request: Request): Promise<Response> {
  return withServerTiming(() => createPageTimed(request));
}

async function createPageTimed(request: Request): Promise<Response> {
  try {
    const actor = await timed('auth', () => writerOf(request));
    // POST only ever creates, so the "create" right can be checked before the body is read.
    assertMayWrite(actor, { id: null });
    const body = parseCreateBody(await readJsonObject(request));
    if (await findRestPage(body.title)) throw pageExists(body.title);
    const outcome = await save(actor, request, body.title, body, null);
    // Someone created the page between our check and the save: editPage's merge of two creations
    // either conflicts or finds the same text already saved. Either way this request created nothing.
    if (outcome.status === 'conflict' || outcome.status === 'unchanged') throw pageExists(body.title);
    return created(request, body.title, outcome);
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

/**
 * PUT /page/{title}, MediaWiki's rules: with "latest" it edits the page on top of that revision
 * (merging with changes saved since, or 409 when they overlap); without "latest" it only creates,
 * and an existing page answers 409 so that nobody overwrites a page they have not read.
 */
export function updatePage(request: Request): Promise<Response> {
  return withServerTiming(() => updatePageTimed(request));
}

/**
 * Server-Timing parts: auth (credentials and the actor), render (markdown to HTML), transaction
 * (the save transaction: lock, compare-and-swap, inserts, derived data, commit), respond (the page
 * object sent back); total minus these is the permission, throttle and base-revision reads.
 */
async function updatePageTimed(request: Request): Promise<Response> {
  try {
    const actor = await timed('auth', () => writerOf(request));
    const { title, variant } = parsePagePath(request);
    if (variant !== 'source') {
      throw new RestError(
        'NOT_FOUND',
        'rest-no-match',
        `PUT is only possible on /w/rest.php/v1/page/{title}, not on its /${variant} variant. A title ending in "/${variant}" must be sent with "/" encoded as %2F.`,
      );
    }
    // The page and its protection in one read; a deleted page is written as a new one.
    const target = await writeTargetForTitle(title);
    const current = target.latestRevisionId === null ? null : target.context;
    assertMayWrite(actor, current ?? { id: null });
    const body = parseUpdateBody(await readJsonObject(request), title);

    // A new section is appended to whatever the page holds when it is saved: it needs no base revision.
    if (current && body.latestId === null && body.section !== 'new') {
      throw new RestError(
        'EDIT_CONFLICT',
        'rest-update-cannot-create-page',
        `The page "${title.prefixedText}" already exists, and the request has no "latest" field, so it could only create the page. To edit it, send "latest": {"id": …} with the id of the revision your text is based on (GET this address returns it as latest.id).`,
      );
    }
    if (!current && body.latestId !== null) {
      throw new RestError(
        'NOT_FOUND',
        'rest-nonexistent-title',
        `The page "${title.prefixedText}" does not exist (it may have been deleted), so revision ${body.latestId} cannot be edited. To create the page, leave out "latest".`,
      );
    }

    const outcome =
      body.section === 'new'
        ? await saveNewSection(actor, request, title, body)
        : body.section !== null
          ? await saveSection(actor, request, title, body, body.section)
          : await save(actor, request, title, body, body.latestId);
    switch (outcome.status) {
      case 'conflict':
        throw new RestError('EDIT_CONFLICT', 'editconflict', conflictMessage(title, body.latestId, outcome.currentRevisionId));
      case 'unchanged':
        // A null edit: MediaWiki saves no revision and reports the page as it is.
        return jsonResponse(restPageOfSave(title, outcome));
      default:
        if (outcome.created) return created(request, title, outcome);
        return jsonResponse(restPageOfSave(title, outcome));
    }
  } catch (error) {
    return restErrorResponse(error, request);
  }
}

/**
 * PUT (or GET) /w/rest.php/v1/page/ with no title: MediaWiki's parameter check refuses the empty
 * title with 400, in its error shape (not a redirect nor an empty 405).
 */
export async function missingTitle(request: Request): Promise<Response> {
  const message = `The page title is missing from the address: ${request.method} /w/rest.php/v1/page/{title}, with the title percent-encoded ("/" as %2F). To create a page without naming it in the address, POST /w/rest.php/v1/page with "title" in the body.`;
  return restErrorResponse(new RestError('VALIDATION', 'paramvalidator-missingparam', message, { fieldErrors: { title: message } }), request);
}
