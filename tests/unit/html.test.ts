import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeHtmlNamed } from '@/lib/domain/html.mjs';

describe('HTML escaping', () => {
  const hostile = `<a href="x">Tom & Jerry's</a>`;

  it("writes numeric references for the wiki pages' HTML, apostrophes left as they are", () => {
    expect(escapeHtml(hostile)).toBe(`&#60;a href=&#34;x&#34;&#62;Tom &#38; Jerry's&#60;/a&#62;`);
  });

  it("writes named references where MediaWiki's clients expect them, apostrophes only when asked", () => {
    expect(escapeHtmlNamed(hostile)).toBe(`&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry's&lt;/a&gt;`);
    expect(escapeHtmlNamed(hostile, { apostrophe: true })).toBe(`&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;`);
  });

  it('escapes an ampersand once, so an entity in the text stays text', () => {
    expect(escapeHtml('&amp;')).toBe('&#38;amp;');
    expect(escapeHtmlNamed('&amp;')).toBe('&amp;amp;');
  });
});
