/**
 * Fandom's portable infoboxes (https://community.fandom.com/wiki/Help:Infoboxes/Tags): the markup
 * between <infobox> and </infobox> is read as XML into a fixed structure (parseInfobox, once per
 * template text), which each call fills from its parameters (resolveInfobox). Nothing of the markup
 * is ever passed through as HTML: only the structure and the texts (Markdown, rendered and
 * sanitized by the renderer, lib/domain/templates/infobox-render.ts) come out.
 *
 * Supported, as Fandom: <title>, <image> (with <alt> and <caption>), <data> (with <label>), <header>,
 * <navigation>, and <group> around them. Each of title, image, alt, caption and data takes its
 * text from the parameter named by `source`, else from <default>; <format> is used instead of the
 * parameter when it is given (it usually contains `{{{source}}}`). Rows whose text is empty are
 * left out; a group with nothing but headers left is left out. Unknown tags and attributes (themes,
 * layouts, panels) are ignored. The XML is read with sax (already the MediaWiki import's parser) in
 * its forgiving mode, so broken markup gives what can be read, never an error.
 */
import sax from 'sax';
import { NS, tryParseTitle } from '@/lib/domain/titles';
import type { InfoboxData, InfoboxGroupItem, InfoboxItem } from '@/lib/domain/templates/types';

/** A text with Fandom's three ways of getting it. */
interface SourcedText {
  source: string | null;
  defaultText: string | null;
  format: string | null;
}

type SpecItem =
  | ({ kind: 'title' } & SourcedText)
  | { kind: 'image'; file: SourcedText; alt: SourcedText | null; caption: SourcedText | null }
  | ({ kind: 'data'; label: string | null } & SourcedText)
  | { kind: 'header'; text: string }
  | { kind: 'navigation'; text: string }
  | { kind: 'group'; items: SpecItem[] };

/** The structure of one <infobox>, independent of any call's parameters. */
export interface InfoboxSpec {
  items: SpecItem[];
}

/** How a call's values are found: parameters by name (expanded, trimmed), other texts expanded in the call's frame. */
export interface InfoboxResolver {
  param(name: string): string;
  expand(text: string): string;
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The markup between the start and the end tag, as written. */
  inner: string;
}

/** Groups inside groups are read this deep; Fandom's own markup never nests further. */
const MAX_GROUP_NESTING = 3;

export function parseInfobox(inner: string): InfoboxSpec {
  const root = readXml(inner);
  return { items: specItems(root, 0) };
}

/** The element tree of `<infobox>inner</infobox>`, built from sax events without recursion. */
function readXml(inner: string): XmlElement {
  const xml = `<infobox>${inner}</infobox>`;
  const parser = sax.parser(false, { lowercase: true, position: true });
  const root: XmlElement = { name: '#root', attributes: {}, children: [], inner: '' };
  const open: { element: XmlElement; contentStart: number; selfClosing: boolean }[] = [{ element: root, contentStart: 0, selfClosing: false }];
  parser.onopentag = (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attributes[name] = typeof value === 'string' ? value : value.value;
    const element: XmlElement = { name: tag.name, attributes, children: [], inner: '' };
    open[open.length - 1]!.element.children.push(element);
    open.push({ element, contentStart: parser.position, selfClosing: tag.isSelfClosing });
  };
  parser.onclosetag = () => {
    const closed = open.pop();
    if (closed === undefined || open.length === 0) return;
    // startTagPosition is 1-based: the "<" of the end tag that closes this element.
    if (!closed.selfClosing) closed.element.inner = xml.slice(closed.contentStart, Math.max(closed.contentStart, parser.startTagPosition - 1));
  };
  parser.onerror = () => {
    // Forgiving mode still reports some errors: skip past them and read on.
    parser.error = null as unknown as Error;
    parser.resume();
  };
  parser.write(xml).close();
  const infobox = root.children.find((element) => element.name === 'infobox');
  return infobox ?? root;
}

function child(element: XmlElement, name: string): XmlElement | null {
  return element.children.find((candidate) => candidate.name === name) ?? null;
}

function sourced(element: XmlElement): SourcedText {
  const source = element.attributes.source?.trim();
  return {
    source: source === undefined || source === '' ? null : source,
    defaultText: child(element, 'default')?.inner ?? null,
    format: child(element, 'format')?.inner ?? null,
  };
}

