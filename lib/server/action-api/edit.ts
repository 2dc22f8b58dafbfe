import 'server-only';
import { createHash } from 'node:crypto';
import { ApiError, quotedValue } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { apiComment, sectionParam } from '@/lib/domain/action-api/write-params';
import { isAppError } from '@/lib/domain/errors';
import type { Actor } from '@/lib/domain/policy';
import { MAX_CONTENT_BYTES, utf8ByteLength } from '@/lib/domain/schemas';
import { sectionText } from '@/lib/domain/sections';
import type { ParsedTitle } from '@/lib/domain/titles';
import { addTopic } from '@/lib/server/add-topic';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { editPage, type EditOutcome, type EditRequest } from '@/lib/server/edit-page';
import { getRedirectTarget } from '@/lib/server/redirects';
import { prepareUndo } from '@/lib/server/revert';
import { sectionHeadings } from '@/lib/server/section-headings';
import type { ApiModule } from '@/lib/server/action-api/module';
import { editTarget, parentRevisionId, revisionAtTimestamp, type EditTarget } from '@/lib/server/action-api/edit-target';
import { applyWatchlist, assertApiWrite, titleOrPageId, watchlistParams, watchStateBefore } from '@/lib/server/action-api/write-common';

/*
 * action=edit, as MediaWiki's ApiEditPage: the text, or a section of it, or text added before or
 * after it, or an undo, saved through editPage, the one save path of the web editor and REST
 * (permissions, protection, blocks, throttle, compare-and-swap). Conflict detection follows
 * MediaWiki's EditPage: the client's base (basetimestamp or baserevid; without either, the page as
 * it is now) is merged three-way with changes saved since, and only overlapping changes are
 * refused with `editconflict`.
 */

/** This wiki stores every page as Markdown (the REST API refuses other models the same way). */
const CONTENT_MODEL = 'markdown';
const CONTENT_FORMATS = ['text/markdown', 'text/x-markdown', 'text/plain'] as const;

function checkContentModel(params: ApiParams): void {
  const model = params.string('contentmodel');
  if (model !== undefined && model !== '' && model !== CONTENT_MODEL) {
    const convert =
      model === 'wikitext' ? ' Wikitext is converted to Markdown only by the import: put the pages in a MediaWiki XML dump and run "npm run import" on the server.' : '';
    throw new ApiError(
      'badvalue',
      `Unrecognized value for parameter "contentmodel": ${quotedValue(model)}. This wiki stores every page as "${CONTENT_MODEL}": send "${CONTENT_MODEL}" or leave the parameter out.${convert}`,
    );
  }
  params.choice('contentformat', CONTENT_FORMATS);
}

interface PlannedEdit {
  text: string;
  /** What md5 is checked against: the text, or prependtext + appendtext (MediaWiki's rule). */
  md5Of: string;
  baseRevisionId: number | null;
  section: number | null;
  undo: EditRequest['undo'];
  defaultSummary: string;
}

function noSuchSection(section: number): ApiError {
  return new ApiError('nosuchsection', `There is no section ${section}.`);
}

