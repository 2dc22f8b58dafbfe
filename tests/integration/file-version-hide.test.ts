// Hiding one file version (Special:RevisionDelete?type=oldimage) through its screen loader and its
// Server Action on the real database: what administrators are offered, what the action refuses, and
// that a hidden version's original and thumbnail become 404 for readers (docs/files.md).
import { uniqueTitle } from '../support/database';
import { fakeRequest as request } from '../support/request-fake';
import { uniquePng } from '../support/file-upload-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/server/accounts';
import { createApiToken } from '@/lib/server/api-tokens';
import { loadActor } from '@/lib/server/actors';
import { getDb } from '@/lib/server/db';
import { uploadFile } from '@/lib/server/files/upload';
import { fileDetails } from '@/lib/server/files/file-queries';
import { sha1OfBytes } from '@/lib/server/files/storage';
import { GET } from '@/app/images/[...path]/route';
import { FILE_VERSION_HIDE_FIELDS, fileVersionHideHref, type FileVersionHideValues } from '@/lib/domain/files/hide-version-input';
import { ANONYMOUS, type Actor } from '@/lib/domain/policy';
import { parseTitle } from '@/lib/domain/titles';

request.headers = { 'x-forwarded-for': '198.51.100.9' };

const { loadFileVersionHideScreen } = await import('@/lib/server/screens/file-version-hide');
const { loadFilePageScreen } = await import('@/lib/server/screens/file-page');
const { submitFileVersionVisibility } = await import('@/app/actions/file-version-hide');

const ORIGIN = 'http://wiki.test';
let n = 0;
const stamp = `${process.pid} ${Date.now().toString(36)}`;

async function newAccount(admin: boolean): Promise<{ actor: Actor; token: string }> {
  const account = await createAccount({ username: `Version hider ${stamp} ${++n}`, password: 'Plover-Quartz-hider-lantern-orbit-9431', admin }, null);
  return { actor: (await loadActor(account.id))!, token: (await createApiToken(account.id, 'hide test')).token };
}

let address = 0;
async function upload(by: Actor, name: string, bytes: Buffer, comment: string): Promise<number> {
  const outcome = await uploadFile({
    actor: by,
    title: parseTitle(`File:${name}`),
    bytes,
    comment,
    text: 'A test picture.',
    ip: `192.0.2.${(++address % 250) + 1}`,
    expect: null,
    confirm: ['exists', 'duplicate'],
  });
  if (outcome.status !== 'uploaded') throw new Error(`unexpected warnings: ${JSON.stringify(outcome.warnings)}`);
  return outcome.version.id;
}

function submit(values: Partial<FileVersionHideValues>): Promise<unknown> {
  const form = new FormData();
  for (const [field, value] of Object.entries(values)) if (value !== undefined) form.set(field, value);
  const empty = Object.fromEntries(FILE_VERSION_HIDE_FIELDS.map((field) => [field, ''])) as FileVersionHideValues;
  // A successful submission redirects, which Next.js does by throwing: hand back what was thrown.
  return submitFileVersionVisibility({ values: empty }, form).catch((error: unknown) => error);
}

const get = (url: string, token?: string) => GET(new Request(url, token ? { headers: { authorization: `Bearer ${token}` } } : {}));

let admin: { actor: Actor; token: string };
let uploader: { actor: Actor; token: string };
let name: string;
let key: string;
let oldBytes: Buffer;
let oldVersion: number;
let currentVersion: number;

beforeAll(async () => {
  admin = await newAccount(true);
  uploader = await newAccount(false);
  name = `${uniqueTitle('Hidden version')}.png`;
  key = name.replaceAll(' ', '_');
  oldBytes = await uniquePng();
  oldVersion = await upload(uploader.actor, name, oldBytes, 'with a phone number in it');
  currentVersion = await upload(uploader.actor, name, await uniquePng(), 'cropped');
});

