import { describe, expect, it } from 'vitest';
import robotsParser from 'robots-parser';
import { robotsTxt } from '@/lib/domain/robots';

const ORIGIN = 'https://wiki.example.org';
// Read by robots-parser, which matches as RFC 9309 and Google do: wildcards, longest rule wins.
const robots = robotsParser(`${ORIGIN}/robots.txt`, robotsTxt(ORIGIN));
const allowed = (path: string) => robots.isAllowed(`${ORIGIN}${path}`, 'Googlebot/2.1');

describe('robots.txt', () => {
  it('lets crawlers read articles, in every namespace and spelling, and the files and sitemaps', () => {
    for (const path of [
      '/wiki/Main_Page',
      '/wiki/AT%26T',
      '/wiki/Citt%C3%A0/Storia',
      '/wiki/Talk:Main_Page',
      '/wiki/User:Jane_Doe',
      '/wiki/Category:Fans?from=M',
      '/wiki/Actionable',
      '/images/a/ab/Logo.png',
      '/sitemap.xml',
      '/sitemap-2.xml',
    ]) {
      expect(allowed(path), path).toBe(true);
    }
  });

  it('keeps them out of actions, old revisions, diffs, special pages and the machine endpoints', () => {
    for (const path of [
      '/wiki/Main_Page?action=edit',
      '/wiki/Main_Page?action=history',
      '/wiki/Main_Page?action=edit&redlink=1',
      '/wiki/Main_Page?oldid=12',
      '/wiki/Main_Page?diff=prev&oldid=12',
      '/wiki/Main_Page?oldid=12&diff=13',
      '/wiki/Main_Page?diff=13',
      '/wiki/Main_Page?uselang=it&action=info',
      '/wiki/Redirect?redirect=no',
      '/wiki/Main_Page?postedit=1',
      '/wiki/Special:Search?search=x',
      '/wiki/Special:RecentChanges',
      '/wiki/Special%3ARecentChanges',
      '/wiki/Special:Log?type=delete&page=Foo',
      '/w/rest.php/v1/page/Main_Page',
      '/w/feeds/recentchanges',
      '/api/auth/signin',
    ]) {
      expect(allowed(path), path).toBe(false);
    }
  });

  it('names the sitemap index by its absolute address', () => {
    expect(robots.getSitemaps()).toEqual([`${ORIGIN}/sitemap.xml`]);
    expect(robotsTxt('http://localhost:3000')).toContain('\nSitemap: http://localhost:3000/sitemap.xml\n');
  });
});
