export function escapeHtml(text: string): string;
export function escapeHtmlNamed(text: string, options?: { apostrophe?: boolean }): string;
