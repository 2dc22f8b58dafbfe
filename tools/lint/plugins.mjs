// The ESLint plugins, imported here so that they resolve from tools/lint/node_modules (where
// TypeScript 6's JavaScript API lives for typescript-eslint), not from the app's node_modules
// (TypeScript 7, which has no such API). The rules themselves are in the root eslint.config.mjs.
export { default as js } from '@eslint/js';
export { default as nextPlugin } from '@next/eslint-plugin-next';
export { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
export { importX } from 'eslint-plugin-import-x';
export { default as reactHooks } from 'eslint-plugin-react-hooks';
export { default as globals } from 'globals';
export { default as tseslint } from 'typescript-eslint';
