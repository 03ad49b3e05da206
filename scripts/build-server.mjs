// Bundles serve mode (core + server) for plain Node. Dependencies stay in node_modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: { 'server/cli': 'electron/server/cli.ts' },
  outdir: 'out',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  sourcemap: true,
  define: { __SWITCHYARD_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
});
