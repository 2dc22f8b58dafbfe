// Types of page-csp-hashes.mjs for the TypeScript tests (the server runs it as plain JavaScript).
export function scriptHashSource(text: string): string;
export function pinScriptsByHash(html: string, policy: string): { html: string; policy: string } | null;
