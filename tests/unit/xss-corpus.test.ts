// @vitest-environment jsdom
// jsdom's DOMParser is a real HTML5 parser (parse5): the HTML is checked as a browser reads it,
// not as a regular expression would. jsdom runs no scripts, so parsing is safe.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '@/lib/domain/markdown';
import { expandTemplates } from '@/lib/domain/templates/expand';
import type { ParsedTitle } from '@/lib/domain/titles';
import { XSS_PAYLOADS } from '../support/xss-payloads';

/** Elements that run code, load active content, submit data, restyle the page or re-parse as foreign content. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'option',
  'meta',
  'base',
  'link',
  'style',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'track',
  'body',
  'head',
  'html',
]);

/** Attributes holding a URL the browser follows or loads. */
const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'poster', 'background', 'cite', 'data', 'longdesc', 'srcset', 'ping'];
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Global names an element id must not take: named access on window turns an element's id into a
 * global, and Next.js/React read these with "x || default" before defining them.
 */
const CLOBBER_SENSITIVE = ['__next_data__', '__next_f', '_n_e', 'webpackchunk_n_e', '__react_devtools_global_hook__', '__xss'];

function problemsIn(html: string): string[] {
  const document = new DOMParser().parseFromString(`<!doctype html><html><head></head><body>${html}</body></html>`, 'text/html');
  const problems: string[] = [];
  for (const element of document.body.querySelectorAll('*')) {
    const tag = element.localName;
    if (FORBIDDEN_ELEMENTS.has(tag) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`<${tag}> element`);
    for (const { name, value } of Array.from(element.attributes)) {
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${lower} handler on <${tag}>`);
      if (lower === 'style' || lower === 'srcdoc' || lower === 'is') problems.push(`${lower} attribute on <${tag}>`);
      if (URL_ATTRIBUTES.includes(lower) && !urlIsSafe(value)) problems.push(`${lower}="${value}" on <${tag}>`);
      if (lower === 'id' || lower === 'name') {
        if (value.startsWith('_') || CLOBBER_SENSITIVE.includes(value.toLowerCase())) problems.push(`${lower}="${value}" clobbers a global`);
        if (lower === 'name' && tag !== 'a') problems.push(`name on <${tag}> (named access on document)`);
      }
    }
  }
  return problems;
}

/** Relative to the wiki (resolved against a wiki URL) or an http(s)/mailto address, as a browser resolves it. */
function urlIsSafe(value: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(value, 'https://wiki.test/wiki/Some_page').protocol);
  } catch {
    return false; // unparseable: the browser would not follow it either, but nothing we emit should be
  }
}

describe('XSS corpus through the markdown renderer', () => {
  it('has at least 60 payloads covering every family', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(XSS_PAYLOADS.map((p) => p.family)).size).toBeGreaterThanOrEqual(9);
  });

  it.each(XSS_PAYLOADS.map((p) => [`${p.family}: ${p.name}`, p.source] as const))('renders %s inert', (_name, source) => {
    expect(problemsIn(renderMarkdown(source).html)).toEqual([]);
  });

  it('renders the whole corpus as one page inert (payloads cannot combine across blocks)', () => {
    const source = XSS_PAYLOADS.map((p) => p.source).join('\n\n');
    expect(problemsIn(renderMarkdown(source).html)).toEqual([]);
  });

  it('keeps no javascript:, vbscript: or data: scheme anywhere in a URL attribute or the table of contents', () => {
    for (const { source } of XSS_PAYLOADS) {
      const { html, toc } = renderMarkdown(source);
      expect(html).not.toMatch(/(?:href|src)="\s*(?:javascript|vbscript|data):/iu);
      for (const entry of toc) expect(entry.id).not.toMatch(/^_/u);
    }
  });

  it('shows the payloads as text instead of dropping what the author wrote', () => {
    const { html } = renderMarkdown('`<script>window.__xss=1</script>`');
    expect(html).toContain('&#x3C;script>window.__xss=1&#x3C;/script>');
  });

  // The checker itself must catch what it is meant to catch, or a green run proves nothing.
  it.each([
    ['<script>alert(1)</script>', '<script> element'],
    ['<img src="x" onerror="alert(1)">', 'onerror handler on <img>'],
    ['<a href=" JaVa\tscript:alert(1)">x</a>', 'href=" JaVa\tscript:alert(1)" on <a>'],
    ['<a href="data:text/html,x">x</a>', 'href="data:text/html,x" on <a>'],
    ['<p style="color:red">x</p>', 'style attribute on <p>'],
    ['<h2 id="__next_f">x</h2>', 'id="__next_f" clobbers a global'],
    ['<svg></svg>', '<svg> element'],
    ['<math></math>', '<math> element'],
    ['<img name="cookie" src="/a.png">', 'name on <img> (named access on document)'],
  ])('the checker flags %s', (html, problem) => {
    expect(problemsIn(html)).toContain(problem);
  });
});

/**
 * Templates expand before the Markdown is parsed (lib/domain/templates), so every payload also goes
 * through them: as the page itself, as a template's own text, and as every argument of a template
 * that puts it in a link, in an infobox's title, label, value, image and caption.
 */
describe('XSS corpus through templates and portable infoboxes', () => {
  const templates: Record<string, string> = {
    'Template:Url': '[link]({{{url}}}) <{{{url}}}> [[{{{url}}}|x]] {{{1}}}',
    'Template:Box': `<infobox>
      <title source="t"><default>{{{1}}}</default></title>
      <image source="i"><caption source="c"/><alt source="c"/></image>
      <data source="v"><label>{{{l}}}</label></data>
      <group><header>{{{h}}}</header><data source="v"><label>x</label></data></group>
      <navigation>{{{v}}}</navigation>
    </infobox>`,
  };

  async function render(source: string, payload: string): Promise<string> {
    const expansion = await expandTemplates(source, {
      page: { namespace: 0, dbKey: 'Page', displayTitle: 'Page' },
      siteName: 'Wiki',
      loadTemplate: async (title: ParsedTitle) => (title.prefixedText === 'Template:Evil' ? payload : (templates[title.prefixedText] ?? null)),
    });
    return renderMarkdown(expansion.text, { infoboxes: expansion.infoboxes }).html;
  }

  const calls = [
    ['the page itself', (payload: string) => payload],
    ['a template', () => '{{Evil}}'],
    ['a link argument', () => '{{Url|url={{Evil}}|{{Evil}}}}'],
    ['infobox arguments', () => '{{Box|{{Evil}}|t={{Evil}}|i={{Evil}}|c={{Evil}}|v={{Evil}}|l={{Evil}}|h={{Evil}}}}'],
    ['an image argument', () => '{{Box|i=File:{{Evil}}.png|c=x}}'],
  ] as const;

  it.each(XSS_PAYLOADS.map((p) => [`${p.family}: ${p.name}`, p.source] as const))('renders %s inert wherever a template puts it', async (_name, payload) => {
    for (const [, call] of calls) {
      const html = await render(call(payload), payload);
      expect(problemsIn(html)).toEqual([]);
      expect(html).not.toMatch(/(?:href|src)="\s*(?:javascript|vbscript|data):/iu);
      expect(html).not.toContain('\u007f');
    }
  });

  it('lets no attribute of the infobox markup through', async () => {
    const html = await render(
      '<infobox onclick="window.__xss=1" style="color:red" class="x"><title source="a" onmouseover="window.__xss=1"><default>T</default></title></infobox>',
      '',
    );
    expect(html).toBe('<aside class="portable-infobox" aria-labelledby="t"><h2 class="portable-infobox-title" id="t">T</h2></aside>');
  });

  it('renders a forged strip marker as nothing, and the real one as its own infobox only', async () => {
    const html = await render('{{Evil}}\n\n<infobox><data><label>Real</label><default>yes</default></data></infobox>', '\u007fINFOBOX-0\u007f\n\n\u007fINFOBOX-1\u007f');
    expect(html.match(/<aside/gu)).toHaveLength(1);
    expect(html).toContain('<th scope="row">Real</th><td>yes</td>');
  });
});
