/**
 * The report of a wikitext import (docs/wikitext-import.md): what could not be converted exactly,
 * page by page, so that nothing is lost silently. The original wikitext of every revision is kept
 * (revision_sources); the report says where a reader of the markdown would see a difference.
 *
 * Pure: the importer feeds it revisions as they are converted and writes the text it formats.
 */
import type { ConversionIssue } from '@/lib/domain/wikitext/convert';

/** How many line numbers of one construct the report names before it says "…". */
const FIRST_LINES = 3;

export interface ConstructSummary {
  construct: string;
  /** Occurrences in the page's current revision. */
  count: number;
  /** Their first lines in the current revision's wikitext. */
  lines: number[];
  detail: string;
  /** Older revisions of the page in which the construct also occurs. */
  olderRevisions: number;
}

export interface PageReport {
  title: string;
  constructs: ConstructSummary[];
}

export interface SkippedPageReport {
  title: string;
  revisions: number;
  reason: string;
}

export interface ImportReport {
  source: string;
  siteName: string | null;
  dryRun: boolean;
  pages: number;
  revisions: number;
  wikitextRevisions: number;
  /** Pages whose current revision (or history) has constructs not converted exactly. */
  pagesWithIssues: PageReport[];
  skipped: SkippedPageReport[];
  /** Files embedded or linked by imported pages that are neither in the dump nor in the wiki. */
  missingFiles: { file: string; usedOn: string[] }[];
  /** Pages of the file that already exist here (refused, or replaced with --overwrite). */
  existing: string[];
  /** The dump's main page, when the import made "Main Page" redirect to it (the wiki had none). */
  mainPageRedirect?: string | null;
}

interface PageInProgress {
  title: string;
  latest: ConversionIssue[];
  latestCounted: boolean;
  revisionsWith: Map<string, number>;
}

/** Collects a page's conversion issues as its revisions go by (oldest first) and sums them up. */
export class ImportReportBuilder {
  private page: PageInProgress | null = null;
  private readonly pages: PageReport[] = [];
  private readonly fileUses = new Map<string, Set<string>>();

  startPage(title: string): void {
    this.page = { title, latest: [], latestCounted: false, revisionsWith: new Map() };
  }

  /** One converted revision; `current` is false for the archived revisions of a deleted page. */
  addRevision(issues: readonly ConversionIssue[], current = true): void {
    const page = this.page;
    if (!page) return;
    for (const construct of new Set(issues.map((issue) => issue.construct))) page.revisionsWith.set(construct, (page.revisionsWith.get(construct) ?? 0) + 1);
    if (current) page.latest = [...issues];
  }

  /** Files (dbKeys without "File:") the page's current revision uses. */
  addFileUses(files: readonly string[]): void {
    if (!this.page) return;
    for (const file of files) {
      const pages = this.fileUses.get(file) ?? new Set<string>();
      pages.add(this.page.title);
      this.fileUses.set(file, pages);
    }
  }

  endPage(): void {
    const page = this.page;
    this.page = null;
    if (!page || page.revisionsWith.size === 0) return;
    const byConstruct = new Map<string, ConstructSummary>();
    for (const issue of page.latest) {
      const summary = byConstruct.get(issue.construct) ?? { construct: issue.construct, count: 0, lines: [], detail: issue.detail, olderRevisions: 0 };
      summary.count += 1;
      if (summary.lines.length < FIRST_LINES && !summary.lines.includes(issue.line)) summary.lines.push(issue.line);
      byConstruct.set(issue.construct, summary);
    }
    for (const [construct, revisions] of page.revisionsWith) {
      const summary = byConstruct.get(construct);
      if (summary) summary.olderRevisions = revisions - 1;
      else byConstruct.set(construct, { construct, count: 0, lines: [], detail: 'only in older revisions', olderRevisions: revisions });
    }
    this.pages.push({ title: page.title, constructs: [...byConstruct.values()].sort((a, b) => b.count - a.count || a.construct.localeCompare(b.construct)) });
  }

