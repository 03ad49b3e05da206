import { execFile } from 'node:child_process';

/**
 * The token the GitHub CLI holds for a host (`gh auth token --hostname <host>`), or null when gh
 * is not installed or not logged in. Never prompts: GH_PROMPT_DISABLED is set.
 */
export function ghCliToken(host: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token', '--hostname', host], { timeout: 5_000, env: { ...process.env, GH_PROMPT_DISABLED: '1' } }, (error, stdout) => {
      const token = String(stdout ?? '').trim();
      resolve(error || !token ? null : token);
    });
  });
}
