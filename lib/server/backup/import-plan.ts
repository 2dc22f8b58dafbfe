import 'server-only';
import { AppError } from '@/lib/domain/errors';
import { MediaWikiXmlReader, type DumpEvent } from '@/lib/domain/mediawiki-xml-reader';
import { tryParseTitle, unwritableTitleReason, type ParsedTitle } from '@/lib/domain/titles';
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

/** What the first reading of a file found: everything the import needs to decide before writing. */
export interface ImportPlan {
  siteName: string | null;
  pages: PlannedPage[];
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
  const plan: ImportPlan = { siteName: null, pages: [], revisionIds: [], users: new Map(), files: files.plan };
  const titles = new Set<string>();
  const pageIds = new Set<number>();
  const revisionIds = new Set<number>();
  let revisions = 0;
  let liveRevisions = 0;
  for await (const event of dumpEvents(source)) {
    if (event.type === 'siteinfo') {
      plan.siteName = event.siteName;
    } else if (event.type === 'page') {
      const { page } = event;
      const parsed = tryParseTitle(page.title);
      if (!parsed.ok) throw invalid(`Page "${page.title}": the title is not valid here (${parsed.reason}).`);
      if (parsed.title.namespace !== page.namespace) {
        throw invalid(
          `Page "${page.title}": <ns> says namespace ${page.namespace}, but this wiki reads the title as namespace ${parsed.title.namespace} (namespaces: 0 main, 1 Talk, 2 User, 3 User talk, 14 Category, 15 Category talk).`,
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
  return plan;
}

function checkUserName(where: string, name: string): void {
  if (name.trim() === '' || [...name].length > USERNAME_MAX_LENGTH) throw invalid(`${where}: the author name "${name}" is not a valid user name.`);
}

function addUser(plan: ImportPlan, author: { id: number | null; name: string }, timestamp: Date): void {
  const user = plan.users.get(author.name);
  if (!user) plan.users.set(author.name, { fileId: author.id, firstEdit: timestamp });
  else if (timestamp < user.firstEdit) user.firstEdit = timestamp;
}
