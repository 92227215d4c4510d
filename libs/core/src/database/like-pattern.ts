/** A LIKE pattern (with `ESCAPE '\'`) that matches `text` anywhere, the wildcards of the text itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
