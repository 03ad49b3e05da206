import { access } from 'node:fs/promises';

/** True when something (file, folder, link target) is at `path` now; any error reads as "no". */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
