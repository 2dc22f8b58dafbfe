import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Wraps every table in a box that scrolls sideways on its own, so a wide table never makes a phone
 * scroll the whole page (app/styles: .table-scroll). The box is focusable: keyboard users must be
 * able to reach and scroll it (WCAG 2.1.1; axe's scrollable-region-focusable). Runs after
 * sanitizing: the wrapper is ours, not the author's.
 */
export function wrapTablesForScrolling(tree: Root): void {
  visit(tree, 'element', (element, index, parent) => {
    if (element.tagName !== 'table' || parent === undefined || index === undefined) return;
    const wrapper: Element = { type: 'element', tagName: 'div', properties: { className: ['table-scroll'], tabIndex: 0 }, children: [element] };
    parent.children[index] = wrapper;
    return SKIP;
  });
}
