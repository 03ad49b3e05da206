import type { SecretSource, SecretStore } from '../core/linear/linearKeyStore';
import { readSecretFile, removeSecretFile, storageProblemFor, writeSecretFile } from './secretFilePolicy';

/**
 * The Linear key encrypted with Electron's async safeStorage API into a 0600 file in the app's data
 * folder. Refuses Linux's plaintext `basic_text` backend (and says why); then, and whenever no key was
 * saved, falls back to `LINEAR_API_KEY` (the fallback store). The key stays in main: only
 * `describe()` / `source()` / `storageProblem()` ever reach the renderer, never the key.
 */

/** The part of Electron's `safeStorage` used here (structural, so tests can pass a fake). */
export interface AsyncSafeStorage {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
  getSelectedStorageBackend(): string;
}

export interface SafeStorageSecretStoreOptions {
  safeStorage: AsyncSafeStorage;
  /** `<userData>/linear-key.bin` */
  file: string;
  platform: NodeJS.Platform;
  /** Where the key comes from when none is saved or saving is refused (EnvSecretStore). */
  fallback: SecretStore;
  onError?: (message: string, error: unknown) => void;
}

export class SafeStorageSecretStore implements SecretStore {
  private problem: Promise<string | null> | null = null;
  private lastSource: SecretSource = 'none';
  private lastProblem: string | null = null;

  constructor(private readonly options: SafeStorageSecretStoreOptions) {}

  storageProblem(): Promise<string | null> {
    this.problem ??= (async () => {
      const { safeStorage, platform } = this.options;
      const asyncEncryptionAvailable = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
      const linuxBackend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
      this.lastProblem = storageProblemFor({ platform, asyncEncryptionAvailable, linuxBackend });
      return this.lastProblem;
    })();
    return this.problem;
  }

  async get(): Promise<string | null> {
    const saved = (await this.storageProblem()) ? null : await this.readSaved();
    if (saved) {
      this.lastSource = 'safe-storage';
      return saved;
    }
    const fallback = await this.options.fallback.get();
    this.lastSource = fallback ? ((await this.options.fallback.source?.()) ?? 'env') : 'none';
    return fallback;
  }

  async set(key: string | null): Promise<void> {
    const value = key?.trim() || null;
    if (await this.storageProblem()) {
      // Not written anywhere: kept in memory until quit (the Settings view shows the problem).
      await this.options.fallback.set(value);
      return;
    }
    if (value === null) {
      await removeSecretFile(this.options.file);
      await this.options.fallback.set(null);
      return;
    }
    const encrypted = await this.options.safeStorage.encryptStringAsync(value);
    await writeSecretFile(this.options.file, encrypted);
  }

  async source(): Promise<SecretSource> {
    await this.get();
    return this.lastSource;
  }

  describe(): string {
    if (this.lastSource === 'safe-storage') return 'saved encrypted with the system keyring (safeStorage) in the app data folder';
    if (this.lastProblem) return `not saved to disk: ${this.lastProblem}`;
    return this.options.fallback.describe();
  }

  private async readSaved(): Promise<string | null> {
    try {
      const data = await readSecretFile(this.options.file);
      if (!data) return null;
      const { result, shouldReEncrypt } = await this.options.safeStorage.decryptStringAsync(data);
      if (shouldReEncrypt) await writeSecretFile(this.options.file, await this.options.safeStorage.encryptStringAsync(result));
      return result || null;
    } catch (error) {
      this.options.onError?.('could not decrypt the saved Linear key; paste it again in Settings', error);
      return null;
    }
  }
}
