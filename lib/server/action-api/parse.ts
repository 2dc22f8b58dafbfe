import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import type { ApiParams } from '@/lib/domain/action-api/params';
import { apiSections, externalLinks } from '@/lib/domain/action-api/parse-output';
import type { Actor } from '@/lib/domain/policy';
import { MAX_CONTENT_BYTES, utf8ByteLength } from '@/lib/domain/schemas';
import { sectionText } from '@/lib/domain/sections';
import { expandSignatures } from '@/lib/domain/signatures';
import { escapeHtml } from '@/lib/domain/html.mjs';
import { isKnownNamespace, makeParsedTitle, NS, type ParsedTitle } from '@/lib/domain/titles';
import { clientIpFromHeaders } from '@/lib/server/client-ip';
import { withFileEmbeds } from '@/lib/server/file-embeds';
import { existingTitles, resolveRedLinks } from '@/lib/server/links';
import { getEditableSource } from '@/lib/server/pages';
import { getRedirectTarget } from '@/lib/server/redirects';
import { getRevision } from '@/lib/server/revisions';
import { sectionHeadings } from '@/lib/server/section-headings';
import { renderPageText, type PageRendering } from '@/lib/server/templates/render-page';
import type { ApiContext, ApiModule } from '@/lib/server/action-api/module';
import { apiTitle, titleOfPageId } from '@/lib/server/action-api/write-common';

/*
 * action=parse, as MediaWiki's ApiParse: a page, an old revision or a given text rendered by the
 * wiki's own pipeline (templates expanded, Markdown rendered, red links and file embeds resolved
 * as on the article), with its sections, links, categories and templates. Hidden and deleted
 * revisions stay hidden: text comes only through getRevision with the caller's visibility.
 */

const PROPS = [
  'text',
  'langlinks',
  'categories',
  'links',
  'templates',
  'images',
  'externallinks',
  'sections',
  'revid',
  'displaytitle',
  'iwlinks',
  'properties',
  'parsewarnings',
  'wikitext',
] as const;
const DEFAULT_PROPS = PROPS.filter((prop) => prop !== 'wikitext');
/** Accepted as MediaWiki accepts them; they change nothing in this wiki's output. */
const ACCEPTED = [
  'contentmodel',
  'disablelimitreport',
  'disableeditsection',
  'disabletoc',
  'disablestylededuplication',
  'preview',
  'sectionpreview',
  'useskin',
  'mobileformat',
  'contentformat',
];

interface Source {
  title: ParsedTitle;
  text: string;
  pageId?: number;
  revisionId?: number;
  redirects?: { from: string; to: string }[];
}

function notViewable(): ApiError {
  return new ApiError('permissiondenied', "You don't have permission to view deleted revision text.");
}

async function revisionSource(actor: Actor, revisionId: number): Promise<Source> {
  const detail = await getRevision(revisionId, actor);
  if (!detail) throw new ApiError('nosuchrevid', `There is no revision with ID ${revisionId}.`);
  if (detail.text === null) throw notViewable();
  return { title: detail.title, text: detail.text, pageId: detail.revision.pageId, revisionId: detail.revision.id };
}

async function pageSource(actor: Actor, named: ParsedTitle, followRedirects: boolean): Promise<Source> {
  let title = named;
  let redirects: Source['redirects'];
  if (followRedirects) {
    const target = await getRedirectTarget(named);
    if (target) {
      redirects = [{ from: named.prefixedText, to: target.target.prefixedText }];
      title = target.target;
    }
  }
  const page = await getEditableSource(title);
  if (!page) throw new ApiError('missingtitle', "The page you specified doesn't exist.");
  return { ...(await revisionSource(actor, page.revisionId)), redirects };
}

async function sourceOf(context: ApiContext): Promise<Source> {
  const { params, session } = context;
  const given = params.atMostOne('page', 'pageid', 'oldid', 'text');
  const followRedirects = params.flag('redirects');
  if (given === 'page') return pageSource(session.actor, apiTitle(params.requiredString('page')), followRedirects);
  if (given === 'pageid') return pageSource(session.actor, await titleOfPageId(params.integer('pageid', { min: 1 }) ?? 0), followRedirects);
  if (given === 'oldid') return revisionSource(session.actor, params.integer('oldid', { min: 1 }) ?? 0);
  const title = apiTitle(params.string('title') || 'API');
  let text = params.string('text') ?? '';
  if (utf8ByteLength(text) > MAX_CONTENT_BYTES) {
    throw new ApiError('contenttoobig', `The content you supplied exceeds the page size limit of ${MAX_CONTENT_BYTES / 1024} kibibytes.`, {
      data: { max: MAX_CONTENT_BYTES },
    });
  }
  const model = params.string('contentmodel');
  if (model === 'wikitext' && text !== '') {
    // mwn and other MediaWiki clients always send it; the text is this wiki's source all the same.
    context.warn({ code: 'parse-markdown', text: 'This wiki stores pages as Markdown: the text was parsed as Markdown, not as wikitext.', module: 'parse' });
  } else if (model !== undefined && model !== '' && model !== 'markdown' && model !== 'wikitext') {
    throw new ApiError('badvalue', `Unrecognized value for parameter "contentmodel": ${model.slice(0, 100)}. This wiki's pages are "markdown".`);
  }
  if (params.flag('pst')) {
    const actor = session.actor;
    text = expandSignatures(text, actor.name !== null ? { name: actor.name } : { name: clientIpFromHeaders(context.request.headers), anonymous: true });
  }
  const page = await getEditableSource(title);
  return { title, text, pageId: page?.pageId };
}