async function undoPlan(params: ApiParams, actor: Actor, title: ParsedTitle, undo: number): Promise<PlannedEdit> {
  const after = params.integer('undoafter', { min: 0 }) || null;
  // MediaWiki swaps them when given the wrong way round.
  const [undoId, undoAfterId] = after !== null && after > undo ? [after, undo] : [undo, after];
  try {
    const prepared = await prepareUndo(title, undoId, undoAfterId, actor);
    if (!prepared.clean) throw new ApiError('undofailure', 'Edit could not be undone due to conflicting intermediate edits.');
    return {
      text: prepared.text,
      md5Of: prepared.text,
      baseRevisionId: prepared.baseRevisionId,
      section: null,
      undo: { undoId, undoAfterId },
      defaultSummary: prepared.summary,
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    const key = typeof error.text === 'string' ? '' : error.text.key;
    if (error.code === 'NOT_FOUND') throw new ApiError('nosuchrevid', `There is no revision with ID ${key === 'revision.noSuchRevision' ? undoId : (undoAfterId ?? undoId)}.`);
    if (key === 'revision.wrongPage') throw new ApiError('revwrongpage', `${error.message}`);
    throw new ApiError('undofailure', `Edit could not be undone: ${error.message}`);
  }
}

async function basePlan(params: ApiParams, target: EditTarget): Promise<number | null> {
  const baserevid = params.integer('baserevid', { min: 1 });
  const basetimestamp = params.timestamp('basetimestamp');
  if (baserevid !== undefined) return baserevid;
  if (basetimestamp !== undefined && target.rowId !== null) return revisionAtTimestamp(target.rowId, basetimestamp);
  return target.latestRevisionId;
}

async function textPlan(params: ApiParams, target: EditTarget, section: number | 'new' | null): Promise<PlannedEdit> {
  const plain = { undo: null, defaultSummary: '' };
  if (!params.has('appendtext') && !params.has('prependtext')) {
    const text = params.string('text') ?? '';
    // Section 0 of a page that does not exist yet is the whole new page, as on MediaWiki.
    const numbered = typeof section === 'number' ? section : null;
    if (numbered !== null && target.latestRevisionId === null && numbered !== 0) throw noSuchSection(numbered);
    const editSection = target.latestRevisionId === null ? null : numbered;
    return { ...plain, text, md5Of: text, baseRevisionId: await basePlan(params, target), section: editSection };
  }
  const prepend = params.string('prependtext') ?? '';
  const append = params.string('appendtext') ?? '';
  const md5Of = prepend + append;
  // Added text merges with whatever was saved meanwhile: its base is the text it was added to.
  if (section === 'new') return { ...plain, text: md5Of, md5Of, baseRevisionId: target.latestRevisionId, section: null };
  if (section !== null) {
    const current = target.latestRevisionId === null ? null : sectionText(target.latestText, section, await sectionHeadings(target.latestText));
    if (current === null) throw noSuchSection(section);
    return { ...plain, text: prepend + current + append, md5Of, baseRevisionId: target.latestRevisionId, section };
  }
  return { ...plain, text: prepend + target.latestText + append, md5Of, baseRevisionId: target.latestRevisionId, section: null };
}

async function save(actor: Actor, request: Request, title: ParsedTitle, plan: PlannedEdit, section: number | 'new' | null, params: ApiParams): Promise<EditOutcome> {
  const summaryGiven = params.string('summary');
  const bot = params.flag('bot');
  const ip = clientIpFromHeaders(request.headers);
  if (section === 'new') {
    if (plan.text.trim() === '') throw new ApiError('emptynewsection', 'Creating empty new sections is not possible.');
    const sectionTitle = params.string('sectiontitle');
    // As MediaWiki: the summary is the heading unless sectiontitle gives one; then it is the summary.
    const subject = apiComment(sectionTitle ?? summaryGiven);
    const summary = sectionTitle !== undefined && summaryGiven !== undefined ? apiComment(summaryGiven) : undefined;
    return addTopic(actor, { title, subject, content: plan.text, summary, bot, sign: false }, ip);
  }
  const minor = params.flag('minor') && !params.flag('notminor');
  const summary = summaryGiven === undefined ? plan.defaultSummary : apiComment(summaryGiven);
  try {
    return await editPage(actor, { title, content: plan.text, summary, minor, baseRevisionId: plan.baseRevisionId, section: plan.section, undo: plan.undo, bot }, ip);
  } catch (error) {
    if (plan.section !== null && isAppError(error) && error.fieldErrors?.section !== undefined) throw noSuchSection(plan.section);
    throw error;
  }
}

/** MediaWiki's `redirect`: append, prepend or add a section to the page a redirect points at. */
async function followRedirect(
  params: ApiParams,
  title: ParsedTitle,
  section: number | 'new' | null,
): Promise<{ title: ParsedTitle; redirects?: { from: string; to: string }[] }> {
  if (!params.flag('redirect')) return { title };
  if (!params.has('appendtext') && !params.has('prependtext') && section !== 'new') {
    throw new ApiError(
      'redirect-appendonly',
      'You have attempted to edit using the redirect-following mode, which must be used in conjunction with section=new, prependtext, or appendtext.',
    );
  }
  const target = await getRedirectTarget(title);
  if (!target) return { title };
  return { title: target.target, redirects: [{ from: title.prefixedText, to: target.target.prefixedText }] };
}

export const editModule: ApiModule = {
  mustBePosted: true,
  needsToken: 'csrf',
  writes: true,
  async run({ request, params, session }) {
    const actor = session.actor;
    const named = await titleOrPageId(params);
    // undo=0 is MediaWiki's default: no undo.
    const undo = params.integer('undo', { min: 0 }) || null;
    if (undo === null && !['text', 'appendtext', 'prependtext'].some((name) => params.has(name))) {
      throw new ApiError('missingparam', 'At least one of the parameters "text", "appendtext", "prependtext" and "undo" is required.');
    }
    params.atMostOne('text', 'appendtext');
    params.atMostOne('text', 'prependtext');
    checkContentModel(params);
    // Read here, as MediaWiki declares them, so that a request whose path leaves one unused gets no "Unrecognized parameter" warning.
    for (const name of ['recreate', 'minor', 'notminor', 'sectiontitle', 'undoafter', 'baserevid', 'basetimestamp']) params.has(name);
    const section = sectionParam(params.string('section'));
    const { title, redirects } = await followRedirect(params, named, section);
    assertApiWrite(actor);
    const watchlist = watchlistParams(params);

    const target = await editTarget(title);
    const exists = target.latestRevisionId !== null;
    if (params.flag('createonly') && exists) throw new ApiError('articleexists', 'The page you tried to create has been created already.');
    if (params.flag('nocreate') && !exists) throw new ApiError('missingtitle', "The page you specified doesn't exist.");
    const started = params.timestamp('starttimestamp');
    if (!exists && !params.flag('recreate') && started !== undefined && target.deletedAt !== null && target.deletedAt > started) {
      throw new ApiError('pagedeleted', 'The page has been deleted since you fetched its timestamp.');
    }

    const plan = undo !== null ? await undoPlan(params, actor, title, undo) : await textPlan(params, target, section);
    const md5 = params.string('md5');
    if (md5 !== undefined && createHash('md5').update(plan.md5Of, 'utf8').digest('hex') !== md5.trim().toLowerCase()) {
      throw new ApiError('badmd5', 'The supplied MD5 hash was incorrect.');
    }
    if (utf8ByteLength(plan.text) > MAX_CONTENT_BYTES) {
      throw new ApiError('contenttoobig', `The content you supplied exceeds the page size limit of ${MAX_CONTENT_BYTES / 1024} kibibytes.`, {
        data: { max: MAX_CONTENT_BYTES },
      });
    }

    const before = await watchStateBefore(actor, watchlist, [title]);
    const outcome = await save(actor, request, title, plan, section, params);
    if (outcome.status === 'conflict') {
      if (params.flag('createonly')) throw new ApiError('articleexists', 'The page you tried to create has been created already.');
      throw new ApiError('editconflict', 'Edit conflict.');
    }
    const watched = await applyWatchlist(actor, watchlist, [title], before);
    const edit: Record<string, unknown> = { result: 'Success', pageid: outcome.pageId, title: title.prefixedText, contentmodel: CONTENT_MODEL };
    if (outcome.status === 'unchanged') {
      edit.nochange = true;
    } else {
      if (outcome.created) edit.new = true;
      edit.oldrevid = outcome.created ? 0 : await parentRevisionId(outcome.revisionId, plan.baseRevisionId);
      edit.newrevid = outcome.revisionId;
      edit.newtimestamp = apiTimestamp(outcome.createdAt);
    }
    if (watched) edit.watched = true;
    return redirects ? { redirects, edit } : { edit };
  },
};