describe('the screen', () => {
  it('is linked from each row of the File page’s history for administrators only', async () => {
    request.actor = admin.actor;
    const forAdmin = await loadFilePageScreen(parseTitle(`File:${key}`), {});
    expect(forAdmin.trail?.history.map((row) => row.hideHref)).toEqual([fileVersionHideHref(key, currentVersion), fileVersionHideHref(key, oldVersion)]);
    request.actor = uploader.actor;
    const forUploader = await loadFilePageScreen(parseTitle(`File:${key}`), {});
    expect(forUploader.trail?.history.map((row) => row.hideHref)).toEqual([null, null]);
  });

  it('offers administrators the form for a version, with its current bits, and the current version without its file box', async () => {
    request.actor = admin.actor;
    const screen = await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}`, ids: String(oldVersion) });
    expect(screen).toMatchObject({
      kind: 'form',
      isCurrent: false,
      version: { id: oldVersion, comment: 'with a phone number in it' },
      initial: { target: `File:${name}`, versionId: String(oldVersion), hideFile: '', hideComment: '', hideUploader: '', reason: '', seenHidden: '0' },
    });
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}`, ids: String(currentVersion) })).toMatchObject({ kind: 'form', isCurrent: true });
  });

  it('refuses readers and editors, and says which versions do not exist', async () => {
    request.actor = uploader.actor;
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}`, ids: String(oldVersion) })).toMatchObject({
      kind: 'denied',
      returnTo: fileVersionHideHref(key, oldVersion),
    });
    request.actor = admin.actor;
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}` })).toEqual({ kind: 'no-version' });
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: 'Not a file', ids: String(oldVersion) })).toEqual({ kind: 'no-version' });
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}`, ids: '999999999' })).toMatchObject({ kind: 'unknown-version' });
    // A version of another file under this file's name is no version of it.
    expect(await loadFileVersionHideScreen({ type: 'oldimage', target: 'File:Some other file.png', ids: String(oldVersion) })).toMatchObject({ kind: 'unknown-version' });
  });
});

describe('the action', () => {
  it('refuses the current version’s file on the form, and asks for a reason', async () => {
    request.actor = admin.actor;
    const current = (await submit({ target: `File:${key}`, versionId: String(currentVersion), hideFile: 'on', reason: 'Privacy', seenHidden: '0' })) as {
      fieldErrors?: Record<string, string>;
    };
    expect(current.fieldErrors?.hideFile).toMatch(/current version cannot be hidden/);
    const noReason = (await submit({ target: `File:${key}`, versionId: String(oldVersion), hideComment: 'on', reason: ' ', seenHidden: '0' })) as {
      fieldErrors?: Record<string, string>;
    };
    expect(noReason.fieldErrors?.reason).toBeTruthy();
    const wrongFile = (await submit({ target: 'File:Some other file.png', versionId: String(oldVersion), hideFile: 'on', reason: 'Privacy', seenHidden: '0' })) as {
      formError?: string;
    };
    expect(wrongFile.formError).toMatch(/no version/);
    request.actor = uploader.actor;
    const denied = (await submit({ target: `File:${key}`, versionId: String(oldVersion), hideFile: 'on', reason: 'Privacy', seenHidden: '0' })) as { formError?: string };
    expect(denied.formError).toBeTruthy();
    expect((await getDb().fileVersion.findUniqueOrThrow({ where: { id: oldVersion } })).hidden).toBe(0);
  });

  it('hides an old version’s file, comment and uploader: 404 for readers at both addresses, logged, and shown again when unticked', async () => {
    const sha1 = sha1OfBytes(oldBytes);
    const original = `${ORIGIN}/images/${sha1}/${encodeURIComponent(key)}`;
    const thumbnail = `${ORIGIN}/images/thumb/${sha1}/120px-${encodeURIComponent(key)}`;
    expect((await get(original)).status).toBe(200);
    expect((await get(thumbnail)).status).toBe(200);

    request.actor = admin.actor;
    const redirect = await submit({
      target: `File:${key}`,
      versionId: String(oldVersion),
      hideFile: 'on',
      hideComment: 'on',
      hideUploader: 'on',
      reason: 'Phone number',
      seenHidden: '0',
    });
    expect(String((redirect as { digest?: string }).digest)).toContain(`/wiki/File:${encodeURIComponent(key).replaceAll('%2C', ',')}`);

    for (const url of [original, thumbnail]) {
      expect((await get(url)).status, url).toBe(404);
      expect((await get(url, uploader.token)).status, url).toBe(404);
      const administrator = await get(url, admin.token);
      expect(administrator.status, url).toBe(200);
      expect(administrator.headers.get('cache-control')).toBe('private, no-store');
    }
    const seen = (await fileDetails(parseTitle(`File:${key}`), ANONYMOUS))!.versions.find((version) => version.id === oldVersion)!;
    expect(seen).toMatchObject({ sha1: null, withheld: { file: true, comment: true, uploader: true } });
    expect(seen.comment).not.toContain('phone');
    const log = await getDb().logEntry.findFirst({ where: { type: 'delete', action: 'revision', comment: 'Phone number' }, orderBy: { id: 'desc' } });
    expect(log?.params).toMatchObject({ fileVersionId: oldVersion, hiddenBefore: 0, hiddenAfter: 7 });

    // The form now starts from the hidden bits; a stale form (seen 0) is refused.
    const screen = await loadFileVersionHideScreen({ type: 'oldimage', target: `File:${key}`, ids: String(oldVersion) });
    expect(screen).toMatchObject({ kind: 'form', initial: { hideFile: 'on', hideComment: 'on', hideUploader: 'on', seenHidden: '7' } });
    const stale = (await submit({ target: `File:${key}`, versionId: String(oldVersion), reason: 'Undo', seenHidden: '0' })) as { formError?: string };
    expect(stale.formError).toMatch(/changed meanwhile/);

    await submit({ target: `File:${key}`, versionId: String(oldVersion), hideComment: 'on', reason: 'The number was a typo', seenHidden: '7' });
    expect((await getDb().fileVersion.findUniqueOrThrow({ where: { id: oldVersion } })).hidden).toBe(2);
    expect((await get(original)).status).toBe(200);
    expect((await get(original)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
