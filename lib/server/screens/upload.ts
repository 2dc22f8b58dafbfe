import 'server-only';
import { getActor } from '@/lib/server/session';
import { policySettings } from '@/lib/server/settings';
import { fileExists } from '@/lib/server/files/file-queries';
import { pageContextForTitle } from '@/lib/server/protection';
import { uploadLimits } from '@/lib/server/files/upload';
import { allowedExtensions, allowedLabels, uploadTypeSettings } from '@/lib/domain/files/media-types';
import { parseDestination, type UploadFormValues } from '@/lib/domain/files/upload-input';
import { can, type Decision } from '@/lib/domain/policy';
import { first, type SearchParams } from '@/lib/domain/query-params';
import { titleToUrlPath, type ParsedTitle } from '@/lib/domain/titles';

export type UploadScreen =
  | { kind: 'denied'; decision: Exclude<Decision, { allowed: true }>; returnTo: string }
  | {
      kind: 'form';
      initial: UploadFormValues;
      /** wpForReUpload with an existing file: the upload is its new version. */
      reupload: { title: string; href: string } | null;
      maxBytes: number;
      /** The picker's accept attribute: extensions and types. */
      accept: string;
      /** "PNG, JPEG, …" for the introduction. */
      typeLabels: string;
    };

/** Special:Upload's own address with its query (the sign-in links return to it). */
function returnAddress(query: SearchParams): string {
  const destination = first(query.wpDestFile);
  const reupload = first(query.wpForReUpload);
  const params = new URLSearchParams();
  if (destination) params.set('wpDestFile', destination);
  if (reupload) params.set('wpForReUpload', reupload);
  const search = params.toString();
  return `/wiki/Special:Upload${search ? `?${search}` : ''}`;
}

/**
 * Special:Upload (?wpDestFile=Name.png prefills the destination, &wpForReUpload=1 makes it a new
 * version of that file): the form's settings, or why the reader cannot upload. Uploading a new
 * version needs 'reupload' on the file's page, a new file 'upload' (both honour upload protection).
 */
export async function loadUploadScreen(query: SearchParams): Promise<UploadScreen> {
  const requested = first(query.wpDestFile)?.trim() ?? '';
  const parsed = requested === '' ? null : parseDestination(requested);
  const destination: ParsedTitle | null = parsed?.ok ? parsed.title : null;
  const [actor, existing] = await Promise.all([getActor(), destination ? fileExists(destination) : false]);
  const reupload = destination !== null && existing && first(query.wpForReUpload) === '1';
  const context = destination ? await pageContextForTitle(destination) : { id: null };
  const decision = can(actor, reupload ? 'reupload' : 'upload', context, policySettings());
  if (!decision.allowed) return { kind: 'denied', decision, returnTo: returnAddress(query) };
  const types = uploadTypeSettings(process.env.WIKI_UPLOAD_TYPES);
  return {
    kind: 'form',
    // An unusable wpDestFile is kept as typed: the form says what is wrong with it when sent.
    initial: { title: destination ? destination.text : requested, comment: '', text: '' },
    reupload: reupload && destination ? { title: destination.prefixedText, href: titleToUrlPath(destination) } : null,
    maxBytes: uploadLimits().maxBytes,
    accept: [allowedExtensions(types).replaceAll(' ', ''), ...types.types.map((type) => type.mime)].join(','),
    typeLabels: allowedLabels(types),
  };
}
