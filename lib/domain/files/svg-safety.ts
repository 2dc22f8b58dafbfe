/**
 * The SVG rules of docs/files.md (Safety), after MediaWiki's UploadBase::detectScriptInSvg: an SVG
 * that could run script or reach outside itself is refused at upload, so a harmful drawing is
 * never stored. Readers only ever get rasterized thumbnails; this is the first line of defence.
 *
 * Refused: <script>, <handler>, <iframe>, <foreignObject> (it embeds HTML), on* attributes, any
 * href/xlink:href not starting with '#' (save data: URIs of PNG/JPEG/GIF, which embedded bitmaps
 * use), animations that rewrite hrefs or handlers, CSS that imports or loads url()s from outside,
 * elements outside the SVG family of namespaces (MediaWiki's list), processing instructions such
 * as xml-stylesheet, DOCTYPEs other than the standard SVG ones (an internal subset is where entity
 * expansion bombs live) and XML encodings browsers may read differently from the parser.
 *
 * Pure: no I/O.
 */
import sax from 'sax';
import { errorMessage, type ErrorMessage } from '@/lib/domain/error-messages';

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

export type SvgCheck = { ok: true } | { ok: false; problem: ErrorMessage; invalid?: true };

/** Not an SVG at all (well-formed XML whose root is something else). */
export const NOT_SVG = Symbol('not svg');

// MediaWiki's $validNamespaces: editors' metadata namespaces are harmless (never rendered).
const NAMESPACES = new Set([
  '',
  'adobe:ns:meta/',
  'http://creativecommons.org/ns#',
  'http://inkscape.sourceforge.net/dtd/sodipodi-0.dtd',
  'http://ns.adobe.com/adobeillustrator/10.0/',
  'http://ns.adobe.com/adobesvgviewerextensions/3.0/',
  'http://ns.adobe.com/extensibility/1.0/',
  'http://ns.adobe.com/flows/1.0/',
  'http://ns.adobe.com/illustrator/1.0/',
  'http://ns.adobe.com/imagereplacement/1.0/',
  'http://ns.adobe.com/pdf/1.3/',
  'http://ns.adobe.com/photoshop/1.0/',
  'http://ns.adobe.com/saveforweb/1.0/',
  'http://ns.adobe.com/variables/1.0/',
  'http://ns.adobe.com/xap/1.0/',
  'http://ns.adobe.com/xap/1.0/g/',
  'http://ns.adobe.com/xap/1.0/g/img/',
  'http://ns.adobe.com/xap/1.0/mm/',
  'http://ns.adobe.com/xap/1.0/rights/',
  'http://ns.adobe.com/xap/1.0/stype/dimensions#',
  'http://ns.adobe.com/xap/1.0/stype/font#',
  'http://ns.adobe.com/xap/1.0/stype/manifestitem#',
  'http://ns.adobe.com/xap/1.0/stype/resourceevent#',
  'http://ns.adobe.com/xap/1.0/stype/resourceref#',
  'http://ns.adobe.com/xap/1.0/t/pg/',
  'http://purl.org/dc/elements/1.1/',
  'http://purl.org/dc/elements/1.1',
  'http://schemas.microsoft.com/visio/2003/svgextensions/',
  'http://sodipodi.sourceforge.net/dtd/sodipodi-0.dtd',
  'http://taptrix.com/inkpad/svg_extensions',
  'http://web.resource.org/cc/',
  'http://www.freesoftware.fsf.org/bkchem/cdml',
  'http://www.inkscape.org/namespaces/inkscape',
  'http://www.opengis.net/gml',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  SVG_NAMESPACE,
  'http://www.w3.org/tr/rec-rdf-syntax/',
  'http://www.w3.org/2000/01/rdf-schema#',
  'http://www.w3.org/2000/02/svg/testsuite/description/',
]);

const FORBIDDEN_ELEMENTS = new Set(['handler', 'stylesheet', 'iframe', 'foreignobject', 'object', 'embed']);

// MediaWiki's checkSvgExternalDTD list: the W3C's own SVG DTDs, which no browser fetches.
const STANDARD_DTDS = [
  'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd',
  'http://www.w3.org/TR/2001/REC-SVG-20010904/DTD/svg10.dtd',
  'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11-basic.dtd',
  'http://www.w3.org/Graphics/SVG/1.1/DTD/svg11-tiny.dtd',
  'http://www.w3.org/TR/2001/PR-SVG-20010719/DTD/svg10.dtd',
];

