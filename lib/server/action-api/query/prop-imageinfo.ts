import 'server-only';
import { ApiError } from '@/lib/domain/action-api/errors';
import { apiTimestamp } from '@/lib/domain/action-api/result';
import { commentHtml } from '@/lib/domain/action-api/revision-object';
import { looksLikeIpAddress } from '@/lib/domain/accounts';
import { originalUrl } from '@/lib/domain/files/thumbnail-sizes';
import type { FileVersionInfo } from '@/lib/domain/files/types';
import { makeParsedTitle, NS, titleToUrlPath } from '@/lib/domain/titles';
import { fileDetails } from '@/lib/server/files/file-queries';
import { requestOrigin } from '@/lib/server/rest/http';
import type { PropModule, QueryPageResult } from '@/lib/server/action-api/query/types';

/*
 * prop=imageinfo (MediaWiki's ApiQueryImageInfo) for File: pages: the file's versions, newest
 * first, as the File: page shows them (lib/server/files/file-queries.ts fileDetails): hidden
 * parts are withheld and flagged, a deleted file has no versions. iicontinue is MediaWiki's
 * "<name>|<timestamp>".
 */

const PROPS = ['timestamp', 'user', 'userid', 'comment', 'parsedcomment', 'canonicaltitle', 'url', 'size', 'dimensions', 'sha1', 'mime', 'mediatype'] as const;

function mwTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function mediaType(mime: string): string {
  if (mime === 'image/svg+xml') return 'DRAWING';
  if (mime.startsWith('image/')) return 'BITMAP';
  if (mime.startsWith('video/')) return 'VIDEO';
  if (mime.startsWith('audio/')) return 'AUDIO';
  return 'UNKNOWN';
}

function versionObject(version: FileVersionInfo, props: ReadonlySet<string>, name: string, origin: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (props.has('timestamp')) out.timestamp = apiTimestamp(version.createdAt);
  if (props.has('user') || props.has('userid')) {
    if (version.hidden.uploader) out.userhidden = true;
    if (!version.withheld.uploader) {
      const anon = looksLikeIpAddress(version.uploader.name);
      if (props.has('user')) out.user = version.uploader.name;
      if (props.has('userid')) out.userid = anon ? 0 : version.uploader.id;
      if (anon) out.anon = true;
    }
  }
  if (props.has('size') || props.has('dimensions')) Object.assign(out, { size: version.size, width: version.width, height: version.height });
  if (props.has('comment') || props.has('parsedcomment')) {
    if (version.hidden.comment) out.commenthidden = true;
    if (!version.withheld.comment) {
      if (props.has('comment')) out.comment = version.comment;
      if (props.has('parsedcomment')) out.parsedcomment = commentHtml(version.comment);
    }
  }
  if (props.has('canonicaltitle')) out.canonicaltitle = `File:${name}`;
  if (version.hidden.file && (props.has('url') || props.has('sha1'))) out.filehidden = true;
  if (props.has('url') && version.sha1 !== null) {
    const page = `${origin}${titleToUrlPath(makeParsedTitle(NS.FILE, name.replaceAll(' ', '_')))}`;
    Object.assign(out, { url: `${origin}${originalUrl(version.sha1, name)}`, descriptionurl: page, descriptionshorturl: page });
  }
  if (props.has('sha1') && version.sha1 !== null) out.sha1 = version.sha1;
  if (props.has('mime')) out.mime = version.mime;
  if (props.has('mediatype')) out.mediatype = mediaType(version.mime);
  return out;
}

function parseContinue(raw: string | undefined): { name: string; timestamp: string } | undefined {
  if (raw === undefined || raw === '') return undefined;
  const match = /^(.+)\|(\d{14})$/s.exec(raw);
  if (!match) throw new ApiError('badcontinue', 'Invalid continue param. You should pass the original value returned by the previous query.', { module: 'imageinfo' });
  return { name: match[1]!.replaceAll('_', ' '), timestamp: match[2]! };
}

export const imageInfoProp: PropModule = {
  prefix: 'ii',
  async run(context, params, pages) {
    const props = new Set<string>(params.has('prop') ? params.list('prop', PROPS) : ['timestamp', 'user']);
    const limit = params.limit('limit', 1, 500, 500);
    const resume = parseContinue(params.string('continue'));
    const origin = requestOrigin(context.request);
    const files = pages
      .filter((page): page is QueryPageResult & { title: string } => page.ns === NS.FILE && typeof page.title === 'string')
      .sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    for (const page of files) {
      const name = page.title.slice(page.title.indexOf(':') + 1);
      if (resume && name < resume.name) continue;
      const details = await fileDetails(makeParsedTitle(NS.FILE, name.replaceAll(' ', '_')), context.session.actor);
      // Archived versions belong to a deleted file (MediaWiki's filearchive), not to imageinfo.
      let versions = (details?.versions ?? []).filter((version) => !version.archived);
      page.imagerepository = versions.length > 0 ? 'local' : '';
      if (resume && name === resume.name) versions = versions.filter((version) => mwTimestamp(version.createdAt) <= resume.timestamp);
      if (versions.length === 0) continue;
      page.imageinfo = versions.slice(0, limit).map((version) => versionObject(version, props, name, origin));
      const next = versions[limit];
      if (next) return { continue: `${name.replaceAll(' ', '_')}|${mwTimestamp(next.createdAt)}` };
    }
    return undefined;
  },
};
