import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadTest, warmUp } from './load';
import { statsOf } from './measure';
import { residentMemory, sampleResidentMemory, startBareServer } from './server-process';
import { ratioText, type Row } from './table';

/**
 * The rows of issue 16: serving a stored thumbnail (against a bare Node server sending the same
 * bytes), the first thumbnail of a 12-megapixel JPEG, one 5 MiB upload, and the server's memory
 * while eight 10 MiB uploads arrive at once. Uploads go through the REST API as a client's would.
 */
export interface FileRun {
  wikiUrl: string;
  /** Process id of the wiki server, for its resident memory. */
  serverPid: number;
  token: string;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  quick: boolean;
}

const MiB = 1024 * 1024;
const THUMB_WIDTH = 250;

/** Noise compresses as badly as a photograph, so each image's size is close to its pixel count. */
async function noisyImage(width: number, height: number, seed: number, format: 'jpeg' | 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: 120, b: 200 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } });
  return format === 'jpeg' ? image.jpeg({ quality: 85 }).toBuffer() : image.png({ compressionLevel: 1 }).toBuffer();
}

interface UploadedFile {
  status: number;
  ms: number;
  thumbnailUrl: string | null;
  body: string;
}

async function upload(run: FileRun, name: string, bytes: Buffer, mime: string): Promise<UploadedFile> {
  const form = new FormData();
  form.set('title', `File:${name}`);
  form.set('comment', 'Benchmark upload');
  form.set('file', new Blob([new Uint8Array(bytes)], { type: mime }), name);
  const started = performance.now();
  const response = await fetch(`${run.wikiUrl}/w/rest.php/v1/file`, { method: 'POST', headers: { authorization: `Bearer ${run.token}` }, body: form });
  const body = await response.text();
  const ms = performance.now() - started;
  let thumbnailUrl: string | null = null;
  if (response.status === 201) {
    const file = JSON.parse(body) as { original?: { url?: string } };
    const original = file.original?.url;
    // /images/{sha1}/{name} → /images/thumb/{sha1}/{width}px-{name} (docs/files.md).
    if (original) thumbnailUrl = original.replace(/\/images\/([0-9a-f]{40})\/([^/]+)$/u, `/images/thumb/$1/${THUMB_WIDTH}px-$2`);
  }
  return { status: response.status, ms, thumbnailUrl, body };
}

function refusal(what: string, result: UploadedFile): Error {
  return new Error(`${what} answered ${result.status}: ${result.body.slice(0, 300)}`);
}

function absolute(run: FileRun, url: string): string {
  return new URL(url, run.wikiUrl).toString();
}

export async function fileRows(run: FileRun): Promise<Row[]> {
  const rows: Row[] = [];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'wiki-bench-files-'));
  try {
    // A 12-megapixel photograph-like JPEG (about 4 MB): its first thumbnail decodes all of it.
    const photo = await noisyImage(4000, 3000, 1, 'jpeg');
    const uploaded = await upload(run, 'Bench photo.jpg', photo, 'image/jpeg');
    if (uploaded.status !== 201 || uploaded.thumbnailUrl === null) throw refusal('Uploading the 12-megapixel JPEG', uploaded);
    const thumbUrl = absolute(run, uploaded.thumbnailUrl);
    const accept = { accept: 'image/avif,image/webp,image/*;q=0.8' };
    const firstStarted = performance.now();
    const first = await fetch(thumbUrl, { headers: accept });
    const thumbBytes = Buffer.from(await first.arrayBuffer());
    const firstMs = performance.now() - firstStarted;
    if (first.status !== 200) throw new Error(`The first thumbnail answered ${first.status}.`);
    rows.push({ name: `First ${THUMB_WIDTH}px thumbnail of a 12-megapixel JPEG`, connections: 1, p50Ms: firstMs, target: '(reported)' });

    // A stored thumbnail against a bare Node server sending the same bytes.
    const thumbFile = path.join(scratch, 'thumbnail');
    await writeFile(thumbFile, thumbBytes);
    const bare = await startBareServer(thumbFile, first.headers.get('content-type') ?? 'image/webp');
    try {
      const measure = async (url: string) => {
        await warmUp(url, accept);
        if (run.warmupSeconds > 0) await loadTest(url, { connections: run.connections, seconds: run.warmupSeconds, headers: accept });
        return loadTest(url, { connections: run.connections, seconds: run.seconds, headers: accept });
      };
      const bareResult = await measure(bare.baseUrl);
      const wikiResult = await measure(thumbUrl);
      rows.push({
        name: `Baseline: bare Node http, same thumbnail bytes (${(thumbBytes.length / 1024).toFixed(1)} KiB)`,
        connections: run.connections,
        reqPerSec: bareResult.reqPerSec,
        p50Ms: bareResult.p50,
        p99Ms: bareResult.p99,
        target: '(platform limit)',
      });
      const ratio = wikiResult.reqPerSec / bareResult.reqPerSec;
      rows.push({
        name: 'Stored thumbnail',
        connections: run.connections,
        reqPerSec: wikiResult.reqPerSec,
        p50Ms: wikiResult.p50,
        p99Ms: wikiResult.p99,
        ratio: ratioText(ratio, 'bare'),
        target: '(reported)',
        problem: wikiResult.failed > 0 ? `${wikiResult.failed} thumbnail request(s) failed` : undefined,
      });
    } finally {
      await bare.stop();
    }

    // One 5 MiB upload: time and how much the server's resident memory grew.
    const fiveMiB = await noisyImage(1300, 1300, 2, 'png');
    const before = residentMemory(run.serverPid);
    const single = await upload(run, 'Bench five MiB.png', fiveMiB, 'image/png');
    const after = residentMemory(run.serverPid);
    if (single.status !== 201) throw refusal('The 5 MiB upload', single);
    rows.push({
      name: 'Upload of a 5 MiB PNG (REST POST)',
      connections: 1,
      p50Ms: single.ms,
      value: `${(fiveMiB.length / MiB).toFixed(2)} MiB${before === null || after === null ? '' : `, server RSS +${((after - before) / 1e6).toFixed(0)} MB`}`,
      target: '(reported)',
    });

    // Eight uploads of just under 10 MiB at once (different bytes, so none is a duplicate).
    const count = run.quick ? 2 : 8;
    const big = await Promise.all(Array.from({ length: count }, (_, i) => noisyImage(1800, 1800, 10 + i, 'png')));
    const idle = residentMemory(run.serverPid);
    const memory = sampleResidentMemory(run.serverPid, 20);
    const results = await Promise.all(big.map((bytes, i) => upload(run, `Bench ten MiB ${i}.png`, bytes, 'image/png')));
    const peak = memory.stop();
    const failed = results.filter((result) => result.status !== 201);
    const times = statsOf(results.map((result) => result.ms));
    rows.push({
      name: `${count} uploads of 10 MiB at once, peak server RSS`,
      connections: count,
      p50Ms: times.p50,
      // Where the server started from: what earlier rows (the load, the template drain) left behind.
      value: `${(big[0]!.length / MiB).toFixed(2)} MiB each; ${peak === null ? 'n/a' : `${(peak / 1e6).toFixed(0)} MB`}${idle === null ? '' : ` (from ${(idle / 1e6).toFixed(0)} MB)`}`,
      target: '≤ 400 MB',
      met: peak === null ? undefined : peak <= 400e6 && failed.length === 0,
      problem: failed.length > 0 ? `${failed.length} upload(s) refused: ${failed[0]!.status} ${failed[0]!.body.slice(0, 200)}` : undefined,
    });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return rows;
}
