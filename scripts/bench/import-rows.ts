import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { openBenchDatabase } from './database';
import type { Row } from './table';
import packageJson from '../../package.json' with { type: 'json' };

/*
 * Wikitext import rows (docs/wikitext-import.md, docs/benchmark.md): "at least 10,000 revisions
 * per minute on this machine with the server's memory budget". `npm run import` runs as an
 * operator runs it (its own process, tsx, the real command) on the Fandom-style dump written by a
 * real MediaWiki (tests/fixtures/mediawiki/fandom-wiki.xml.gz), into an empty database of its own:
 * a second database on the bench's PostgreSQL, or with --embedded the import's own PGlite in a
 * temporary folder (in the import's process, so its memory counts). The rate is the command's own
 * figure for the writing pass (the line "written in X s, N revisions a minute"; the checking pass
 * reads the file once more before it); the peak RSS is the whole process's. Without --quick the
 * dump is also imported five times over (copies of its pages under new titles and ids, files left
 * out), to show that memory does not grow with the dump: the file is streamed, never held whole.
 */

const DUMP = path.join(import.meta.dirname, '../../tests/fixtures/mediawiki/fandom-wiki.xml.gz');
/**
 * --quick (the test suite's smoke run) imports the small Fandom-style dump of the same MediaWiki
 * (52 revisions imported: 12 CPU-seconds against 30 for the full one): the row then shows that the command,
 * its report and the figures work, which is all a quick run's figures can show.
 */
const QUICK_DUMP = path.join(import.meta.dirname, '../../tests/fixtures/mediawiki/fandom-style.xml');
const TARGET_PER_MINUTE = 10_000;
const MEMORY_BUDGET_MB = 400;

export interface ImportRun {
  embedded: boolean;
  quick: boolean;
  onCleanup(cleanup: () => Promise<unknown>): void;
}

interface ImportFigures {
  revisions: number;
  perMinute: number;
  peakRssMb: number;
}

export async function importRows(run: ImportRun): Promise<Row[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wiki-bench-import-'));
  run.onCleanup(() => rm(dir, { recursive: true, force: true }));
  const rows: Row[] = [];
  const dump = run.quick ? QUICK_DUMP : DUMP;
  const single = await timeImport(run, dump, dir);
  rows.push(...rowsFor(`${path.basename(dump)}, ${single.revisions.toLocaleString('en')} revisions`, single));
  if (!run.quick) {
    const bigger = path.join(dir, 'fandom-wiki-x5.xml');
    await writeFile(bigger, repeatPages(gunzipSync(await readFile(DUMP)).toString('utf8'), 5));
    const five = await timeImport(run, bigger, dir);
    rows.push(...rowsFor(`the same ×5, ${five.revisions.toLocaleString('en')} revisions`, five));
  }
  return rows;
}

function rowsFor(label: string, figures: ImportFigures): Row[] {
  return [
    {
      name: `Wikitext import (npm run import), ${label}`,
      value: `${figures.perMinute.toLocaleString('en')} revisions/min`,
      target: `≥ ${TARGET_PER_MINUTE.toLocaleString('en')} revisions/min`,
      met: figures.perMinute >= TARGET_PER_MINUTE,
    },
    {
      name: `Wikitext import, ${label}: peak RSS of the process`,
      value: `${figures.peakRssMb} MB`,
      target: `≤ ${MEMORY_BUDGET_MB} MB (the server's)`,
      met: figures.peakRssMb <= MEMORY_BUDGET_MB,
    },
  ];
}

async function timeImport(run: ImportRun, dump: string, dir: string): Promise<ImportFigures> {
  const database = run.embedded ? null : await openBenchDatabase(false);
  const dataDir = await mkdtemp(path.join(dir, 'data-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, WIKI_DATA_DIR: dataDir };
    if (database) env.DATABASE_URL = database.url;
    else delete env.DATABASE_URL;
    // package.json's "import" script, plus the preload that reports the peak RSS.
    const [, ...npmFlags] = (packageJson.scripts.import as string).split(' ');
    const args = ['--import', './scripts/bench/report-peak-rss.mjs', ...npmFlags, dump, `--report=${path.join(dir, 'report.md')}`];
    const { code, stdout, stderr } = await spawnCollecting(process.execPath, args, env);
    const written = /Imported \d+ page\(s\), (\d+) revision\(s\).*written in [\d.]+ s, ([\d,]+) revisions a minute\./.exec(stdout);
    const rss = /bench-peak-rss-kb (\d+)/.exec(stderr);
    if (code !== 0 || !written || !rss) throw new Error(`The import of ${path.basename(dump)} failed (exit ${code}):\n${stdout}${stderr}`);
    return { revisions: Number(written[1]), perMinute: Number(written[2]!.replace(/,/g, '')), peakRssMb: Math.round(Number(rss[1]) / 1024) };
  } finally {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function spawnCollecting(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: path.join(import.meta.dirname, '../..'), env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The dump with its pages `times` times over: each copy's titles get " (copy N)" and its page and
 * revision ids move up by a multiple of the largest one. File pages stay single (a copy's upload
 * would not match its new name); authors' ids are dropped so the copies share the accounts.
 */
export function repeatPages(xml: string, times: number): string {
  const start = xml.indexOf('<page>');
  const end = xml.lastIndexOf('</page>') + '</page>'.length;
  const pages = xml.slice(start, end).match(/<page>[\s\S]*?<\/page>/g) ?? [];
  const step = Math.max(...[...xml.matchAll(/<id>(\d+)<\/id>/g)].map((match) => Number(match[1]))) + 1;
  const copies: string[] = [];
  for (let copy = 1; copy < times; copy++) {
    for (const page of pages) {
      if (/<ns>6<\/ns>/.test(page)) continue;
      copies.push(
        page
          .replace(/(<username>[^<]*<\/username>)\s*<id>\d+<\/id>/g, '$1')
          .replace(/<title>([^<]*)<\/title>/, (_all, title: string) => `<title>${title} (copy ${copy})</title>`)
          .replace(/<(id|parentid)>(\d+)<\/\1>/g, (_all, tag: string, id: string) => `<${tag}>${Number(id) + copy * step}</${tag}>`),
      );
    }
  }
  return `${xml.slice(0, end)}\n${copies.join('\n')}${xml.slice(end)}`;
}
