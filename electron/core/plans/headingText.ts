/**
 * Heading matching: case-insensitive, whitespace collapsed, a leading section number (`6.`, `2.1`,
 * `§5`) and trailing colon ignored, so `## 6. Session Registry:` matches `Session Registry`.
 */
export function normalizeHeading(text: string): string {
  return text
    .replace(/^#+\s*/, '')
    .replace(/\s+#+\s*$/, '')
    .trim()
    .replace(/^§\s*/, '')
    .replace(/^\d+(?:\.\d+)*\.?\s+/, '')
    .replace(/[:\s]+$/, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Splits a user-supplied `## Title` into depth (default 2) and text. */
export function splitHeadingArg(heading: string): { depth: number; text: string } {
  const match = /^\s*(#{1,6})\s*(.*)$/.exec(heading);
  if (match) return { depth: (match[1] ?? '##').length, text: (match[2] ?? '').trim() };
  return { depth: 2, text: heading.trim() };
}
