import 'server-only';
import { getDb } from '@/lib/server/db';
import { pageWriteTransaction } from '@/lib/server/page-cache';
import { autoWatch } from '@/lib/server/watchlist';
import { renderPageText } from '@/lib/server/templates/render-page';
import { assertCanOnPage } from '@/lib/server/protection';
import { consume, LIMITS } from '@/lib/server/throttle';
import { sniffUpload } from '@/lib/domain/files/sniff';
import { probeImage, stripImageMetadata, stripMetadataOnUpload, uploadMaxPixels } from '@/lib/server/files/image-probe';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { assertFileTitle, createDescriptionPage, lockFile, recordFileVersion, type LockedFile } from '@/lib/server/files/file-writes';
import { AppError } from '@/lib/domain/errors';
import { errorMessage } from '@/lib/domain/error-messages';
import { extensionFits, uploadTypeSettings, wrongExtensionMessage } from '@/lib/domain/files/media-types';
import type { UploadOutcome, UploadWarning, UploadWarningCode } from '@/lib/domain/files/types';
import type { Actor } from '@/lib/domain/policy';
import { expandSignatures } from '@/lib/domain/signatures';
import type { ParsedTitle } from '@/lib/domain/titles';
import type { Transaction } from '@/lib/server/transaction';

const MIB = 1024 * 1024;
const DEFAULT_MAX_MB = 10;
/**
 * The byte limit (WIKI_UPLOAD_MAX_MB, default 10) and the pixel limit (WIKI_UPLOAD_MAX_MEGAPIXELS,
 * image-probe.ts), read when asked. Anything but a positive number keeps the default: a typo must
 * never lift a limit.
 */
export function uploadLimits(): { maxBytes: number; maxPixels: number } {
  const configured = Number(process.env.WIKI_UPLOAD_MAX_MB);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_MB;
  return { maxBytes: Math.floor(megabytes * MIB), maxPixels: uploadMaxPixels() };
}

/**
 * Storing up to WIKI_UPLOAD_MAX_MB of bytes can outlast Prisma's 5 s default for a transaction on
 * the embedded database under load (10 MiB take about 1.5 s to store when it is idle).
 */
const UPLOAD_TRANSACTION = { timeout: 60_000 };

export interface UploadFileInput {
  actor: Actor;
  /** A File: title (uploadInputSchema parses one). */
  title: ParsedTitle;
  bytes: Uint8Array;
  comment: string;
  /** The description: the File page's first revision when the upload creates the page ('' = the comment, as MediaWiki). */
  text: string;
  ip: string;
  /** The latest version id the uploader saw; null = not known (no compare-and-swap). */
  expect: number | null;
  /** Warnings the uploader confirmed. */
  confirm: readonly UploadWarningCode[];
}

/** What the bytes are, decided before any transaction: type, size, dimensions and SHA-1. */
export interface CheckedBytes {
  /** The bytes to store: the upload's, or without their metadata (WIKI_UPLOAD_STRIP_METADATA=1). */
  bytes: Uint8Array;
  sha1: string;
  size: number;
  width: number;
  height: number;
  mime: string;
}

/**
 * Decides what the bytes are (never from the name or a client's type), refusing what the wiki
 * does not accept: the byte limit, the sniffing refusals (lib/domain/files/sniff.ts), a name whose
 * extension does not fit the real type, and the pixel limit (checked before decoding).
 */
export async function checkUploadBytes(title: ParsedTitle, bytes: Uint8Array): Promise<CheckedBytes> {
  const { maxBytes, maxPixels } = uploadLimits();
  if (bytes.byteLength > maxBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', errorMessage('fileUpload.tooLarge', { size: megabytes(bytes.byteLength), max: megabytes(maxBytes) }), {
      fieldErrors: { file: errorMessage('fileUpload.tooLarge', { size: megabytes(bytes.byteLength), max: megabytes(maxBytes) }) },
    });
  }
  const settings = uploadTypeSettings(process.env.WIKI_UPLOAD_TYPES);
  const sniffed = await sniffUpload(bytes, settings);
  if (!sniffed.ok) throw new AppError(sniffed.code, sniffed.text, { fieldErrors: { file: sniffed.text } });
  if (!extensionFits(title.text, sniffed.mime)) {
    const text = wrongExtensionMessage(title.text, sniffed.mime);
    throw new AppError('VALIDATION', text, { fieldErrors: { title: text } });
  }
  const probed = await probeImage(bytes, { maxPixels, mime: sniffed.mime });
  const stored = stripMetadataOnUpload() ? await stripImageMetadata(bytes, sniffed.mime) : bytes;
  return { bytes: stored, sha1: sha1OfBytes(stored), size: stored.byteLength, width: probed.width, height: probed.height, mime: sniffed.mime };
}

function megabytes(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}

