// ESLint (flat config): JavaScript's and typescript-eslint's recommended rules, Next.js's and
// React hooks' rules, and the layer rules (docs/linting.md). Run with `npm run lint`; the plugins
// are installed in tools/lint (see tools/lint/plugins.mjs for why).
import path from 'node:path';
import { createTypeScriptImportResolver, globals, importX, js, nextPlugin, reactHooks, tseslint } from './tools/lint/plugins.mjs';

const root = import.meta.dirname;

/** Packages that tie code to a framework, the database or the server; pure domain code imports none. */
const frameworkPackages = [
  { group: ['next', 'next/*', 'next-intl', 'next-intl/*', 'next-auth', 'next-auth/*'], message: 'lib/domain is framework-free: pass what it needs in.' },
  { group: ['react', 'react/*', 'react-dom', 'react-dom/*'], message: 'lib/domain is framework-free: rendering belongs in components/.' },
  { group: ['@prisma/*', 'pg', 'server-only'], message: 'lib/domain does not touch the database: that is lib/server.' },
];

/** Pages link through components/Link.tsx, which does not prefetch (see there why). */
const nextLink = { name: 'next/link', message: "Import Link from '@/components/Link': it does not prefetch every link on the page." };

export default tseslint.config(
  {
    ignores: ['.next/**', 'lib/generated/**', 'next-env.d.ts', 'data/**', 'test-results/**', 'bench-results/**', 'coverage/**', 'tools/lint/node_modules/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // React code only: the end-to-end suites' `useWikiInBrowser()`-style helpers register Vitest
    // hooks, not React ones, and would read as hooks called outside a component.
    ...reactHooks.configs.flat.recommended,
    files: ['app/**', 'components/**', '**/*.tsx'],
  },
  nextPlugin.configs['core-web-vitals'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names mark deliberately unused parameters and destructured leftovers.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // The app router is in app/, not pages/: Next's rule otherwise warns on every run.
    settings: { next: { rootDir: root } },
    rules: { '@next/next/no-html-link-for-pages': 'off' },
  },
  {
    // Uploaded files have their own thumbnails (/images/thumb/…, made once, immutable): next/image's
    // optimizer would resize them a second time, and a chosen file's preview is a blob: URL.
    files: ['components/files/**'],
    rules: { '@next/next/no-img-element': 'off' },
  },

  // Layer rules: who may import whom (docs/linting.md). Imports are resolved as TypeScript does
  // (the `@/` alias, relative paths, `.ts` extensions), so every spelling of a path is caught.
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: './lib/domain',
              from: './',
              // messages/ holds only the JSON catalogs: data that imports nothing, so it cannot pull
              // a framework into the domain (error-messages.ts types its keys from the English one).
              except: ['./lib/domain', './messages', './node_modules'],
              message: 'lib/domain imports nothing of ours outside lib/domain.',
            },
            {
              target: './components',
              from: ['./app', './lib/server', './lib/db', './lib/generated'],
              message: 'Components are presentational: data and actions come in as props.',
            },
            {
              target: './lib/server',
              from: './app',
              message: 'The server layer never imports app/: routes call the server layer, not the other way.',
            },
            // wikiparser-node is GPL-3.0-or-later: only the wikitext import loads it, in its own
            // process (npm run import), never the web server (docs/wikitext-import.md, "Licence").
            {
              target: ['./app', './components', './lib/db', './runtime', './lib/domain/!(wikitext)/**', './lib/domain/*'],
              from: './node_modules/wikiparser-node',
              message: 'wikiparser-node (GPL) is for the wikitext import only: import it in lib/domain/wikitext.',
            },
            {
              target: ['./app', './components'],
              from: ['./lib/domain/wikitext', './lib/server/backup', './lib/workers/convert-wikitext.ts'],
              message: 'The wikitext import (and its GPL parser) stays out of the web server: it runs in npm run import.',
            },
          ],
        },
      ],
      // An import the resolver cannot find would slip past the layer rules unchecked.
      'import-x/no-unresolved': 'error',
    },
  },
  {
    files: ['lib/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: frameworkPackages }] },
  },
  {
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [nextLink],
          patterns: [
            { group: ['next/headers', 'server-only'], message: 'Components are presentational: request data comes in as props.' },
            { group: ['@prisma/*', 'pg'], message: 'Components do not touch the database: that is lib/server.' },
          ],
        },
      ],
    },
  },
  {
    files: ['app/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [nextLink] }] },
  },
  {
    // The one place next/link is wrapped.
    files: ['components/Link.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
