/**
 * The XSS corpus: markdown sources an attacker could save, grouped by family (the list).
 * Payloads that would run set `window.__xss` or call alert(), or fetch from the canary host, so a
 * browser test can notice them; tests/unit/xss-corpus.test.ts checks the rendered HTML statically,
 * tests/e2e/xss.test.ts renders them in Chromium.
 */

/** Any request to this host means a payload got the browser to load something. */
export const CANARY_HOST = 'canary.invalid';
const C = `https://${CANARY_HOST}`;

export interface XssPayload {
  family: string;
  name: string;
  source: string;
}

const families: Record<string, Record<string, string>> = {
  'raw HTML and event handlers': {
    'script tag': '<script>window.__xss=1;alert(1)</script>',
    'img onerror': '<img src=x onerror="window.__xss=1">',
    'svg onload inline': 'Text <svg onload=window.__xss=1> more',
    'body onload': '<body onload="window.__xss=1">',
    'details ontoggle': '<details open ontoggle="window.__xss=1"><summary>x</summary></details>',
    'unclosed attribute': '<a href="x" onmouseover="window.__xss=1" title="',
    'nested script split': '<scr<script>ipt>window.__xss=1</scr</script>ipt>',
    'html comment breakout': '<!--><img src=x onerror=window.__xss=1>-->',
    'inline in emphasis': '*<img src=x onerror=window.__xss=1>*',
    'textarea breakout': '</textarea><script>window.__xss=1</script>',
    'title breakout': '</title><script>window.__xss=1</script>',
    'noscript mutation': '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  },
  'dangerous URL schemes': {
    'javascript link': '[click](javascript:window.__xss=1)',
    'mixed case': '[click](JaVaScRiPt:alert(1))',
    'entity-encoded colon': '[click](javascript&colon;alert(1))',
    'numeric entities': '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
    'hex entities': '[click](&#x6A;avascript&#x3A;alert(1))',
    'tab inside scheme': '[click](java\tscript:alert(1))',
    'newline entity inside scheme': '[click](java&#10;script:alert(1))',
    'leading spaces in angle brackets': '[click](<  javascript:alert(1)>)',
    'percent-encoded scheme': '[click](%6Aavascript:alert(1))',
    vbscript: '[click](vbscript:msgbox(1))',
    'data html': '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    'reference-style': '[click][evil]\n\n[evil]: javascript:alert(1)',
    'reference-style with title': '[click][evil2]\n\n[evil2]: javascript:alert(1) "t"',
    'autolink angle': '<javascript:alert(1)>',
    'autolink data': '<data:text/html,<script>alert(1)</script>>',
    'gfm bare autolink': 'javascript:alert(1) and www.example.com/javascript:alert(1)',
    'email autolink trick': '<javascript:alert(1)@example.com>',
    'scheme with backslash': '[click](javascript\\:alert(1))',
  },
  'image sources': {
    'javascript image': '![x](javascript:alert(1))',
    'data svg image': '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    'inline image javascript': 'Text ![x](javascript:alert(1)) text',
    // An https picture hosted elsewhere may load (img-src https:); its quotes must not break out.
    'image address with quotes': '![x](https://example.com/img.png"onerror="window.__xss=1)',
    'reference image': '![x][img]\n\n[img]: javascript:alert(1)',
    'vbscript image': '![x](vbscript:msgbox(1))',
  },
  'quote breakouts in titles and alt text': {
    'link title': '[a](https://example.com "x\\" onmouseover=\\"window.__xss=1")',
    'link title with entity quote': '[a](https://example.com "x&quot; onmouseover=&quot;window.__xss=1")',
    'alt text quote': '![x" onerror="window.__xss=1](https://example.com/a.png)',
    'alt text html': '![<img src=x onerror=window.__xss=1>](https://example.com/a.png)',
    'image title': '![a](https://example.com/a.png "\'><script>window.__xss=1</script>")',
    'caption alone': '![" autofocus onfocus="window.__xss=1](nothing)',
  },
  'SVG and MathML': {
    'svg script': '<svg><script>window.__xss=1</script></svg>',
    'svg animate href': '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>',
    'svg use data': '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    'svg foreignObject': '<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>',
    'math href': '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>',
    'math mglyph mutation': '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
    'xlink href': '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  },
  'embedding and document tags': {
    iframe: `<iframe src="${C}/frame"></iframe>`,
    'iframe srcdoc': '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    object: `<object data="${C}/obj"></object>`,
    embed: `<embed src="${C}/embed">`,
    form: `<form action="${C}/steal"><button formaction="javascript:alert(1)">go</button><input name=q></form>`,
    'meta refresh': `<meta http-equiv="refresh" content="0;url=${C}/meta">`,
    base: `<base href="${C}/">`,
    'link stylesheet': `<link rel="stylesheet" href="${C}/style.css">`,
    'link import': `<link rel="import" href="${C}/import">`,
  },
  CSS: {
    'style tag': `<style>body{background:url(${C}/css)}</style>`,
    'style attribute': `<p style="background:url(${C}/attr)">x</p>`,
    'css expression': '<div style="width:expression(alert(1))">x</div>',
    'import rule': `<style>@import '${C}/import.css';</style>`,
  },
  'DOM clobbering': {
    'next data heading': '# __NEXT_DATA__\n\n## __next_f\n\n### _N_E',
    'id attribute': '<a id="__next_f">x</a><form name="__NEXT_DATA__"></form>',
    'name attribute': '<img name="getElementById"><img name="cookie">',
    'heading named like a global': '## document\n\n## location\n\n## alert',
    'footnote id clobbering': 'Text[^__proto__]\n\n[^__proto__]: note',
    'footnote label markup': 'Text[^<img src=x onerror=window.__xss=1>]\n\n[^<img src=x onerror=window.__xss=1>]: note',
  },
  'our own syntax': {
    'wikilink javascript target': '[[javascript:alert(1)]]',
    'wikilink label html': '[[Main Page|<img src=x onerror=window.__xss=1>]]',
    'wikilink label quote': '[[Main Page|" onmouseover="window.__xss=1]]',
    'wikilink fragment quote': '[[Main Page#" onmouseover="window.__xss=1]]',
    'wikilink fragment javascript': '[[#javascript:alert(1)]]',
    'wikilink percent target': '[[%6Aavascript:alert(1)]]',
    'wikilink protocol-relative': `[[//${CANARY_HOST}/x]]`,
    'wikilink special page': '[[Special:UserLogout|log out]]',
    'category payload': '[[Category:<script>window.__xss=1</script>]] [[Category:X" onmouseover="window.__xss=1|sort"key]]',
    'category link label': '[[:Category:Fans|<svg onload=window.__xss=1>]]',
    'heading with markup': '## <img src=x onerror=window.__xss=1> *x* [link](javascript:alert(1))',
    'heading with wikilink': '## [[Main Page|<script>window.__xss=1</script>]]',
    'redirect to payload': '#REDIRECT [[javascript:alert(1)]]',
    'redirect with html': '#REDIRECT [[Main Page#"><script>window.__xss=1</script>]]',
    'signature with markup': '~~~~ <script>window.__xss=1</script>',
    'code span stays text': '`<script>window.__xss=1</script>` and\n\n```html\n<img src=x onerror=window.__xss=1>\n```',
    'table cell html': '| a | b |\n|---|---|\n| <img src=x onerror=window.__xss=1> | [x](javascript:alert(1)) |',
  },
  // File embeds (lib/domain/files/embed-markup.ts): stored markers, resolved into <img> or upload links at view time.
  'file embeds': {
    'file name breakout': '[[File:x"><img src=x onerror=window.__xss=1>.png|thumb|caption]]',
    'caption html': '[[File:A.png|thumb|<img src=x onerror=window.__xss=1> [x](javascript:alert(1))]]',
    'alt quote': '[[File:A.png|thumb|alt=" onerror="window.__xss=1|caption]]',
    'link javascript': '[[File:A.png|thumb|link=javascript:window.__xss=1|caption]]',
    'link external quote': `[[File:A.png|thumb|link=https://${CANARY_HOST}/"onmouseover="window.__xss=1|caption]]`,
    'markdown file quote': '![x" onerror="window.__xss=1](<File:a" onerror="window.__xss=1.png>)',
    'nested embeds': '[[File:A.png|thumb|[[File:B.png|alt=<script>window.__xss=1</script>|[[File:C.png|x]]]]]]',
  },
  // Templates and portable infoboxes (lib/domain/templates): expanded before the Markdown is parsed,
  // so everything here reaches the sanitizer as Markdown. Self-contained: defaults stand in for
  // arguments (tests/unit/xss-corpus.test.ts also passes every payload through template arguments).
  'templates and infoboxes': {
    'parameter default html': '{{{1|<img src=x onerror=window.__xss=1>}}} {{{url|javascript:alert(1)}}}',
    'javascript through a parameter': '[click]({{{url|javascript:window.__xss=1}}}) [[{{{url|javascript:alert(1)}}}]]',
    'parser function branches': '{{#if: x | <script>window.__xss=1</script> | [x](javascript:alert(1)) }}{{#switch: a | a = <svg onload=window.__xss=1> }}',
    'infobox defaults': `<infobox><title source="t"><default><img src=x onerror=window.__xss=1></default></title><data source="d"><label><script>window.__xss=1</script></label><default>[x](javascript:window.__xss=1) <a href="javascript:alert(1)">y</a></default></data><header><style>*{background:url(${C}/h)}</style></header></infobox>`,
    'infobox attribute injection':
      '<infobox onclick="window.__xss=1" style="x"><data source=\'x" onmouseover="window.__xss=1\'><label>L</label><default>v</default></data><data source="a"><label onmouseover="window.__xss=1">L</label><default>v</default></data></infobox>',
    'infobox image breakout':
      '<infobox><image source="i"><default>x" onerror="window.__xss=1.png</default><caption source="c"><default><img src=x onerror=window.__xss=1></default></caption></image><image><default>[[File:A.png|link=javascript:alert(1)]]</default></image></infobox>',
    'infobox raw html passthrough':
      '<infobox><script>window.__xss=1</script><iframe src="javascript:alert(1)"></iframe><data><default><svg onload=window.__xss=1></default></data></infobox>',
    'forged strip marker': '\u007fINFOBOX-0\u007f\n\n<infobox><data><label>a</label><default>b</default></data></infobox>\n\n\u007fINFOBOX-1\u007f',
    'template syntax in code and nowiki': '`{{#if:x|<script>window.__xss=1</script>}}` <nowiki>{{{1|<img src=x onerror=window.__xss=1>}}}</nowiki>',
    'noinclude hiding markup': '<includeonly><script>window.__xss=1</script></includeonly><noinclude><img src=x onerror=window.__xss=1></noinclude>',
  },
};

export const XSS_PAYLOADS: readonly XssPayload[] = Object.entries(families).flatMap(([family, payloads]) =>
  Object.entries(payloads).map(([name, source]) => ({ family, name, source })),
);

/** Payloads a user can type as a one-line value (summary, username, title parts). */
export const ONE_LINE_PAYLOADS: readonly string[] = [
  '<script>window.__xss=1</script>',
  '"><img src=x onerror="window.__xss=1">',
  "'><svg onload=window.__xss=1>",
  '</title><script>window.__xss=1</script>',
  ']]></title><script>window.__xss=1</script>',
  'javascript:alert(1)',
  '[[javascript:alert(1)]] [x](javascript:alert(1))',
  '{{constructor.constructor("window.__xss=1")()}}',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
];
