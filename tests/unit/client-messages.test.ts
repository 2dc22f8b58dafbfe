import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, clientMessages } from '@/lib/i18n/catalogs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** Files that run in the browser: 'use client' modules and every component they import. */
function clientModules(): string[] {
  const sources = ['app', 'components'].flatMap((dir) =>
    (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((name) => name.endsWith('.tsx')).map((name) => path.join(dir, name)),
  );
  const pending = sources.filter((file) => /^\s*'use client'/.test(read(file)));
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const [, imported] of read(file).matchAll(/from '@\/(components\/[^']+)'/g)) {
      const candidate = [`${imported}.tsx`, `${imported}.ts`].find((name) => existsSync(path.join(root, name)));
      if (candidate) pending.push(candidate);
    }
  }
  return [...seen];
}

function lookup(tree: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('the catalogs sent to the browser', () => {
  it('hold every namespace a client component translates with, in every language', () => {
    const namespaces = clientModules().flatMap((file) => [...read(file).matchAll(/useTranslations\('([^']+)'\)/g)].map(([, namespace]) => ({ file, namespace: namespace! })));
    expect(namespaces.length).toBeGreaterThan(10);
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      const sent = clientMessages(catalog);
      const missing = namespaces.filter(({ namespace }) => lookup(sent, namespace) === undefined).map(({ file, namespace }) => `${locale}: ${namespace} (${file})`);
      expect(missing).toEqual([]);
    }
  });

  it('leave out what only the server uses', () => {
    const sent = JSON.stringify(clientMessages(CATALOGS.en));
    expect(sent.length).toBeLessThan(JSON.stringify(CATALOGS.en).length / 2);
    expect(lookup(clientMessages(CATALOGS.en), 'special')).toBeUndefined();
    expect(lookup(clientMessages(CATALOGS.en), 'article.view')).toBeUndefined();
  });
});
