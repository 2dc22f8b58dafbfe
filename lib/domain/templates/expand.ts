/**
 * Template expansion (docs/templates.md): `{{Name|a|k=v}}`, `{{{1}}}`, parser functions and magic
 * words, evaluated over the trees of scan.ts before the Markdown is parsed. The renderer's sanitizer
 * still has the last word: expansion only ever produces Markdown text (and infobox data).
 *
 * How it runs: templates are loaded first (the page's static calls, then theirs, level by level,
 * each distinct title once, concurrently within a level), then the expansion itself is synchronous.
 * A call whose name is only known while expanding (`{{ {{{type}}} }}`) ends that pass; its template
 * is loaded and the expansion runs again. Only the last pass counts.
 *
 * As MediaWiki:
 * - Arguments are expanded in the caller's frame, lazily and once; named ones are trimmed,
 *   positional ones not; the last of two equal names wins.
 * - A template calling itself through others stops with "Template loop detected: [[Template:A]]",
 *   nesting beyond 40 templates with "Template recursion depth limit exceeded", both shown in the
 *   page where it happened and listed in `errors`.
 * - Expanded template and parameter text, and the expander's own links and errors, count against a
 *   size budget (2 MiB by default: one visible error where it is spent, later calls add nothing);
 *   every node evaluated counts against a node budget (beyond it, expansion stops). Nesting inside one text stops at 100 levels (MediaWiki's
 *   $wgMaxPPExpandDepth), so a 100,000-deep nest of braces cannot exhaust the stack.
 * - A missing template shows as a red link to it; a name that is not a valid title stays as written.
 */
import { isKnownNamespace, makeParsedTitle, type ParsedTitle } from '@/lib/domain/titles';
import { scan, type ArgNode, type PNode, type PPart, type TemplateNode } from '@/lib/domain/templates/scan';
import { magicWord, parserFunction, type LazyArgument } from '@/lib/domain/templates/functions';
import { resolveInfobox } from '@/lib/domain/templates/infobox';
import { MAX_DISTINCT_TEMPLATES, TemplateLibrary, withoutDel } from '@/lib/domain/templates/library';
import { DEFAULT_EXPANSION_LIMITS, infoboxMarker, type Expansion, type ExpansionContext, type ExpansionLimits, type InfoboxData } from '@/lib/domain/templates/types';