/**
 * MediaWiki's upload warnings for these bytes at this file, read under the file's lock: the name
 * has a file (`exists`), other files' current versions have the same bytes (`duplicate`). The
 * same bytes as this file's current version are refused outright (nothing would change).
 */
async function uploadWarnings(tx: Transaction, file: LockedFile, sha1: string): Promise<UploadWarning[]> {
  const warnings: UploadWarning[] = [];
  if (file.latest !== null) {
    if (file.latest.sha1 === sha1) throw new AppError('VALIDATION', errorMessage('fileUpload.duplicateVersion', { title: file.title.prefixedText }));
    warnings.push({ code: 'exists', latestVersionId: file.latest.id, sha1: file.latest.sha1 });
  }
  const duplicates = await tx.$queryRaw<{ title: string }[]>`
    SELECT p.title FROM file_versions v
    JOIN files f ON f.latest_version_id = v.id
    JOIN pages p ON p.id = f.page_id
    WHERE v.sha1 = ${sha1} AND f.page_id <> ${file.pageId ?? 0}
    ORDER BY p.title LIMIT 50`;
  if (duplicates.length > 0) warnings.push({ code: 'duplicate', titles: duplicates.map((row) => `File:${row.title.replaceAll('_', ' ')}`) });
  return warnings;
}

/**
 * The one write path for file bytes (docs/files.md, "The upload transaction"): rights, throttle and
 * limits first; then what the bytes are; then, in one transaction under the File page's lock, the
 * warnings, the blob, the File page (created with the description as its first revision), the
 * version row, the compare-and-swap of files.latest_version_id, the log entry and the page cache.
 * Warnings not confirmed, and every refusal, leave nothing behind.
 */
export async function uploadFile(input: UploadFileInput): Promise<UploadOutcome> {
  const { actor, title } = input;
  assertFileTitle(title);
  const existing = await getDb().page.findUnique({
    where: { namespace_title: { namespace: title.namespace, title: title.dbKey } },
    select: { id: true, file: { select: { latestVersionId: true } } },
  });
  const hasFile = existing?.file?.latestVersionId != null;
  // Cheap refusals before anything heavy; checked again under the lock below.
  await assertCanOnPage(actor, hasFile ? 'reupload' : 'upload', existing?.id ?? null);
  if (actor.userId === null) throw new AppError('UNAUTHENTICATED', errorMessage('policy.signIn', { action: errorMessage('policy.action.upload') }));
  const uploaderId = actor.userId;
  await consume(LIMITS.upload, `user:${uploaderId}`);
  await consume(LIMITS.uploadAddress, `ip:${input.ip}`);
  const checked = await checkUploadBytes(title, input.bytes);

  const description = expandSignatures(input.text.trim() === '' ? input.comment : input.text, { name: actor.name ?? input.ip });
  // Rendered before the transaction (the row lock is held only for writes), unless the page has text
  // already; never inside it: it reads templates with a connection of its own, which the embedded
  // database's one-connection pool would only free after the transaction.
  const rendered = existing === null ? await renderPageText(title, description) : null;
  return pageWriteTransaction(async (tx) => {
    const file = await lockFile(tx, title);
    const action = file.latest === null ? 'upload' : 'reupload';
    await assertCanOnPage(actor, action, file.pageId, tx);
    const warnings = await uploadWarnings(tx, file, checked.sha1);
    if (input.expect !== null && input.expect !== (file.latest?.id ?? null)) {
      throw new AppError('EDIT_CONFLICT', errorMessage('fileUpload.changedMeanwhile', { title: title.prefixedText }));
    }
    const unconfirmed = warnings.filter((warning) => !input.confirm.includes(warning.code));
    // Nothing has been written yet: returning commits an empty transaction.
    if (unconfirmed.length > 0) return { status: 'warnings', warnings: unconfirmed, latestVersionId: file.latest?.id ?? null };

    let pageCreated = false;
    if (file.pageId === null || !file.hasText) {
      const created = await createDescriptionPage(tx, file, {
        text: description,
        summary: input.comment,
        authorId: uploaderId,
        rendered: rendered ?? (await renderPageText(title, description, { db: tx })),
        bot: actor.bot === true,
      });
      file.pageId = created.pageId;
      // null: an edit created the page meanwhile and its text is the description.
      pageCreated = created.revisionId !== null;
    }
    const recorded = await recordFileVersion(tx, {
      file,
      actor,
      uploaderId,
      checked,
      comment: input.comment,
      logAction: file.latest === null ? 'upload' : 'overwrite',
    });
    await autoWatch(tx, uploaderId, [title], 'upload');
    return {
      status: 'uploaded',
      pageId: recorded.version.pageId,
      title: title.prefixedText,
      version: recorded.version,
      pageCreated,
      logAction: recorded.logAction,
      logId: recorded.logId,
    };
  }, UPLOAD_TRANSACTION);
}
