'use client';

import dynamic from 'next/dynamic';

/**
 * The code editor as the edit form uses it: a chunk of its own, loaded in the browser only (there
 * is nothing to render on the server: without JavaScript the textarea is the editor). The article
 * view shares a route, and so a chunk, with the edit form: a static import would put the toolbar
 * and its wiring in every reader's download. CodeMirror's chunk is requested at the same time
 * rather than after this one.
 */
export const CodeEditor = dynamic(
  () => {
    void import('./codemirror');
    return import('./CodeEditor').then((module) => module.CodeEditor);
  },
  { ssr: false },
);
