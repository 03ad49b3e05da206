import { execGit } from './execGit';

export type BlobRead = { kind: 'text'; text: string } | { kind: 'missing' } | { kind: 'too-large'; bytes: number };

/**
 * Reads one blob (`<tree-ish>:<path>`) with `git cat-file`, refusing blobs over `maxBytes` before
 * reading them (size first, then content), so a huge generated file cannot flood memory.
 */
export async function readBlob(cwd: string, treeIsh: string, path: string, maxBytes: number): Promise<BlobRead> {
  const spec = `${treeIsh}:${path}`;
  const size = await execGit(['cat-file', '-s', spec], { cwd });
  if (size.code !== 0) return { kind: 'missing' };
  const bytes = Number(size.stdout.trim());
  if (!Number.isFinite(bytes) || bytes > maxBytes) return { kind: 'too-large', bytes };
  const run = await execGit(['cat-file', 'blob', spec], { cwd, maxBuffer: maxBytes + 1024 });
  return run.code === 0 ? { kind: 'text', text: run.stdout } : { kind: 'missing' };
}
