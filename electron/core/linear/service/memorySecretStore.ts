import type { SecretSource, SecretStore } from '../linearKeyStore';

/** A key held in memory only (the demo workspace's key for its local Linear test server). */
export class MemorySecretStore implements SecretStore {
  constructor(
    private value: string | null,
    private readonly description = 'held in memory for this session only',
  ) {}

  async get(): Promise<string | null> {
    return this.value;
  }

  async set(key: string | null): Promise<void> {
    const v = key?.trim();
    this.value = v ? v : null;
  }

  describe(): string {
    return this.description;
  }

  async source(): Promise<SecretSource> {
    return this.value ? 'memory' : 'none';
  }

  async storageProblem(): Promise<string | null> {
    return null;
  }
}
