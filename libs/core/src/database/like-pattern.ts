/** A LIKE pattern (with `ESCAPE '\'`) that matches `text` anywhere, the wildcards of the text itself escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * LIKE where it matches exactly the rows ILIKE would, else ILIKE: a text without letters that have a case
 * (Chinese, digits, punctuation) can only match itself, and LIKE compares it as it is where ILIKE lower-cases
 * every row it reads first.
 */
export function likeOperator(text: string): 'LIKE' | 'ILIKE' {
  return text.toLowerCase() === text && text.toUpperCase() === text ? 'LIKE' : 'ILIKE';
}