  /** Every file the imported pages use, with the pages that use it. */
  usedFiles(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.fileUses;
  }

  pageReports(): PageReport[] {
    return this.pages;
  }
}

function lineList(lines: number[], count: number): string {
  if (lines.length === 0) return '';
  const more = count > lines.length ? ', …' : '';
  return ` (line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more})`;
}

/** Totals per construct over all pages: in how many pages, how many times in current revisions. */
export function constructTotals(pages: readonly PageReport[]): { construct: string; pages: number; count: number }[] {
  const totals = new Map<string, { construct: string; pages: number; count: number }>();
  for (const page of pages) {
    for (const summary of page.constructs) {
      const total = totals.get(summary.construct) ?? { construct: summary.construct, pages: 0, count: 0 };
      total.pages += 1;
      total.count += summary.count;
      totals.set(summary.construct, total);
    }
  }
  return [...totals.values()].sort((a, b) => b.count - a.count || b.pages - a.pages || a.construct.localeCompare(b.construct));
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The report as a Markdown document (it is read in a terminal, an editor or on a wiki page). */
export function formatImportReport(report: ImportReport): string {
  const out: string[] = [];
  out.push(`# Import report: ${report.source}`, '');
  out.push(
    `${report.dryRun ? 'Dry run: nothing was written. ' : ''}${report.siteName ? `Dump of ${report.siteName}: ` : ''}` +
      `${report.pages} page(s) and ${report.revisions} revision(s) ${report.dryRun ? 'would be imported' : 'imported'}; ` +
      `${report.wikitextRevisions} revision(s) in wikitext converted to markdown, each with its original wikitext kept beside it.`,
    '',
  );
  if (report.mainPageRedirect) out.push(`Main Page redirects to ${report.mainPageRedirect}, the dump's main page (this wiki had no Main Page).`, '');
  const totals = constructTotals(report.pagesWithIssues);
  out.push('## Not converted exactly', '');
  if (totals.length === 0) out.push('Everything was converted exactly.', '');
  else {
    out.push('| Construct | Pages | In current revisions |', '| --- | ---: | ---: |');
    for (const total of totals) out.push(`| ${cell(total.construct)} | ${total.pages} | ${total.count} |`);
    out.push('');
  }
  out.push('## Pages not imported', '');
  if (report.skipped.length === 0) out.push('None.', '');
  else {
    for (const page of report.skipped) out.push(`- ${page.title} (${page.revisions} revision(s)): ${page.reason}.`);
    out.push('');
  }
  if (report.existing.length > 0) {
    out.push(
      '## Pages that already exist here',
      '',
      `${report.existing.length} page(s), refused unless --overwrite replaces them: ${report.existing.slice(0, 20).join(', ')}${report.existing.length > 20 ? ', …' : ''}`,
      '',
    );
  }
  out.push('## Files used but missing', '');
  if (report.missingFiles.length === 0) out.push('None: every file the pages use is in the dump or already in this wiki.', '');
  else {
    for (const { file, usedOn } of report.missingFiles) out.push(`- File:${file.replace(/_/g, ' ')}, used on ${usedOn.join(', ')}`);
    out.push('');
  }
  out.push('## By page', '');
  if (report.pagesWithIssues.length === 0) out.push('No page has anything not converted exactly.', '');
  for (const page of report.pagesWithIssues) {
    out.push(`### ${page.title}`, '');
    for (const summary of page.constructs) {
      // A detail may or may not end its sentence; the line ends it once.
      const detail = summary.detail.replace(/\.$/, '');
      const current = summary.count > 0 ? `${summary.count}×${lineList(summary.lines, summary.count)}: ${detail}` : detail;
      const older = summary.olderRevisions > 0 ? ` Also in ${summary.olderRevisions} older revision(s).` : '';
      out.push(`- ${summary.construct}: ${current}.${older}`);
    }
    out.push('');
  }
  return out.join('\n');
}
