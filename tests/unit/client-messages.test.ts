import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGS, clientMessages, readingMessages, starMessages } from '@/lib/i18n/catalogs';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function resolveImport(file: string, specifier: string): string | undefined {
  const base = specifier.startsWith('@/') ? specifier.slice(2) : path.join(path.dirname(file), specifier);
  const found = [`${base}.tsx`, `${base}.ts`].find((name) => existsSync(path.join(root, name)));
  return found && /^(app|components)\//.test(found) ? found : undefined;
}

const LAZY_FORMS = 'components/LazyForms.tsx';

/** The modules behind the next/dynamic wrappers of components/LazyForms.tsx that `source` imports. */
function lazyFormsImportedBy(source: string): string[] {
  const names = [...source.matchAll(/import \{([^}]+)\} from '@\/components\/LazyForms'/g)].flatMap(([, list]) => list!.split(',').map((name) => name.trim()));
  const wrappers = read(LAZY_FORMS);
  return names.flatMap((name) => {
    const target = new RegExp(`export const ${name} = dynamic\\(\\(\\) => import\\('([^']+)'\\)`).exec(wrappers)?.[1];
    const found = target ? resolveImport(LAZY_FORMS, target) : undefined;
    if (!found) throw new Error(`${name} is not a wrapper of ${LAZY_FORMS}`);
    return [found];
  });
}

/**
 * Our modules that `file` imports: statically, or through a dynamic import() (next/dynamic). Of
 * components/LazyForms.tsx only the wrappers imported count: a page loads only the forms it renders.
 */
function importsOf(file: string): string[] {
  const source = read(file);
  const specifiers = [...source.matchAll(/(?:from |import\()'(@\/[^']+|\.{1,2}\/[^']+)'/g)].map(([, specifier]) => specifier!);
  const direct = specifiers.flatMap((specifier) => {
    const found = resolveImport(file, specifier);
    return found && found !== LAZY_FORMS ? [found] : [];
  });
  return file === LAZY_FORMS
    ? read(file)
        .match(/import\('[^']+'\)/g)!
        .map((call) => resolveImport(file, call.slice(8, -2))!)
    : [...direct, ...lazyFormsImportedBy(source)];
}

/** The files that run in the browser among those reachable from `entries`: 'use client' modules and all they import. */
function clientModulesFrom(entries: string[]): string[] {
  const reachable = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reachable.has(file)) continue;
    reachable.add(file);
    pending.push(...importsOf(file));
  }
  const clients = [...reachable].filter((file) => /^\s*'use client'/.test(read(file)));
  const inBrowser = new Set<string>();
  while (clients.length > 0) {
    const file = clients.pop()!;
    if (inBrowser.has(file)) continue;
    inBrowser.add(file);
    clients.push(...importsOf(file));
  }
  return [...inBrowser];
}

/** Files that run in the browser: 'use client' modules and every component they import. */
function clientModules(): string[] {
  const sources = ['app', 'components'].flatMap((dir) =>
    (readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((name) => name.endsWith('.tsx')).map((name) => path.join(dir, name)),
  );
  return clientModulesFrom(sources.filter((file) => /^\s*'use client'/.test(read(file))));
}

/** What a reading page renders: the layout, the error boundaries and the views of app/wiki/[...title] that FormMessages does not wrap (page.tsx). */
const READING_ENTRIES = ['app/layout.tsx', 'app/error.tsx', 'app/not-found.tsx', 'app/wiki/[...title]/not-found.tsx'].concat(
  ['article-view', 'category-view', 'file-view', 'template-view', 'history-view', 'diff-view', 'revision-view'].map((view) => `app/wiki/[...title]/${view}.tsx`),
);

function namespacesUsedIn(files: string[]) {
  return files.flatMap((file) => [...read(file).matchAll(/useTranslations\('([^']+)'\)/g)].map(([, namespace]) => ({ file, namespace: namespace! })));
}

function lookup(tree: unknown, dotted: string): unknown {
  return dotted.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe('the catalogs sent to the browser', () => {
  it('hold every namespace a client component translates with, in every language', () => {
    const namespaces = namespacesUsedIn(clientModules());
    expect(namespaces.length).toBeGreaterThan(10);
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      const sent = clientMessages(catalog);
      const missing = namespaces.filter(({ namespace }) => lookup(sent, namespace) === undefined).map(({ file, namespace }) => `${locale}: ${namespace} (${file})`);
      expect(missing).toEqual([]);
    }
  });

  it("hold, on a reading page, every namespace that page's client components translate with", () => {
    const reading = clientModulesFrom(READING_ENTRIES);
    expect(reading).toEqual(expect.arrayContaining(['components/SearchBox.tsx', 'components/LoginLinks.tsx', 'app/error.tsx']));
    const namespaces = namespacesUsedIn(reading);
    for (const [locale, catalog] of Object.entries(CATALOGS)) {
      // The watch star, shown to signed-in readers only, brings its own (components/watchlist/StarMessages.tsx).
      const sent = { ...readingMessages(catalog), ...starMessages(catalog) };
      const missing = namespaces.filter(({ namespace }) => lookup(sent, namespace) === undefined).map(({ file, namespace }) => `${locale}: ${namespace} (${file})`);
      expect(missing).toEqual([]);
    }
  });

  it('send a reading page a small part of what forms need', () => {
    const reading = JSON.stringify(readingMessages(CATALOGS.en)).length;
    expect(reading).toBeLessThan(JSON.stringify(clientMessages(CATALOGS.en)).length / 5);
    expect(lookup(readingMessages(CATALOGS.en), 'edit')).toBeUndefined();
  });

  it('leave out what only the server uses', () => {
    const sent = JSON.stringify(clientMessages(CATALOGS.en));
    expect(sent.length).toBeLessThan(JSON.stringify(CATALOGS.en).length / 2);
    expect(lookup(clientMessages(CATALOGS.en), 'special')).toBeUndefined();
    expect(lookup(clientMessages(CATALOGS.en), 'article.view')).toBeUndefined();
  });
});
