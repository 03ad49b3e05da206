import { readFile, unlink } from 'node:fs/promises';
import { writeFileAtomic } from '../core/fs/writeFileAtomic';

/**
 * The pure half of the safeStorage key store (no Electron here, so it is unit-tested): which
 * storage backends may hold the key, and how the encrypted key file is written (0600, atomic).
 */

export const SECRET_FILE_NAME = 'linear-key.bin';
/** The GitHub token, encrypted the same way. */
export const GITHUB_SECRET_FILE_NAME = 'github-token.bin';
export const SECRET_FILE_MODE = 0o600;

export interface StoragePolicyInput {
  platform: NodeJS.Platform;
  asyncEncryptionAvailable: boolean;
  /** `safeStorage.getSelectedStorageBackend()` on Linux; null elsewhere. */
  linuxBackend: string | null;
}

/** Why the key must not be written to disk here, or null when encryption is real. */
export function storageProblemFor(input: StoragePolicyInput): string | null {
  if (input.platform === 'linux') {
    if (input.linuxBackend === 'basic_text') {
      return 'No system keyring was found, so Electron would encrypt the key with a hard-coded password ("basic_text"), which protects nothing. Switchyard will not save the key to disk: unlock or install a keyring (GNOME Keyring, KWallet), or set LINEAR_API_KEY. A key pasted here lasts until Switchyard quits.';
    }
    if (input.linuxBackend === null || input.linuxBackend === 'unknown') {
      return 'Could not tell which keyring Electron would use, so Switchyard will not save the key to disk. Set LINEAR_API_KEY, or a key pasted here lasts until Switchyard quits.';
    }
  }
  if (!input.asyncEncryptionAvailable) {
    return 'Encryption (safeStorage) is not available on this system, so Switchyard will not save the key to disk. Set LINEAR_API_KEY, or a key pasted here lasts until Switchyard quits.';
  }
  return null;
}

/** Atomic write readable only by the owner (mode 0600 whatever the umask). */
export async function writeSecretFile(file: string, data: Buffer): Promise<void> {
  await writeFileAtomic(file, data, { mode: SECRET_FILE_MODE, createDir: true, dirMode: 0o700 });
}

export async function readSecretFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function removeSecretFile(file: string): Promise<void> {
  await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
