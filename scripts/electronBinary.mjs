// Finds the Electron binary, fetching it on first use: .npmrc sets ignore-scripts, so `npm ci`
// never runs electron's download (which fails offline); we try it here instead, once, and say why
// when it cannot be had.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  if (process.env.SWITCHYARD_ELECTRON_PATH && existsSync(process.env.SWITCHYARD_ELECTRON_PATH)) {
    return { path: process.env.SWITCHYARD_ELECTRON_PATH };
  }
  const dir = electronPackageDir();
  if (!dir) return { path: null, reason: 'the electron package is not installed (run npm ci)' };
  const pathFile = join(dir, 'path.txt');
  if (existsSync(pathFile)) {
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    if (existsSync(binary)) return { path: binary };
  }
  return { path: null, reason: 'the Electron binary has not been downloaded' };
}

/** Tries electron's own installer once (it downloads the binary); returns the result of findElectronBinary(). */
export function ensureElectronBinary() {
  const found = findElectronBinary();
  if (found.path) return found;
  const dir = electronPackageDir();
  if (!dir) return found;
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  const after = findElectronBinary();
  if (after.path) return after;
  const said = `${run.stderr ?? ''}${run.stdout ?? ''}`.split('\n').find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|getaddrinfo/i.test(l));
  const reason = `the Electron binary could not be downloaded${said ? ` (${said.trim().slice(0, 160)})` : run.error ? ` (${run.error.message})` : ''}`;
  return { path: null, reason };
}
