/**
 * Where the Linear API key lives. The Electron implementation (safeStorage) is in electron/main;
 * serve mode uses `EnvSecretStore`, which never writes the key anywhere.
 */
export interface SecretStore {
  get(): Promise<string | null>;
  set(key: string | null): Promise<void>;
  /** Human-readable description of where the key comes from (never the key itself). */
  describe(): string;
  /** Where the current key comes from, for Settings (absent: inferred as env/none). */
  source?(): Promise<SecretSource>;
  /** Why a key cannot be saved by this store (e.g. Linux `basic_text` backend), or null. */
  storageProblem?(): Promise<string | null>;
}

export type SecretSource = 'none' | 'env' | 'safe-storage' | 'memory';

/**
 * Reads `LINEAR_API_KEY` from the environment. `set` only changes the value for this process (in
 * memory); nothing is written to disk.
 */
export class EnvSecretStore implements SecretStore {
  private override: { value: string | null } | null = null;

  constructor(
    private readonly env: Record<string, string | undefined> = process.env,
    private readonly variable = 'LINEAR_API_KEY',
  ) {}

  async get(): Promise<string | null> {
    if (this.override) return this.override.value;
    const v = this.env[this.variable]?.trim();
    return v ? v : null;
  }

  async set(key: string | null): Promise<void> {
    const v = key?.trim();
    this.override = { value: v ? v : null };
  }

  async source(): Promise<SecretSource> {
    const key = await this.get();
    if (!key) return 'none';
    return this.override ? 'memory' : 'env';
  }

  describe(): string {
    if (this.override) return `set for this session only (not saved); restart uses the ${this.variable} environment variable`;
    return this.env[this.variable]?.trim() ? `${this.variable} environment variable` : `not set (set the ${this.variable} environment variable)`;
  }
}
