import { readdir } from 'node:fs/promises';

/**
 * The names at the top of a git dir, from one readdir: lock files and operation markers are both
 * "is this name there", and one directory read is far cheaper than one failed access() per name
 * (each refusal builds an error with a stack; bench scenario 5 spent ~180 ms of main thread on them).
 * An unreadable or missing dir reads as empty: the status read reports that failure.
 */
export async function gitDirEntries(dir: string | null): Promise<ReadonlySet<string>> {
  if (!dir) return new Set();
  try {
    return new Set(await readdir(dir));
  } catch {
    return new Set();
  }
}
