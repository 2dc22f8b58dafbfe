/**
 * Wikitext tables to GFM tables. GFM cells are one line, without spans or nesting, so a table that
 * uses more is approximated, every cell's words kept in order, and reported:
 * - no header row (`!` cells first) → an empty header, so that no data row is shown as a header;
 * - `!` cells further down → bold text;
 * - colspan → the cell then empty cells; rowspan → empty cells below it (columns stay aligned);
 * - cell content of several lines or blocks → joined with spaces;
 * - the caption → a paragraph before the table; attributes (class, style) are dropped.
 */
import type { AstNodes, Token } from 'wikiparser-node/dist/internal';
import { report, type Context } from '@/lib/domain/wikitext/context';
import { convertNodes } from '@/lib/domain/wikitext/lines';

interface Cell {
  header: boolean;
  text: string;
  rowspan: number;
  colspan: number;
}

export function tableMarkdown(table: Token, context: Context): string {
  const cellContext: Context = { ...context, inCell: true, singleLine: true };
  let caption = '';
  const rows: Cell[][] = [];
  let current: Cell[] | null = null;
  const addCell = (td: AstNodes, row: Cell[]): void => {
    const cell = td as unknown as { subtype: string; rowspan: number; colspan: number; lastChild: Token };
    const text = cellText(cell.lastChild, cellContext, td);
    if (cell.subtype === 'caption') caption = text;
    else row.push({ header: cell.subtype === 'th', text, rowspan: Math.max(1, Math.min(cell.rowspan, 1000)), colspan: Math.max(1, Math.min(cell.colspan, 1000)) });
  };
  for (const child of table.childNodes) {
    if (child.type === 'td') {
      if (current === null) {
        current = [];
        rows.push(current);
      }
      addCell(child, current);
    } else if (child.type === 'tr') {
      current = [];
      rows.push(current);
      for (const cell of child.childNodes) if (cell.type === 'td') addCell(cell, current);
    }
  }
  const grid = spread(
    rows.filter((row) => row.length > 0),
    table,
    context,
  );
  const blocks: string[] = [];
  if (caption !== '') blocks.push(caption);
  if (grid.length > 0) blocks.push(gfm(grid));
  return blocks.join('\n\n');
}

/** A table inside a cell (GFM has no nesting): its cells' text one after another. */
export function flattenedTable(table: Token, context: Context): string {
  const cells: string[] = [];
  const visit = (nodes: readonly AstNodes[]): void => {
    for (const node of nodes) {
      if (node.type === 'td') cells.push(cellText((node as unknown as { lastChild: Token }).lastChild, context, node));
      else if (node.type === 'tr') visit(node.childNodes);
    }
  };
  visit(table.childNodes);
  return cells.filter((cell) => cell !== '').join(' ');
}

function cellText(inner: Token, context: Context, td: AstNodes): string {
  const markdown = convertNodes(inner.childNodes, context).trim();
  if (!markdown.includes('\n')) return markdown;
  report(context, td, 'table: multi-line cell', 'a GFM cell is one line: its lines were joined with spaces');
  return markdown.replace(/\s*\n\s*/gu, ' ');
}

/** Lays the cells on a grid, filling spanned places with empty cells. */
function spread(rows: Cell[][], table: AstNodes, context: Context): { header: boolean; text: string }[][] {
  const below = new Map<number, number>();
  const grid: { header: boolean; text: string }[][] = [];
  let reported = false;
  for (const row of rows) {
    const out: { header: boolean; text: string }[] = [];
    const fillSpanned = (): void => {
      while ((below.get(out.length) ?? 0) > 0) {
        below.set(out.length, (below.get(out.length) ?? 1) - 1);
        out.push({ header: false, text: '' });
      }
    };
    for (const cell of row) {
      fillSpanned();
      if ((cell.rowspan > 1 || cell.colspan > 1) && !reported) {
        report(context, table, 'table: rowspan/colspan', 'spanned places became empty cells');
        reported = true;
      }
      for (let span = 0; span < cell.colspan; span += 1) {
        if (cell.rowspan > 1) below.set(out.length, cell.rowspan - 1);
        out.push({ header: cell.header, text: span === 0 ? cell.text : '' });
      }
    }
    fillSpanned();
    grid.push(out);
  }
  return grid;
}

function gfm(grid: { header: boolean; text: string }[][]): string {
  const width = Math.max(...grid.map((row) => row.length));
  const first = grid[0] ?? [];
  const hasHeader = first.length > 0 && first.every((cell) => cell.header);
  const body = hasHeader ? grid.slice(1) : grid;
  const line = (cells: string[]): string => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const header = hasHeader ? first.map((cell) => cell.text) : [];
  const lines = [line(header), line(Array.from({ length: width }, () => '---')).replace(/\| ---/gu, '| ---')];
  for (const row of body) lines.push(line(row.map((cell) => (cell.header && cell.text !== '' ? `**${cell.text}**` : cell.text))));
  return lines.join('\n').replace(/ {2,}\|/gu, ' |');
}
