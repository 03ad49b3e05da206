// Builds the renderer, main/preload and serve-mode bundles when a source is newer than the output,
// so `npm start` / `npm run serve` work straight after `npm ci` and stay quick after that.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCE_DIRS = ['electron', 'renderer', 'shared'];
const SOURCE_FILES = ['package.json', 'electron.vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function buildIfStale({ electron = false } = {}) {
  const sources = Math.max(...SOURCE_DIRS.map(newestMtime), ...SOURCE_FILES.map(newestMtime));
  const outputs = ['out/renderer/index.html', 'out/server/cli.mjs', ...(electron ? ['out/main/index.js'] : [])];
  const oldestOutput = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  if (oldestOutput > sources) return;
  console.log('Building Switchyard…');
  for (const [command, args] of [
    [process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--logLevel', 'error']],
    [process.execPath, ['scripts/build-server.mjs']],
  ]) {
    const run = spawnSync(command, args, { stdio: 'inherit' });
    if (run.status !== 0) {
      console.error('switchyard: the build failed (see above).');
      process.exit(run.status ?? 1);
    }
  }
}
