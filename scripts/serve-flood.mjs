// `node scripts/serve-flood.mjs [--sockets 4] [--seconds 20] [--no-read]`: item 5's memory measurement.
// Bundles electron/server/floodProbe.ts for plain Node (like build-server.mjs) and runs it; it
// prints the serve-mode server's peak RSS while N sockets flood app.snapshot without waiting.
import { spawn } from 'node:child_process';
import { build } from 'esbuild';

await build({
  entryPoints: { 'tools/serve-flood': 'electron/server/floodProbe.ts' },
  outdir: 'out',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  define: { __SWITCHYARD_VERSION__: JSON.stringify('flood') },
  logLevel: 'warning',
});
const child = spawn(process.execPath, ['out/tools/serve-flood.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
