import { displayWidth, escapeControlCharacters } from './text.js';

export interface Column {
  title: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
}

/** Spaces between columns. */
const gutter = '  ';

/**
 * Renders rows under upper-case titles, each column as wide as its widest cell, separated by
 * two spaces, with no trailing spaces. Cells are escaped so every row stays on one line.
 */
export function formatTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const cells = [
    columns.map((column) => column.title.toUpperCase()),
    ...rows.map((row) =>
      columns.map((_column, index) => escapeControlCharacters(row[index] ?? '')),
    ),
  ];
  const widths = columns.map((_column, index) =>
    Math.max(...cells.map((line) => displayWidth(line[index] ?? ''))),
  );
  return cells
    .map((line) =>
      line
        .map((cell, index) => pad(cell, widths[index] ?? 0, columns[index]?.align ?? 'left'))
        .join(gutter)
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/**
 * Renders `key: value` lines with the values aligned and escaped to one line each.
 */
export function formatKeyValues(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...pairs.map(([key]) => displayWidth(key) + 1));
  return pairs
    .map(([key, value]) => `${pad(`${key}:`, width, 'left')} ${escapeControlCharacters(value)}`)
    .map((line) => `${line.trimEnd()}\n`)
    .join('');
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const padding = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? padding + text : text + padding;
}
