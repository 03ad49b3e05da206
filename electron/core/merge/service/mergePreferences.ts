import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { MergeStrategySchema, type MergeStrategy } from '../../../../shared/domain/merge';
import { writeFileAtomic } from '../../fs/writeFileAtomic';

/** What the person chose for one queue, so a restart does not silently change how branches merge. */
export interface QueuePreference {
  strategy: MergeStrategy;
  /** The person's order, valid only while the plan still declares `declaredOrder`. */
  manualOrder: string[] | null;
  declaredOrder: string[];
}

export interface MergePreferences {
  get(queueId: string): QueuePreference | null;
  set(queueId: string, preference: QueuePreference): void;
}

const FileShape = z.record(
  z.string(),
  z.object({ strategy: MergeStrategySchema, manualOrder: z.array(z.string()).nullable(), declaredOrder: z.array(z.string()) }),
);

/**
 * Preferences in one JSON file in the app's data folder. Reads once; writes are queued so the last
 * choice always lands last. An unreadable or malformed file starts empty (and says so once).
 */
export async function loadMergePreferences(path: string, warn: (message: string) => void = () => undefined): Promise<MergePreferences> {
  let data: Record<string, QueuePreference> = {};
  try {
    const parsed = FileShape.safeParse(JSON.parse(await readFile(path, 'utf8')));
    if (parsed.success) data = parsed.data;
    else warn(`${path} is not in the expected shape; merge strategies start from their defaults`);
  } catch (error) {
    const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
    if (code !== 'ENOENT') warn(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let writing: Promise<void> = Promise.resolve();
  return {
    get: (queueId) => data[queueId] ?? null,
    set: (queueId, preference) => {
      data = { ...data, [queueId]: preference };
      const text = `${JSON.stringify(data, null, 2)}\n`;
      writing = writing.then(() => writeFileAtomic(path, text)).catch((error: unknown) => warn(`cannot save ${path}: ${String(error)}`));
    },
  };
}

/** In memory only: tests and callers without a data folder. */
export function memoryMergePreferences(): MergePreferences {
  const data = new Map<string, QueuePreference>();
  return { get: (id) => data.get(id) ?? null, set: (id, p) => void data.set(id, p) };
}
