import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EnvSecretStore } from '../core/linear/linearKeyStore';
import { SafeStorageSecretStore, type AsyncSafeStorage } from './safeStorageSecretStore';
import { SECRET_FILE_MODE, SECRET_FILE_NAME, storageProblemFor, writeSecretFile } from './secretFilePolicy';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Stands in for Electron's safeStorage: "encrypts" by reversing and tagging. */
function fakeSafeStorage(backend: string, available = true): AsyncSafeStorage {
  return {
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (s) => Buffer.from(`enc:${[...s].reverse().join('')}`),
    decryptStringAsync: async (b) => ({ shouldReEncrypt: false, result: [...b.toString().replace(/^enc:/, '')].reverse().join('') }),
    getSelectedStorageBackend: () => backend,
  };
}

describe('the storage policy (pure)', () => {
  it('refuses the plaintext basic_text backend on Linux and says why', () => {
    expect(storageProblemFor({ platform: 'linux', asyncEncryptionAvailable: true, linuxBackend: 'basic_text' })).toMatch(/basic_text.*protects nothing/);
    expect(storageProblemFor({ platform: 'linux', asyncEncryptionAvailable: true, linuxBackend: 'unknown' })).toMatch(/LINEAR_API_KEY/);
    expect(storageProblemFor({ platform: 'linux', asyncEncryptionAvailable: true, linuxBackend: 'gnome_libsecret' })).toBeNull();
    expect(storageProblemFor({ platform: 'linux', asyncEncryptionAvailable: true, linuxBackend: 'kwallet6' })).toBeNull();
    expect(storageProblemFor({ platform: 'darwin', asyncEncryptionAvailable: true, linuxBackend: null })).toBeNull();
    expect(storageProblemFor({ platform: 'win32', asyncEncryptionAvailable: false, linuxBackend: null })).toMatch(/not available/);
  });

  it.skipIf(process.platform === 'win32')('writes the key file with mode 0600 whatever the umask', async () => {
    const file = join(dir, 'sub', SECRET_FILE_NAME);
    const old = process.umask(0o022);
    try {
      await writeSecretFile(file, Buffer.from('x'));
    } finally {
      process.umask(old);
    }
    expect((await stat(file)).mode & 0o777).toBe(SECRET_FILE_MODE);
  });
});

describe('SafeStorageSecretStore (with a stand-in for safeStorage)', () => {
  it('saves the key encrypted, reads it back, removes it; never plaintext on disk', async () => {
    const file = join(dir, SECRET_FILE_NAME);
    const store = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage('gnome_libsecret'), file, platform: 'linux', fallback: new EnvSecretStore({}) });
    expect(await store.get()).toBeNull();
    expect(await store.source()).toBe('none');
    await store.set('lin_api_secret');
    expect((await readFile(file)).toString()).not.toContain('lin_api_secret');
    expect(await store.get()).toBe('lin_api_secret');
    expect(await store.source()).toBe('safe-storage');
    expect(store.describe()).not.toContain('lin_api');
    expect(await store.storageProblem()).toBeNull();
    await store.set(null);
    expect(await store.get()).toBeNull();
    await expect(stat(file)).rejects.toThrow();
  });

  it('on basic_text: writes nothing, keeps a pasted key in memory, falls back to LINEAR_API_KEY', async () => {
    const file = join(dir, SECRET_FILE_NAME);
    const store = new SafeStorageSecretStore({ safeStorage: fakeSafeStorage('basic_text'), file, platform: 'linux', fallback: new EnvSecretStore({ LINEAR_API_KEY: 'lin_api_env' }) });
    expect(await store.get()).toBe('lin_api_env');
    expect(await store.source()).toBe('env');
    expect(await store.storageProblem()).toMatch(/basic_text/);
    await store.set('lin_api_pasted');
    await expect(stat(file)).rejects.toThrow();
    expect(await store.get()).toBe('lin_api_pasted');
    expect(await store.source()).toBe('memory');
  });
});