// MediaWiki's SAFE_XML_ENCODINGS: read the same way by browsers and parsers (T49304).
const SAFE_ENCODINGS = new Set(['UTF-8', 'US-ASCII', 'ASCII', 'ISO-8859-1', 'ISO-8859-2', 'UTF-16', 'UTF-32', 'UTF-16LE', 'UTF-16BE']);

/** Attributes whose values are CSS (presentation attributes that take url()). */
const CSS_ATTRIBUTES = new Set(['style', 'font', 'clip-path', 'fill', 'filter', 'marker', 'marker-end', 'marker-mid', 'marker-start', 'mask', 'stroke', 'cursor']);

/** Embedded bitmaps as data: URIs are fine; data: SVG/HTML/XML could carry script. */
const SAFE_DATA_URI = /^data:\s*image\/(?:gif|jpeg|jpg|png)[;,]/i;

/** MediaWiki's checkCssFragment: @import, url()/image() not pointing into the document, old IE expressions. */
export function cssLoadsOutside(css: string): string | null {
  // CSS escapes (\75 rl) would hide url( from the scan; no drawing needs them.
  if (/\\/.test(css)) return css;
  const lower = css.toLowerCase();
  if (lower.includes('@import')) return '@import';
  if (/expression|-o-link\s*:|-o-link-source\s*:|-o-replace\s*:|behavior\s*:|-moz-binding/.test(lower)) return css;
  for (const match of lower.matchAll(/(?:url|image|image-set)\s*\(\s*(['"]?)\s*([^)]*)/g)) {
    const target = match[2]!.trim();
    if (!target.startsWith('#') && !SAFE_DATA_URI.test(target)) return `url(${target})`;
  }
  // Control characters: parsers and browsers disagree on them.
  for (const char of css) {
    const code = char.charCodeAt(0);
    if (code <= 0x08 || code === 0x0b || (code >= 0x0e && code <= 0x1f) || code === 0x7f) return css;
  }
  return null;
}

function clip(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}…` : flat;
}

function unsafe(what: ErrorMessage): SvgCheck {
  return { ok: false, problem: errorMessage('fileCheck.svgUnsafe', { what }) };
}

class Stop extends Error {
  constructor(readonly result: SvgCheck | typeof NOT_SVG) {
    super('stop');
  }
}

/** The checks on one element: its name and namespace, then each attribute. */
function checkElement(tag: sax.QualifiedTag): SvgCheck | null {
  const uri = tag.uri.toLowerCase();
  // Inkscape mangles Illustrator's namespace declarations into entity-like text (MediaWiki T144827).
  if (!NAMESPACES.has(uri) && !/^&(#38;)*ns_[a-z_]+;$/.test(uri)) {
    return unsafe(errorMessage('fileCheck.svgPart.namespace', { value: clip(tag.uri) }));
  }
  const element = tag.local.toLowerCase();
  if (element === 'script') return unsafe(errorMessage('fileCheck.svgPart.script'));
  if (FORBIDDEN_ELEMENTS.has(element)) return unsafe(errorMessage('fileCheck.svgPart.element', { name: tag.local }));
  for (const attribute of Object.values(tag.attributes)) {
    const name = attribute.local.toLowerCase();
    const value = attribute.value.trim();
    const lower = value.toLowerCase();
    if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue;
    if (name.startsWith('on')) return unsafe(errorMessage('fileCheck.svgPart.eventHandler', { name: attribute.name }));
    if ((name === 'href' || name === 'src') && value !== '' && !value.startsWith('#') && !SAFE_DATA_URI.test(value)) {
      return unsafe(errorMessage('fileCheck.svgPart.externalReference', { value: clip(value) }));
    }
    if (name === 'attributename' && (element === 'animate' || element === 'set' || element === 'animatetransform' || element === 'animatemotion')) {
      const target = lower.replace(/^.*:/, '');
      if (target === 'href' || target.startsWith('on')) return unsafe(errorMessage('fileCheck.svgPart.animatedReference'));
    }
    if ((name === 'to' || name === 'from' || name === 'values' || name === 'by') && /(?:https?|data|javascript|script):/i.test(value)) {
      return unsafe(errorMessage('fileCheck.svgPart.externalReference', { value: clip(value) }));
    }
    if (name === 'handler') return unsafe(errorMessage('fileCheck.svgPart.eventHandler', { name: attribute.name }));
    if (CSS_ATTRIBUTES.has(name)) {
      const found = cssLoadsOutside(value);
      if (found !== null) return unsafe(errorMessage('fileCheck.svgPart.style', { value: clip(found) }));
    }
  }
  return null;
}

/** The DOCTYPE as sax gives it (`svg PUBLIC "…" "…"`): only the standard ones, without an internal subset. */
function doctypeIsStandard(doctype: string): boolean {
  const match = /^\s*svg\s+PUBLIC\s+(["'])(-\/\/W3C\/\/[^"']*)\1\s+(["'])([^"']*)\3\s*$/.exec(doctype);
  return match !== null && STANDARD_DTDS.includes(match[4]!);
}

/**
 * Checks a drawing's text. Returns NOT_SVG for well-formed XML whose root is not <svg> in the SVG
 * namespace (the caller then treats the file as of unknown type).
 */
export function checkSvg(text: string): SvgCheck | typeof NOT_SVG {
  // No position tracking: messages name the problem, not the line, and tracking costs a third of the time.
  const parser = sax.parser(true, { xmlns: true, position: false });
  let depth = 0;
  let sawRoot = false;
  let style: string[] | null = null;
  const stop = (result: SvgCheck | typeof NOT_SVG): never => {
    throw new Stop(result);
  };

  parser.onerror = (error) => stop({ ok: false, invalid: true, problem: errorMessage('fileCheck.svgInvalid', { detail: clip(error.message.split('\n')[0] ?? '') }) });
  // What comes before the root is judged once the root shows the file is an SVG at all (an HTML
  // page's <!DOCTYPE html> is a disguised page, not an unsafe drawing).
  let prologProblem: SvgCheck | null = null;
  const prolog = (problem: SvgCheck) => {
    if (!sawRoot) prologProblem ??= problem;
    else stop(problem);
  };
  parser.ondoctype = (doctype) => {
    if (!doctypeIsStandard(doctype)) prolog(unsafe(errorMessage('fileCheck.svgPart.doctype')));
  };
  parser.onsgmldeclaration = () => prolog(unsafe(errorMessage('fileCheck.svgPart.doctype')));
  parser.onprocessinginstruction = ({ name, body }) => {
    if (name.toLowerCase() !== 'xml') prolog(unsafe(errorMessage('fileCheck.svgPart.processingInstruction', { name })));
    const encoding = /encoding\s*=\s*["']([^"']*)["']/i.exec(body)?.[1];
    if (encoding !== undefined && !SAFE_ENCODINGS.has(encoding.toUpperCase())) {
      prolog(unsafe(errorMessage('fileCheck.svgPart.encoding', { value: clip(encoding) })));
    }
  };
  parser.onopentag = (node) => {
    const tag = node as sax.QualifiedTag;
    if (depth === 0) {
      if (tag.local !== 'svg' || (tag.uri !== SVG_NAMESPACE && tag.uri !== '')) stop(NOT_SVG);
      sawRoot = true;
      if (prologProblem !== null) stop(prologProblem);
    }
    depth += 1;
    const problem = checkElement(tag);
    if (problem !== null) stop(problem);
    if (tag.local.toLowerCase() === 'style') style = [];
  };
  const collect = (text: string) => {
    if (style !== null) style.push(text);
  };
  parser.ontext = collect;
  parser.oncdata = collect;
  parser.onclosetag = () => {
    depth -= 1;
    if (style !== null) {
      const found = cssLoadsOutside(style.join(''));
      style = null;
      if (found !== null) stop(unsafe(errorMessage('fileCheck.svgPart.style', { value: clip(found) })));
    }
  };

  try {
    parser.write(text).close();
  } catch (error) {
    if (error instanceof Stop) return error.result;
    throw error;
  }
  if (!sawRoot) return NOT_SVG;
  return { ok: true };
}
