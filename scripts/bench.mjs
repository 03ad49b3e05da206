// `npm run bench -- [--quick] [--only <scenario>[,<scenario>…]] [--runs N] [--idle-seconds N] [--scaling]`
// Bundles bench/*.ts for plain Node with esbuild (like build-server.mjs), makes sure the serve-mode
// bundle and the renderer are built, then runs the suite. Results land in bench/results/.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { buildIfStale } from './buildIfStale.mjs';

buildIfStale();
await build({
  entryPoints: { 'bench/run': 'bench/run.ts', 'bench/poller': 'bench/naive/poller.ts' },
  outdir: 'out',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  define: { __SWITCHYARD_VERSION__: JSON.stringify('bench') },
  logLevel: 'warning',
});
const child = spawn(process.execPath, ['--enable-source-maps', 'out/bench/run.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 1));
