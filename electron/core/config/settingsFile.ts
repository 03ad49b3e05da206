import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { GITHUB_API_URL_RULE, isGithubApiUrl, normalizeGithubApiUrl } from '../../../shared/domain/githubEndpoint';
import { isLinearApiUrl, LINEAR_API_URL, LINEAR_API_URL_RULE } from '../../../shared/domain/linearEndpoint';
import { defaultSettings, Settings, type SettingsPatch } from '../../../shared/domain/settings';
import { writeFileAtomic } from '../fs/writeFileAtomic';

export interface LoadedSettings {
  settings: Settings;
  /** Set when the file existed but could not be used; the bad file is kept aside, never deleted. */
  warning: string | null;
}

export function settingsPath(dataDir: string): string {
  return join(dataDir, 'settings.json');
}

export async function loadSettings(dataDir: string): Promise<LoadedSettings> {
  const file = settingsPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings: defaultSettings(), warning: null };
    return { settings: defaultSettings(), warning: `Could not read ${file}: ${(error as Error).message}. Using defaults.` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const aside = `${file}.broken-${Date.now()}`;
    await rename(file, aside).catch(() => undefined);
    return {
      settings: defaultSettings(),
      warning: `Settings file was not valid JSON (${(error as Error).message}); kept it as ${aside} and started with defaults.`,
    };
  }
  const parsed = Settings.safeParse(json);
  if (parsed.success) return keepGithubTokenHome(keepLinearKeyHome(parsed.data, null));
  // Keep whatever fields are valid instead of throwing all of them away.
  const merged = mergeValidFields(json);
  return keepGithubTokenHome(keepLinearKeyHome(merged, `Some settings were invalid and were reset: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`));
}

/**
 * The same for GitHub: a saved API URL that settings.update would refuse (http, credentials in
 * it) is dropped, back to the remote's host, and so is the token's confirmation for it.
 */
function keepGithubTokenHome(loaded: LoadedSettings): LoadedSettings {
  const { settings, warning } = loaded;
  const url = settings.github.apiUrl;
  if (url === null || isGithubApiUrl(url)) return loaded;
  const reset = `The saved GitHub API URL ${JSON.stringify(url.slice(0, 200))} was dropped (${GITHUB_API_URL_RULE}); requests go to the origin remote's host.`;
  return { settings: { ...settings, github: { apiUrl: null, tokenConfirmedFor: null } }, warning: warning ? `${warning} ${reset}` : reset };
}

/**
 * A saved Linear endpoint off Linear's host (planted before settings.update checked it, or edited
 * in by hand) would receive the key at the next connect: it goes back to Linear's, and says so.
 * A local endpoint is what `--linear-api-url` is for.
 */
function keepLinearKeyHome(settings: Settings, warning: string | null): LoadedSettings {
  if (isLinearApiUrl(settings.linear.apiUrl)) return { settings, warning };
  const reset = `The saved Linear endpoint ${JSON.stringify(settings.linear.apiUrl.slice(0, 200))} is not Linear's (${LINEAR_API_URL_RULE}); using ${LINEAR_API_URL}.`;
  return { settings: { ...settings, linear: { ...settings.linear, apiUrl: LINEAR_API_URL } }, warning: warning ? `${warning} ${reset}` : reset };
}

function mergeValidFields(json: unknown): Settings {
  const result: Record<string, unknown> = { ...defaultSettings() };
  if (json && typeof json === 'object') {
    for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
      const shape = Settings.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
      const field = shape[key];
      if (!field) continue;
      const check = field.safeParse(value);
      if (check.success) result[key] = check.data;
    }
  }
  return Settings.parse(result);
}

export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(settingsPath(dataDir), `${JSON.stringify(settings, null, 2)}\n`);
}

export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const { linear, github, ...rest } = patch;
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) next[key] = value;
  if (linear) next.linear = { ...current.linear, ...Object.fromEntries(Object.entries(linear).filter(([, v]) => v !== undefined)) };
  if (github?.apiUrl !== undefined) {
    const apiUrl = github.apiUrl === null || github.apiUrl.trim() === '' ? null : normalizeGithubApiUrl(github.apiUrl);
    // A new host gets the token only after the person gives or confirms it for that host.
    const same = apiUrl === current.github.apiUrl;
    next.github = { apiUrl, tokenConfirmedFor: same ? current.github.tokenConfirmedFor : null };
  }
  return Settings.parse(next);
}

/** The person gave a token (or confirmed theirs) while `github.apiUrl` is what it is now: it may go there. */
export function confirmGithubToken(current: Settings): Settings {
  return { ...current, github: { ...current.github, tokenConfirmedFor: current.github.apiUrl } };
}

