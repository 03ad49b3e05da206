// The e2e tests drive Debian's Chromium (Playwright never downloads a browser here). On a fresh
// Debian machine as root, install it; anywhere else, say exactly what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
if (!candidates.some((p) => existsSync(p))) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Installing Chromium for the e2e tests (apt-get install chromium)…');
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
      const run = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
      if (run.status !== 0) process.exit(run.status ?? 1);
    }
  } else {
    console.error('The e2e tests need Chromium at /usr/bin/chromium: run `sudo apt-get install -y chromium` (Debian/Ubuntu) and try again.');
    process.exit(1);
  }
}