function titleKey(title: { namespace: number; dbKey: string }): string {
  return `${title.namespace}:${title.dbKey}`;
}

function knownTitles(targets: readonly { namespace: number; dbKey: string }[]): ParsedTitle[] {
  return targets.flatMap((target) => (isKnownNamespace(target.namespace) ? [makeParsedTitle(target.namespace, target.dbKey)] : []));
}

async function linkLists(rendering: PageRendering, props: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const links = props.has('links') ? knownTitles(rendering.links) : [];
  const templates = props.has('templates') ? rendering.templates : [];
  const categories = props.has('categories') ? knownTitles(rendering.categories.map((category) => ({ namespace: NS.CATEGORY, dbKey: category.name }))) : [];
  const existing = await existingTitles([...links, ...templates, ...categories]);
  const listed = (titles: readonly ParsedTitle[]) => titles.map((title) => ({ ns: title.namespace, title: title.prefixedText, exists: existing.has(titleKey(title)) }));
  const out: Record<string, unknown> = {};
  if (props.has('categories')) {
    out.categories = rendering.categories.map((category) => ({
      sortkey: category.sortKey ?? '',
      category: category.name,
      ...(existing.has(titleKey({ namespace: NS.CATEGORY, dbKey: category.name })) ? {} : { missing: true }),
    }));
  }
  if (props.has('links')) out.links = listed(links);
  if (props.has('templates')) out.templates = listed(templates);
  return out;
}

/** formatversion=1's parse: text and wikitext under "*", names under "*" (result.ts does the rest). */
function formatVersion1(parse: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parse };
  for (const key of ['text', 'wikitext']) if (typeof out[key] === 'string') out[key] = { '*': out[key] };
  const starred = (items: unknown, from: string) => (items as Record<string, unknown>[]).map(({ [from]: name, ...rest }) => ({ ...rest, '*': name }));
  if (Array.isArray(out.categories)) out.categories = starred(out.categories, 'category');
  if (Array.isArray(out.links)) out.links = starred(out.links, 'title');
  if (Array.isArray(out.templates)) out.templates = starred(out.templates, 'title');
  return out;
}

async function sectionOnly(params: ApiParams, source: Source): Promise<Source> {
  const section = params.integer('section', { min: 0 });
  if (section === undefined) return source;
  const text = sectionText(source.text, section, await sectionHeadings(source.text));
  if (text === null) throw new ApiError('nosuchsection', `There is no section ${section}.`);
  return { ...source, text };
}

export const parseModule: ApiModule = {
  async run(context) {
    const { params } = context;
    for (const name of ACCEPTED) params.has(name);
    const props = new Set(params.has('prop') ? params.list('prop', PROPS) : DEFAULT_PROPS);
    const wrapClass = params.string('wrapoutputclass') ?? 'mw-parser-output';
    const source = await sectionOnly(params, await sourceOf(context));
    const rendering = await renderPageText(source.title, source.text);
    const parse: Record<string, unknown> = { title: source.title.prefixedText, pageid: source.pageId ?? 0 };
    if (props.has('revid') && source.revisionId !== undefined) parse.revid = source.revisionId;
    if (source.redirects) parse.redirects = source.redirects;
    if (props.has('text')) {
      const html = await withFileEmbeds(await resolveRedLinks(rendering.html));
      parse.text = wrapClass === '' ? html : `<div class="${wrapClass.replace(/[^\w -]/gu, '')}">${html}</div>`;
    }
    // This wiki has no interlanguage or interwiki links and no page properties.
    if (props.has('langlinks')) parse.langlinks = [];
    Object.assign(parse, await linkLists(rendering, props));
    if (props.has('images')) parse.images = rendering.files;
    if (props.has('externallinks')) parse.externallinks = externalLinks(rendering.html);
    if (props.has('sections')) {
      // The rendering's own headings are the source's when nothing was transcluded; otherwise the source is read again.
      const headings = rendering.templates.length === 0 ? rendering.sections : await sectionHeadings(source.text);
      parse.sections = apiSections(rendering.html, source.text, headings, source.title.prefixedDbKey);
      parse.showtoc = rendering.toc.length >= 4;
    }
    if (props.has('parsewarnings')) parse.parsewarnings = [];
    if (props.has('displaytitle')) parse.displaytitle = escapeHtml(source.title.prefixedText);
    if (props.has('iwlinks')) parse.iwlinks = [];
    if (props.has('properties')) parse.properties = [];
    if (props.has('wikitext')) parse.wikitext = source.text;
    return { parse: context.options.formatVersion === 1 ? formatVersion1(parse) : parse };
  },
};
