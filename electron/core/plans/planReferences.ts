/** Finding and rewriting references to a plan's file name inside other plan files (pure). */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function referencePattern(fileName: string): RegExp {
  // The whole file name: not glued to a longer name (`x-old.md`, `old.md.bak`, `old.mdx`).
  return new RegExp(`(?<![A-Za-z0-9._-])${escapeRegExp(fileName)}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'g');
}

export function countFileNameReferences(text: string, fileName: string): number {
  return [...text.matchAll(referencePattern(fileName))].length;
}

/** Replaces every reference to `oldName` (a base name such as `composed-crunching-raven.md`) with `newName`. */
export function replaceFileNameReferences(text: string, oldName: string, newName: string): string {
  if (oldName === newName || oldName === '') return text;
  return text.replace(referencePattern(oldName), () => newName);
}
