/**
 * The pages one expansion reads (expand.ts): each loaded once through the context's loader, its
 * tree built once, template names parsed once. Loading goes level by level: the calls written out
 * in a text, then the calls in those templates, each level's loads running concurrently; at most
 * MAX_DISTINCT_TEMPLATES pages per expansion.
 */
import { NS, tryParseTitle, type ParsedTitle } from '@/lib/domain/titles';
import { scan, type PNode } from '@/lib/domain/templates/scan';
import { isMagicWord } from '@/lib/domain/templates/functions';
import { parseInfobox, type InfoboxSpec } from '@/lib/domain/templates/infobox';
import type { ExpansionContext } from '@/lib/domain/templates/types';

/** Distinct pages one expansion may load: a page of 100,000 different names must not mean 100,000 queries. */
export const MAX_DISTINCT_TEMPLATES = 1_000;

/** DEL is removed from every text before expansion, so nobody can write a strip marker. */
export function withoutDel(text: string): string {
  return text.includes('\u007f') ? text.replaceAll('\u007f', '') : text;
}

/** The pages expansion reads: each loaded once, its tree built once. */
export class TemplateLibrary {
  private readonly sources = new Map<string, string | null>();
  private readonly trees = new Map<string, PNode[]>();
  private readonly infoboxSpecs = new Map<string, InfoboxSpec>();
  private readonly titles = new Map<string, ParsedTitle | null>();
  private readonly fragments = new Map<string, PNode[]>();

  constructor(private readonly context: ExpansionContext) {}

  has(title: ParsedTitle): boolean {
    return this.sources.has(title.prefixedDbKey);
  }

  get size(): number {
    return this.sources.size;
  }

  /** The tree of a loaded page as transcluded, null when it does not exist. */
  tree(title: ParsedTitle): PNode[] | null {
    const key = title.prefixedDbKey;
    const source = this.sources.get(key);
    if (source === undefined || source === null) return null;
    let tree = this.trees.get(key);
    if (tree === undefined) {
      tree = scan(source, 'include');
      this.trees.set(key, tree);
    }
    return tree;
  }

  /** The tree of a piece of template text (an infobox's default, label or format), built once however often it is used. */
  fragment(text: string): PNode[] {
    let tree = this.fragments.get(text);
    if (tree === undefined) {
      tree = scan(withoutDel(text), 'include');
      this.fragments.set(text, tree);
    }
    return tree;
  }

  /** templateTitle, once per distinct name (title parsing is the costly part of a call). */
  titleOf(name: string): ParsedTitle | null {
    let title = this.titles.get(name);
    if (title === undefined) {
      title = templateTitle(name);
      this.titles.set(name, title);
    }
    return title;
  }

  /** The structure of an infobox's markup, read once however often it is used. */
  infobox(inner: string): InfoboxSpec {
    let spec = this.infoboxSpecs.get(inner);
    if (spec === undefined) {
      spec = parseInfobox(inner);
      this.infoboxSpecs.set(inner, spec);
    }
    return spec;
  }

  /** Loads `titles` and, level by level, the templates their text calls by a fixed name. */
  async load(titles: ParsedTitle[]): Promise<void> {
    let level = this.unknown(titles);
    while (level.length > 0) {
      const texts = await Promise.all(level.map((title) => this.context.loadTemplate(title)));
      const next: ParsedTitle[] = [];
      level.forEach((title, index) => {
        const text = texts[index];
        this.sources.set(title.prefixedDbKey, typeof text === 'string' ? withoutDel(text) : null);
        const tree = this.tree(title);
        if (tree !== null) next.push(...this.staticCalls(tree));
      });
      level = this.unknown(next);
    }
  }

  private unknown(titles: ParsedTitle[]): ParsedTitle[] {
    const out = new Map<string, ParsedTitle>();
    for (const title of titles) {
      if (this.sources.size + out.size >= MAX_DISTINCT_TEMPLATES) break;
      if (!this.sources.has(title.prefixedDbKey)) out.set(title.prefixedDbKey, title);
    }
    return [...out.values()];
  }

  /** Titles called with a name written out in `tree` (walked without recursion). */
  staticCalls(tree: PNode[]): ParsedTitle[] {
    const titles: ParsedTitle[] = [];
    const stack: PNode[][] = [tree];
    while (stack.length > 0) {
      for (const node of stack.pop()!) {
        if (typeof node === 'string' || node.kind === 'infobox') continue;
        if (node.kind === 'template' && node.title.every((part) => typeof part === 'string')) {
          const title = this.titleOf((node.title as string[]).join('').trim());
          if (title !== null) titles.push(title);
        }
        stack.push(node.kind === 'template' ? node.title : node.name);
        for (const part of node.parts) {
          if (part.name !== null) stack.push(part.name);
          stack.push(part.value);
        }
      }
    }
    return titles;
  }
}

/** The page `{{name}}` transcludes, or null when the name is not a page (magic word, function, bad title). */
function templateTitle(name: string): ParsedTitle | null {
  if (name === '' || name.startsWith('#') || isMagicWord(name)) return null;
  const parsed = tryParseTitle(name.replace(/^safesubst:/iu, ''), { defaultNamespace: NS.TEMPLATE });
  return parsed.ok && parsed.title.namespace >= 0 ? parsed.title : null;
}
