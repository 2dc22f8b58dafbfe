import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { MediaWikiXmlReader, type DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { isKnownNamespace, NAMESPACE_NAMES, NS, tryParseTitle, unwritableTitleReason, type Namespace, type ParsedTitle } from '@/lib/domain/titles';
import { CODE_MODELS, WIKITEXT_MODEL } from '@/lib/domain/mediawiki-xml';
import { IMPORT_USER_NAME } from '@/lib/server/users';
import { englishText } from '@/lib/domain/error-messages';
import { USERNAME_MAX_LENGTH } from '@/lib/domain/accounts';
import { FilePlanner, whereIs, type FilePlan } from '@/lib/server/backup/import-files';
import { uploadLimits } from '@/lib/server/files/upload';

/** Opens the export afresh on each call (the import reads it twice) and yields its text. */
export type DumpSource = () => AsyncIterable<string>;

export interface PlannedPage {
  title: ParsedTitle;
  fileId: number;
}

/** A page of the file that is not imported: its namespace has no counterpart here, or it is code. */
export interface SkippedPage {
  title: string;
  namespace: number;
  revisions: number;
  reason: string;
}

/** What the first reading of a file found: everything the import needs to decide before writing. */
export interface ImportPlan {
  siteName: string | null;
  pages: PlannedPage[];
  skipped: SkippedPage[];
  /** The dump's main page (from its <base>), when it is among the imported pages. */
  mainPage: ParsedTitle | null;
  /** Revisions in MediaWiki's wikitext (converted to markdown as they are written). */
  wikitextRevisions: number;
  revisionIds: number[];
  /** Authors and uploaders by name: the id they had, and their first edit (their account's creation date). */
  users: Map<string, { fileId: number | null; firstEdit: Date }>;
  files: FilePlan;
}

const MAX_SUMMARY_CHARS = 500;

export async function* dumpEvents(source: DumpSource): AsyncGenerator<DumpEvent> {
  // No version larger than an upload may be (WIKI_UPLOAD_MAX_MB) is read into memory.
  const reader = new MediaWikiXmlReader({ maxUploadBytes: uploadLimits().maxBytes });
  for await (const chunk of source()) yield* reader.write(chunk);
  yield* reader.end();
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

/**
 * Reads the whole file once and checks it (the XML reader checks each revision; this checks what
 * spans revisions and pages), so that a damaged file is refused before anything is written.
 */
export async function planImport(source: DumpSource): Promise<ImportPlan> {
  const files = new FilePlanner();
  let mainPage: string | null = null;
  const plan: ImportPlan = { siteName: null, pages: [], skipped: [], mainPage: null, wikitextRevisions: 0, revisionIds: [], users: new Map(), files: files.plan };
  const titles = new Set<string>();
  const pageIds = new Set<number>();
  const revisionIds = new Set<number>();
  let dumpNamespaces: ReadonlyMap<number, string> = new Map();
  let skipped: SkippedPage | null = null;
  let revisions = 0;
  let liveRevisions = 0;
  for await (const event of dumpEvents(source)) {
    if (event.type === 'siteinfo') {
      plan.siteName = event.siteName;
    } else if (event.type === 'mainPage') {
      mainPage = event.title;
    } else if (event.type === 'namespaces') {
      dumpNamespaces = event.names;
    } else if (skipped !== null && event.type !== 'page') {
      // A skipped page's revisions are still checked by the reader (a damaged file is refused whole).
      if (event.type === 'revision') skipped.revisions += 1;
      if (event.type === 'pageEnd') skipped = null;
    } else if (event.type === 'page') {
      const { page } = event;
      if (!isKnownNamespace(page.namespace)) {
        const name = dumpNamespaces.get(page.namespace);
        skipped = {
          title: page.title,
          namespace: page.namespace,
          revisions: 0,
          reason: `namespace ${page.namespace}${name ? ` (${name})` : ''} has no counterpart in this wiki`,
        };
        plan.skipped.push(skipped);
        continue;
      }
      const localTitle = titleInOurNamespaces(page.title, page.namespace, dumpNamespaces);
      const parsed = tryParseTitle(localTitle);
      if (!parsed.ok) throw invalid(`Page "${page.title}": the title is not valid here (${parsed.reason}).`);
      if (parsed.title.namespace !== page.namespace) {
        throw invalid(
          `Page "${page.title}": <ns> says namespace ${page.namespace}, but this wiki reads the title as namespace ${parsed.title.namespace} (namespaces: 0 main, 1 Talk, 2 User, 3 User talk, 6 File, 7 File talk, 10 Template, 11 Template talk, 14 Category, 15 Category talk).`,
        );
      }
      const unwritable = unwritableTitleReason(parsed.title);
      if (unwritable !== null) throw invalid(`Page "${page.title}": ${englishText(unwritable)}`);
      const key = `${parsed.title.namespace}:${parsed.title.dbKey}`;
      if (titles.has(key)) throw invalid(`Page "${page.title}" appears twice in the file.`);
      if (pageIds.has(page.id)) throw invalid(`Page "${page.title}": page id ${page.id} is used twice in the file.`);
      titles.add(key);
      pageIds.add(page.id);
      plan.pages.push({ title: parsed.title, fileId: page.id });
      revisions = 0;
      liveRevisions = 0;
      files.startPage();
    } else if (event.type === 'revision') {
      const { page, revision } = event;
      const where = `Page "${page.title}", revision ${revision.id}`;
      if (revision.model !== undefined && CODE_MODELS.has(revision.model)) {
        if (revisions > 0) throw invalid(`${where}: the content model changes to "${revision.model}" in the middle of the page's history; this wiki cannot import that page.`);
        skipCodePage(plan, revision.model);
        skipped = plan.skipped.at(-1)!;
        skipped.revisions = 1;
        continue;
      }
      if (revision.model === WIKITEXT_MODEL) plan.wikitextRevisions += 1;
      if (revisionIds.has(revision.id)) throw invalid(`${where}: revision id ${revision.id} is used twice in the file.`);
      revisionIds.add(revision.id);
      if ([...revision.summary].length > MAX_SUMMARY_CHARS) throw invalid(`${where}: the summary is longer than ${MAX_SUMMARY_CHARS} characters.`);
      checkUserName(where, revision.author.name);
      // Deletion archives a page's whole history and a recreated page continues after it: archived
      // revisions come first, and only a deleted page has nothing but archived ones.
      if (page.deletedAt !== null && !revision.archived) throw invalid(`${where}: the page is marked deleted but this revision is not archived.`);
      if (page.deletedAt === null && revision.archived && liveRevisions > 0) throw invalid(`${where}: an archived revision follows a current one.`);
      revisions += 1;
      if (!revision.archived) liveRevisions += 1;
      addUser(plan, revision.author, revision.timestamp);
      plan.revisionIds.push(revision.id);
    } else if (event.type === 'upload') {
      const { page, upload } = event;
      checkUserName(whereIs(page, upload), upload.uploader.name);
      await files.check(page, plan.pages.at(-1)!.title, upload, event.bytes);
      addUser(plan, upload.uploader, upload.timestamp);
    } else {
      const { page } = event;
      if (revisions === 0) throw invalid(`Page "${page.title}" has no revisions.`);
      if (page.deletedAt === null && liveRevisions === 0) throw invalid(`Page "${page.title}": every revision is archived but the page is not marked deleted.`);
      files.endPage(page);
    }
  }
  const main = mainPage === null ? null : tryParseTitle(mainPage);
  plan.mainPage = main?.ok ? (plan.pages.find((page) => page.title.prefixedDbKey === main.title.prefixedDbKey)?.title ?? null) : null;
  // "Main Page" will redirect to it (lib/server/backup/import.ts), written by the import's account.
  if (plan.mainPage && plan.mainPage.prefixedDbKey !== 'Main_Page') addUser(plan, { id: null, name: IMPORT_USER_NAME }, new Date());
  return plan;
}

/** A page whose first revision is code (CSS, JavaScript, Lua…): its place in the plan becomes a listing. */
function skipCodePage(plan: ImportPlan, model: string): void {
  const page = plan.pages.pop()!;
  plan.skipped.push({ title: page.title.prefixedText, namespace: page.title.namespace, revisions: 0, reason: `its content model is "${model}" (code is not imported)` });
}

/**
 * The title with this wiki's namespace prefix: a dump from a wiki in another language names its
 * namespaces in that language ("Categoria:Foo" in namespace 14), and <ns> says which one it is.
 */
function titleInOurNamespaces(title: string, namespace: number, dumpNamespaces: ReadonlyMap<number, string>): string {
  const dumpPrefix = dumpNamespaces.get(namespace);
  if (namespace === NS.MAIN || !dumpPrefix || !title.startsWith(`${dumpPrefix}:`)) return title;
  return `${NAMESPACE_NAMES[namespace as Namespace]}:${title.slice(dumpPrefix.length + 1)}`;
}

function checkUserName(where: string, name: string): void {
  if (name.trim() === '' || [...name].length > USERNAME_MAX_LENGTH) throw invalid(`${where}: the author name "${name}" is not a valid user name.`);
}

function addUser(plan: ImportPlan, author: { id: number | null; name: string }, timestamp: Date): void {
  const user = plan.users.get(author.name);
  if (!user) plan.users.set(author.name, { fileId: author.id, firstEdit: timestamp });
  else if (timestamp < user.firstEdit) user.firstEdit = timestamp;
}
