import { readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/writeFileAtomic';
import { gitCommonDir } from '../git/revParse';

/** Steps of one journaled ref move, in order. */
export const MOVE_STEPS = ['planned', 'backed-up', 'ref-moved', 'checkout-synced'] as const;
export type MoveStep = (typeof MOVE_STEPS)[number];

export const JournalEntrySchema = z.object({
  id: z.string(),
  op: z.enum(['merge', 'undo', 'revert']),
  /** The branch whose ref moves (the base, for a merge). */
  branch: z.string(),
  from: z.string(),
  to: z.string(),
  backupRef: z.string(),
  /** Worktree with `branch` checked out, to bring along after the move. */
  checkout: z.string().nullable(),
  step: z.enum(MOVE_STEPS),
  startedAt: z.string(),
  detail: z.record(z.string(), z.string()),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export async function journalDir(repoDir: string): Promise<string> {
  return join(await gitCommonDir(repoDir), 'switchyard', 'journal');
}

function fileFor(dir: string, branch: string): string {
  return join(dir, `${encodeURIComponent(branch)}.json`);
}

/** Atomic and durable (file and folder flushed): recovery trusts the step it reads back. */
export async function writeJournal(repoDir: string, entry: JournalEntry): Promise<void> {
  await writeFileAtomic(fileFor(await journalDir(repoDir), entry.branch), JSON.stringify(entry, null, 2), { createDir: true });
}

export async function readJournal(repoDir: string, branch: string): Promise<JournalEntry | null> {
  try {
    const raw = await readFile(fileFor(await journalDir(repoDir), branch), 'utf8');
    const parsed = JournalEntrySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function readAllJournals(repoDir: string): Promise<JournalEntry[]> {
  const dir = await journalDir(repoDir);
  let names: string[] = [];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const out: JournalEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const entry = await readJournal(repoDir, decodeURIComponent(name.slice(0, -'.json'.length)));
    if (entry) out.push(entry);
  }
  return out;
}

export async function clearJournal(repoDir: string, branch: string): Promise<void> {
  await unlink(fileFor(await journalDir(repoDir), branch)).catch(() => undefined);
}
