// See package.json: nothing in this project loads monaco-editor.
throw new Error('monaco-editor is not installed: this project replaces it with a stub (scripts/lib/monaco-editor-stub).');
