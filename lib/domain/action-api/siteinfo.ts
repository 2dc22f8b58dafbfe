/**
 * The fixed parts of meta=siteinfo: this wiki's namespaces and aliases in MediaWiki's shape, and
 * the "general" facts a bot framework checks before it trusts a wiki (the version in `generator`,
 * `case`, `legaltitlechars`, the paths). The request-dependent parts (server, counts) are added by
 * lib/server/action-api/query/meta-siteinfo.ts.
 *
 * Pure: no I/O.
 */
import { NAMESPACE_NAMES, NS, type Namespace } from '@/lib/domain/titles';

/**
 * The MediaWiki release whose Action API this one answers like. Frameworks compare it (pywikibot
 * refuses releases it does not support, mwn checks features by version), so it names MediaWiki's
 * version; `wikiengine` names the engine for people.
 */
export const MEDIAWIKI_COMPATIBLE_VERSION = '1.39.0';
export const GENERATOR = `MediaWiki ${MEDIAWIKI_COMPATIBLE_VERSION}`;
export const WIKI_ENGINE = 'Telefono Azzurro Fans Wiki engine (MediaWiki Action API compatible)';

/** MediaWiki's default $wgLegalTitleChars: the characters titles may hold here too (lib/domain/titles.ts). */
export const LEGAL_TITLE_CHARS = ' %!"$&\'()*,\\-.\\/0-9:;=?@A-Z\\\\^_`a-z~\\x80-\\xFF+';

/** Pages here are Markdown (as REST's content_model); the format is Markdown's media type. */
export const CONTENT_MODEL = 'markdown';
export const CONTENT_FORMAT = 'text/markdown';

export interface NamespaceInfo {
  id: number;
  case: 'first-letter';
  name: string;
  subpages: boolean;
  canonical?: string;
  content: boolean;
  nonincludable: boolean;
  namespaceprotection?: string;
}

/** siprop=namespaces: keyed by id in both formats, as MediaWiki. Nothing here has subpages. */
export function namespacesInfo(): Record<string, NamespaceInfo> {
  const out: Record<string, NamespaceInfo> = {};
  const ids = (Object.keys(NAMESPACE_NAMES).map(Number) as Namespace[]).sort((a, b) => a - b);
  for (const id of ids) {
    const name = NAMESPACE_NAMES[id];
    const info: NamespaceInfo = { id, case: 'first-letter', name, subpages: false, content: id === NS.MAIN, nonincludable: false };
    // MediaWiki gives the main namespace no "canonical" member.
    if (id !== NS.MAIN) info.canonical = name;
    out[String(id)] = info;
  }
  return out;
}

/** siprop=namespacealiases: the names titles.ts reads besides the canonical ones. */
export function namespaceAliases(): { id: number; alias: string }[] {
  return [
    { id: NS.FILE, alias: 'Image' },
    { id: NS.FILE_TALK, alias: 'Image talk' },
  ];
}

export interface GeneralInput {
  origin: string;
  siteName: string;
  mainPage: string;
  mainPageUrlPath: string;
  language: string;
  maxUploadSize: number;
  now: Date;
}

/** siprop=general. */
export function generalInfo(input: GeneralInput): Record<string, unknown> {
  const server = new URL(input.origin);
  return {
    mainpage: input.mainPage,
    base: `${input.origin}${input.mainPageUrlPath}`,
    sitename: input.siteName,
    mainpageisdomainroot: false,
    generator: GENERATOR,
    wikiengine: WIKI_ENGINE,
    lang: input.language,
    fallback: [],
    rtl: false,
    readonly: false,
    writeapi: true,
    timezone: 'UTC',
    timeoffset: 0,
    articlepath: '/wiki/$1',
    scriptpath: '/w',
    server: input.origin,
    servername: server.hostname,
    wikiid: 'wiki',
    time: `${input.now.toISOString().slice(0, 19)}Z`,
    uploadsenabled: true,
    maxuploadsize: input.maxUploadSize,
    case: 'first-letter',
    legaltitlechars: LEGAL_TITLE_CHARS,
    categorycollation: 'uppercase',
    externallinktarget: false,
  };
}
