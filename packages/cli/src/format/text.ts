/**
 * Small pure helpers that make untrusted text (message bodies, names from the server) safe and
 * short enough for one table cell.
 */

const namedEscapes: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Replaces C0/C1 control characters with visible escapes (`\n`, `\x1b`), so a cell stays on one
 * line and a message cannot send escape sequences to the terminal.
 */
export function escapeControlCharacters(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (character) => {
    const named = namedEscapes[character];
    if (named !== undefined) return named;
    return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Cuts `text` to at most `lengthMax` characters, marking the cut with an ellipsis. */
export function truncate(text: string, lengthMax: number): string {
  const characters = Array.from(text);
  if (characters.length <= lengthMax) return text;
  return `${characters.slice(0, Math.max(0, lengthMax - 1)).join('')}…`;
}

/** The number of terminal columns `text` takes, counting each code point as one column. */
export function displayWidth(text: string): number {
  return [...text].length;
}