/** Anything to expand at all: otherwise the text is returned as it is. */
const TEMPLATE_SYNTAX = /\{\{|<(?:infobox|noinclude|includeonly|onlyinclude)/iu;
const MAX_EXPAND_DEPTH = 100;
const MARKER_IN_TEXT = /\u007fINFOBOX-\d+\u007f/gu;
/**
 * Passes for names only known while expanding: real pages need one or two. Past this, or once the
 * passes together have evaluated more nodes than one expansion may, the next pass is the last and
 * templates still not loaded show as missing (a chain of 40 computed names cannot cost 40 passes).
 */
const MAX_PASSES = 5;

export async function expandTemplates(source: string, context: ExpansionContext): Promise<Expansion> {
  const text = withoutDel(source);
  if (!TEMPLATE_SYNTAX.test(text)) return { text, infoboxes: [], templates: [], missing: [], errors: [] };
  const limits: ExpansionLimits = { ...DEFAULT_EXPANSION_LIMITS, ...context.limits };
  const library = new TemplateLibrary(context);
  const page = scan(text, 'page');
  await library.load(library.staticCalls(page));
  let spent = 0;
  for (let pass = 1; ; pass += 1) {
    const last = pass >= MAX_PASSES || spent > limits.maxNodes;
    const expander = new Expander(context, limits, library, last);
    const out = expander.expandPage(page);
    spent += expander.nodeCount;
    if (expander.unloaded.size === 0 || last) {
      return {
        text: out,
        infoboxes: expander.infoboxes,
        templates: [...expander.used.values()],
        missing: [...expander.missing.values()],
        errors: expander.errors,
      };
    }
    await library.load([...expander.unloaded.values()]);
  }
}

interface Frame {
  parent: Frame | null;
  /** Templates on the way here, by prefixedDbKey (loop detection). */
  ancestors: ReadonlySet<string>;
  depth: number;
  args: Map<string, { nodes: PNode[]; named: boolean }>;
  expanded: Map<string, string>;
}

class Expander {
  readonly used = new Map<string, ParsedTitle>();
  readonly missing = new Map<string, ParsedTitle>();
  readonly unloaded = new Map<string, ParsedTitle>();
  readonly errors: string[] = [];
  readonly infoboxes: InfoboxData[] = [];
  private nodes = 0;

  get nodeCount(): number {
    return this.nodes;
  }
  private bytes = 0;
  private halted = false;

  constructor(
    private readonly context: ExpansionContext,
    private readonly limits: ExpansionLimits,
    private readonly library: TemplateLibrary,
    private readonly last: boolean,
  ) {}

  /** The page's own frame: no arguments; the page itself counts for loops ({{:Foo}} on Foo). */
  expandPage(tree: PNode[]): string {
    const { namespace, dbKey } = this.context.page;
    const ancestors = new Set(isKnownNamespace(namespace) && dbKey !== '' ? [makeParsedTitle(namespace, dbKey).prefixedDbKey] : []);
    return this.expand(tree, { parent: null, ancestors, depth: 0, args: new Map(), expanded: new Map() }, 0);
  }

  /** A visible error where it happened (within the size budget), listed once in `errors`. */
  private error(message: string): string {
    if (!this.errors.includes(message)) this.errors.push(message);
    return this.emit(`**${message}**`);
  }

  /**
   * Text the expander adds of its own (links, errors) counts against the size budget like template
   * output, so 400,000 calls of a missing template cannot turn 2 MB into 6 MB for the renderer.
   */
  private emit(text: string): string {
    if (this.bytes > this.limits.maxExpandedBytes) return '';
    this.bytes += utf8Length(text);
    return text;
  }

  private sizeReported(): boolean {
    return this.errors.some((error) => error.startsWith('Template include size limit exceeded'));
  }

  /** Once the budget is spent: said once, visibly, where it happened; later calls add nothing. */
  private sizeExceeded(link: string): string {
    const message = `Template include size limit exceeded (${this.limits.maxExpandedBytes} bytes): ${link}`;
    if (this.sizeReported()) return '';
    this.errors.push(message);
    return `**${message}**`;
  }

  expand(nodes: readonly PNode[], frame: Frame, depth: number): string {
    if (depth > MAX_EXPAND_DEPTH) return this.error('Expansion depth limit exceeded');
    let out = '';
    for (const node of nodes) {
      if (this.halted) break;
      this.nodes += 1;
      if (this.nodes > this.limits.maxNodes) {
        this.halted = true;
        out += this.error(`Node-count limit exceeded (${this.limits.maxNodes})`);
        break;
      }
      if (typeof node === 'string') out += node;
      else if (node.kind === 'template') out += this.template(node, frame, depth);
      else if (node.kind === 'arg') out += this.argument(node, frame, depth);
      else out += this.infobox(node.inner, frame, depth);
    }
    return out;
  }

  /** Adds expanded text to the size budget; false once it is spent. */
  private account(text: string): boolean {
    this.bytes += utf8Length(text);
    return this.bytes <= this.limits.maxExpandedBytes;
  }

  private whole(part: PPart, frame: Frame, depth: number): string {
    const value = this.expand(part.value, frame, depth);
    return part.name === null ? value : `${this.expand(part.name, frame, depth)}=${value}`;
  }

  /** `{{…}}` written back as it was, its contents expanded: what MediaWiki shows for a name it cannot use. */
  private asWritten(node: TemplateNode, name: string, frame: Frame, depth: number): string {
    return `{{${name}${node.parts.map((part) => `|${this.whole(part, frame, depth)}`).join('')}}}`;
  }

  private template(node: TemplateNode, frame: Frame, depth: number): string {
    const name = this.expand(node.title, frame, depth + 1).trim();
    const magic = magicWord(name, this.context);
    if (magic !== null) return magic;
    if (name.startsWith('#')) {
      const colon = name.indexOf(':');
      const fn = colon < 0 ? null : parserFunction(name.slice(0, colon));
      if (fn === null) return this.asWritten(node, name, frame, depth + 1);
      const args = node.parts.map((part) => this.lazy(part, frame, depth + 1));
      return fn(name.slice(colon + 1), args);
    }
    const title = this.library.titleOf(name);
    if (title === null) return this.asWritten(node, name, frame, depth + 1);
    return this.transclude(title, node.parts, frame, depth);
  }

  private lazy(part: PPart, frame: Frame, depth: number): LazyArgument {
    return {
      whole: () => this.whole(part, frame, depth),
      split: () => (part.name === null ? null : { name: () => this.expand(part.name!, frame, depth), value: () => this.expand(part.value, frame, depth) }),
    };
  }

  private transclude(title: ParsedTitle, parts: PPart[], frame: Frame, depth: number): string {
    const key = title.prefixedDbKey;
    const link = `[[:${title.prefixedText}]]`;
    if (!this.used.has(key)) this.used.set(key, title);
    if (frame.ancestors.has(key)) return this.error(`Template loop detected: ${link}`);
    if (frame.depth >= this.limits.maxDepth) return this.error(`Template recursion depth limit exceeded (${this.limits.maxDepth}): ${link}`);
    if (this.bytes > this.limits.maxExpandedBytes) return this.sizeExceeded(link);
    if (!this.library.has(title)) {
      if (this.library.size + this.unloaded.size >= MAX_DISTINCT_TEMPLATES) return this.error(`Too many different templates on one page: ${link}`);
      if (!this.last) {
        this.unloaded.set(key, title);
        return '';
      }
    }
    const tree = this.library.tree(title);
    if (tree === null) {
      this.missing.set(key, title);
      return this.emit(link);
    }
    const args = new Map<string, { nodes: PNode[]; named: boolean }>();
    let position = 0;
    for (const part of parts) {
      if (part.name === null) {
        position += 1;
        args.set(String(position), { nodes: part.value, named: false });
      } else args.set(this.expand(part.name, frame, depth + 1).trim(), { nodes: part.value, named: true });
    }
    const child: Frame = { parent: frame, ancestors: new Set([...frame.ancestors, key]), depth: frame.depth + 1, args, expanded: new Map() };
    const out = this.expand(tree, child, depth + 1);
    if (this.account(out)) return out;
    // A call inside already said so where it happened: keep what was built up to there.
    return this.sizeReported() ? out : this.sizeExceeded(link);
  }

  /** The value of argument `name` in `frame`, expanded in its caller's frame once; undefined when not given. */
  private value(name: string, frame: Frame, depth: number): string | undefined {
    const cached = frame.expanded.get(name);
    if (cached !== undefined) return cached;
    const arg = frame.args.get(name);
    if (arg === undefined || frame.parent === null) return undefined;
    const raw = this.expand(arg.nodes, frame.parent, depth + 1);
    const value = arg.named ? raw.trim() : raw;
    frame.expanded.set(name, value);
    return value;
  }

  private argument(node: ArgNode, frame: Frame, depth: number): string {
    const name = this.expand(node.name, frame, depth + 1).trim();
    const given = this.value(name, frame, depth);
    const fallback = node.parts[0];
    const out = given ?? (fallback === undefined ? `{{{${name}}}}` : this.whole(fallback, frame, depth + 1));
    return this.account(out) ? out : '';
  }

  /** A portable infobox: resolved against the frame's arguments, left in the text as its strip marker. */
  private infobox(inner: string, frame: Frame, depth: number): string {
    const data = resolveInfobox(this.library.infobox(inner), {
      param: (name) => (this.value(name, frame, depth) ?? '').replace(MARKER_IN_TEXT, '').trim(),
      expand: (text) =>
        this.expand(this.library.fragment(text), frame, depth + 1)
          .replace(MARKER_IN_TEXT, '')
          .trim(),
    });
    if (data.items.length === 0) return '';
    this.infoboxes.push(data);
    return `\n\n${infoboxMarker(this.infoboxes.length - 1)}\n\n`;
  }
}

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
