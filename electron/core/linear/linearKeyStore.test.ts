import { describe, expect, it } from 'vitest';
import { EnvSecretStore } from './linearKeyStore';

describe('EnvSecretStore', () => {
  it('reads LINEAR_API_KEY from the environment only', async () => {
    expect(await new EnvSecretStore({ LINEAR_API_KEY: ' lin_api_x ' }).get()).toBe('lin_api_x');
    expect(await new EnvSecretStore({}).get()).toBeNull();
    expect(new EnvSecretStore({}).describe()).toMatch(/not set/);
  });
  it('set() only lasts for the process and never reveals the key', async () => {
    const env: Record<string, string | undefined> = { LINEAR_API_KEY: 'lin_api_env' };
    const store = new EnvSecretStore(env);
    await store.set('lin_api_other');
    expect(await store.get()).toBe('lin_api_other');
    expect(env.LINEAR_API_KEY).toBe('lin_api_env');
    expect(store.describe()).not.toContain('lin_api');
    await store.set(null);
    expect(await store.get()).toBeNull();
  });
});