function specItems(parent: XmlElement, nesting: number): SpecItem[] {
  const items: SpecItem[] = [];
  for (const element of parent.children) {
    switch (element.name) {
      case 'title':
        items.push({ kind: 'title', ...sourced(element) });
        break;
      case 'image': {
        const alt = child(element, 'alt');
        const caption = child(element, 'caption');
        items.push({ kind: 'image', file: sourced(element), alt: alt === null ? null : sourced(alt), caption: caption === null ? null : sourced(caption) });
        break;
      }
      case 'data': {
        const label = child(element, 'label');
        items.push({ kind: 'data', label: label === null ? null : label.inner, ...sourced(element) });
        break;
      }
      case 'header':
        items.push({ kind: 'header', text: element.inner });
        break;
      case 'navigation':
        items.push({ kind: 'navigation', text: element.inner });
        break;
      case 'group':
        if (nesting < MAX_GROUP_NESTING) items.push({ kind: 'group', items: specItems(element, nesting + 1) });
        break;
      default:
        break;
    }
  }
  return items;
}

/** The infobox one call shows: every text resolved, empty rows and groups left out. */
export function resolveInfobox(spec: InfoboxSpec, resolver: InfoboxResolver): InfoboxData {
  return { items: resolveItems(spec.items, resolver, true) as InfoboxItem[] };
}

function textOf(text: SourcedText, resolver: InfoboxResolver): string {
  const given = text.source === null ? '' : resolver.param(text.source);
  if (given !== '') return text.format === null ? given : resolver.expand(text.format);
  return text.defaultText === null ? '' : resolver.expand(text.defaultText);
}

function resolveItems(items: readonly SpecItem[], resolver: InfoboxResolver, topLevel: boolean): (InfoboxItem | InfoboxGroupItem)[] {
  const out: (InfoboxItem | InfoboxGroupItem)[] = [];
  for (const item of items) {
    switch (item.kind) {
      case 'title': {
        const text = textOf(item, resolver);
        if (text !== '') out.push({ kind: 'title', text });
        break;
      }
      case 'image': {
        const file = fileName(textOf(item.file, resolver));
        if (file === null) break;
        const caption = item.caption === null ? '' : textOf(item.caption, resolver);
        out.push({ kind: 'image', file, alt: item.alt === null ? '' : textOf(item.alt, resolver), caption: caption === '' ? null : caption });
        break;
      }
      case 'data': {
        const value = textOf(item, resolver);
        if (value === '') break;
        const label = item.label === null ? '' : resolver.expand(item.label);
        out.push({ kind: 'data', source: item.source ?? '', label: label === '' ? null : label, value });
        break;
      }
      case 'header': {
        const text = resolver.expand(item.text);
        if (text !== '') out.push({ kind: 'header', text });
        break;
      }
      case 'navigation': {
        const value = resolver.expand(item.text);
        if (value !== '') out.push({ kind: 'data', source: '', label: null, value });
        break;
      }
      case 'group': {
        // Nested groups join their parent's rows: the structure has one level of groups.
        const inner = resolveItems(item.items, resolver, false).flatMap((entry) => (entry.kind === 'group' ? entry.items : [entry]));
        if (!inner.some((entry) => entry.kind !== 'header')) break;
        out.push(topLevel ? { kind: 'group', items: inner as InfoboxGroupItem[] } : ({ kind: 'group', items: inner } as InfoboxItem));
        break;
      }
    }
  }
  return out;
}

/**
 * The file a value names, as a File: title's text without the prefix ("Logo.png"), or null.
 * Accepts what editors write: "Logo.png", "File:Logo.png", "Image:Logo.png", "[[File:Logo.png|…]]".
 */
function fileName(value: string): string | null {
  let name = value.trim();
  const link = /^\[\[\s*(?:file|image)\s*:([^|\]]*)/iu.exec(name);
  if (link !== null) name = link[1]!;
  name = name.replace(/^(?:file|image)\s*:/iu, '').trim();
  if (name === '') return null;
  const parsed = tryParseTitle(`File:${name}`);
  return parsed.ok && parsed.title.namespace === NS.FILE ? parsed.title.text : null;
}
