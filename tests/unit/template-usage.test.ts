import { describe, expect, it } from 'vitest';
import { documentationTitleOf, documentedTemplateOf } from '@/lib/domain/template-usage';
import { pageCacheDependents } from '@/lib/domain/page-cache';
import { parseTitle } from '@/lib/domain/titles';

describe('a template and its /doc subpage', () => {
  it('pair up both ways, and only in the Template namespace', () => {
    expect(documentationTitleOf(parseTitle('Template:See also'))?.prefixedText).toBe('Template:See also/doc');
    expect(documentedTemplateOf(parseTitle('Template:See also/doc'))?.prefixedText).toBe('Template:See also');
    expect(documentedTemplateOf(parseTitle('Template:See also'))).toBeNull();
    expect(documentedTemplateOf(parseTitle('Help/doc'))).toBeNull();
    expect(documentationTitleOf(parseTitle('Template:See also/doc'))).toBeNull();
  });

  it('a change of the documentation makes the cached template page stale (it is shown there), not a protection change', () => {
    const stale = (kind: Parameters<typeof pageCacheDependents>[0][number]['kind']) =>
      pageCacheDependents([{ kind, title: parseTitle('Template:Infobox/doc') }]).titles.map((title) => title.prefixedText);
    expect(stale('revision')).toContain('Template:Infobox');
    expect(stale('existence')).toContain('Template:Infobox');
    expect(stale('rendering')).toContain('Template:Infobox');
    expect(stale('protection')).toEqual(['Template:Infobox/doc']);
    expect(pageCacheDependents([{ kind: 'revision', title: parseTitle('Template:Infobox') }]).titles.map((title) => title.prefixedText)).not.toContain('Template:Infobox/doc');
  });
});
