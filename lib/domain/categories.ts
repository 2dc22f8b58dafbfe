/**
 * Category sort keys, as MediaWiki's default "uppercase" collation: the stored key is upper-cased
 * so that "apple" and "Banana" sort alphabetically whatever the database collation, and the
 * member list is grouped under the key's first letter.
 */
const MAX_SORT_KEY_CHARACTERS = 255;

export function categorySortKey(key: string): string {
  return [...key.toUpperCase()].slice(0, MAX_SORT_KEY_CHARACTERS).join('');
}

/** The heading a member is listed under: the first character of its sort key. */
export function categoryGroupLetter(sortKey: string): string {
  const first = [...sortKey][0];
  return first === undefined ? '' : first;
}

export interface CategoryMember {
  namespace: number;
  dbKey: string;
  prefixedText: string;
  sortKey: string;
}

/** Groups members (already ordered by sort key) under their first letter, keeping the order. */
export function groupCategoryMembers<T extends { sortKey: string }>(members: T[]): { letter: string; members: T[] }[] {
  const groups: { letter: string; members: T[] }[] = [];
  for (const member of members) {
    const letter = categoryGroupLetter(member.sortKey);
    const last = groups[groups.length - 1];
    if (last && last.letter === letter) last.members.push(member);
    else groups.push({ letter, members: [member] });
  }
  return groups;
}
