/**
 * The shapes shared by the template expander (expand.ts), portable infoboxes (infobox.ts), the
 * renderer (lib/domain/markdown.ts) and the server code that loads templates and stores what a page
 * transcludes (lib/server/templates). The contract between them is /tmp/coord/21/CONTRACT.md and
 * docs/templates.md. Pure types: no I/O.
 */
import type { ParsedTitle } from '@/lib/domain/titles';

export type { ParsedTitle } from '@/lib/domain/titles';

/** MediaWiki-like ceilings; every expansion stops at them with a visible error instead of running away. */
export interface ExpansionLimits {
  /** Nested transclusions (A includes B includes C…): MediaWiki's $wgMaxTemplateDepth, 40. */
  maxDepth: number;
  /** UTF-8 bytes of expanded text: MediaWiki's post-expand include size, 2 MB. */
  maxExpandedBytes: number;
  /** Template calls, parameters and parser functions evaluated: MediaWiki's $wgMaxPPNodeCount, 1,000,000. */
  maxNodes: number;
}

export const DEFAULT_EXPANSION_LIMITS: Readonly<ExpansionLimits> = {
  maxDepth: 40,
  maxExpandedBytes: 2 * 1024 * 1024,
  maxNodes: 1_000_000,
};

export interface ExpansionContext {
  /** The page being rendered (PAGENAME, FULLPAGENAME, NAMESPACE). */
  page: { namespace: number; dbKey: string; displayTitle: string };
  siteName: string;
  /**
   * A page's current source, null when it does not exist. Called at most once per distinct title
   * in one expansion (the expander caches, including nulls).
   */
  loadTemplate(title: ParsedTitle): Promise<string | null>;
  limits?: Partial<ExpansionLimits>;
}

export interface Expansion {
  /** Markdown with template calls expanded; each infobox as its strip marker line (infoboxMarker). */
  text: string;
  /** Infobox i is referenced by the marker infoboxMarker(i) in `text`. */
  infoboxes: InfoboxData[];
  /** Every page transcluded, directly or indirectly, including missing ones (unique, in order of first use). */
  templates: ParsedTitle[];
  /** The transcluded pages that do not exist (shown as red links to them). */
  missing: ParsedTitle[];
  /** Loops and limits hit (English); each is also shown in `text` where it happened. */
  errors: string[];
}

// ---- Portable infoboxes (Fandom's markup), resolved against a call's parameters ------------------
// Every text below is markdown, rendered inline by the renderer and sanitized like any other text.

/** `<title source="name"><default>…</default></title>`: the infobox's heading. */
export interface InfoboxTitle {
  kind: 'title';
  text: string;
}

/** `<image source="image"><caption source="caption"/></image>`: a File: page, shown as the renderer shows [[File:…]]. */
export interface InfoboxImage {
  kind: 'image';
  /** The file's name as written in the parameter, without "File:" (the renderer resolves it like [[File:…]]). */
  file: string;
  /** The alternative text (`<alt source=…>`), else the caption's plain words, else ''. */
  alt: string;
  caption: string | null;
}

/** `<data source="name"><label>Name</label><default>…</default></data>`: one label/value row. */
export interface InfoboxRow {
  kind: 'data';
  /** The source parameter's name (kept for styling hooks and tests; never markup). */
  source: string;
  label: string | null;
  value: string;
}

/** `<header>Text</header>`: a heading row inside the table. */
export interface InfoboxHeader {
  kind: 'header';
  text: string;
}

export type InfoboxGroupItem = InfoboxTitle | InfoboxImage | InfoboxRow | InfoboxHeader;

/** `<group>…</group>`: rows that belong together; left out when all its rows are empty. */
export interface InfoboxGroup {
  kind: 'group';
  items: InfoboxGroupItem[];
}

export type InfoboxItem = InfoboxGroupItem | InfoboxGroup;

export interface InfoboxData {
  /** In source order, empty rows and groups already left out. */
  items: InfoboxItem[];
}

/** The strip marker standing for infobox `index` in expanded text: a paragraph of its own. */
export function infoboxMarker(index: number): string {
  return `\u007fINFOBOX-${index}\u007f`;
}

/** Matches a whole marker paragraph's text; group 1 is the index. */
export const INFOBOX_MARKER_PATTERN = /^\u007fINFOBOX-(\d{1,6})\u007f$/u;

/** What the renderer takes besides the text (lib/domain/markdown.ts, lib/server/render.ts). */
export interface RenderOptions {
  /** The infoboxes of an Expansion, referenced by its strip markers; markers without one render as nothing. */
  infoboxes?: readonly InfoboxData[];
}
