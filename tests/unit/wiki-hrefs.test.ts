import { describe, expect, it } from 'vitest';
import { parseTitle, titleToUrlPath } from '@/lib/domain/titles';
import { logHref, noRedirectHref, redLinkHref, specialPageHref } from '@/lib/domain/wiki-hrefs';

describe('specialPageHref', () => {
  it('names the special page alone', () => {
    expect(specialPageHref('BlockList')).toBe('/wiki/Special:BlockList');
  });

  it('puts a title after the name, encoded as its own path is', () => {
    const title = parseTitle("Talk:Rock & roll's 50?");
    expect(specialPageHref('Undelete', title)).toBe(`/wiki/Special:Undelete/${titleToUrlPath(title).slice('/wiki/'.length)}`);
    expect(specialPageHref('WhatLinksHere', title)).toBe('/wiki/Special:WhatLinksHere/Talk:Rock_%26_roll%27s_50%3F');
  });

  it('writes a user name with underscores for its spaces', () => {
    expect(specialPageHref('Block', 'Jane Doe')).toBe('/wiki/Special:Block/Jane_Doe');
    expect(specialPageHref('UserRights', 'Zoë & Co')).toBe('/wiki/Special:UserRights/Zo%C3%AB_%26_Co');
  });
});

describe('redLinkHref', () => {
  it("opens the missing page's edit form, marked as a red link", () => {
    expect(redLinkHref(parseTitle('Category:New things'))).toBe('/wiki/Category:New_things?action=edit&redlink=1');
  });
});

describe('logHref', () => {
  it('names the kind of action, and the page when there is one', () => {
    expect(logHref('block')).toBe('/wiki/Special:Log?type=block');
    expect(logHref('rights', 'User:Jane Doe & Co')).toBe('/wiki/Special:Log?type=rights&page=User%3AJane%20Doe%20%26%20Co');
  });
});

describe('noRedirectHref', () => {
  it('shows the redirect page itself', () => {
    expect(noRedirectHref(parseTitle('Old name'))).toBe('/wiki/Old_name?redirect=no');
  });
});
