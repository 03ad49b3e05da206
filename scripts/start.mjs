// `npm start -- [flags]`: the desktop window where an Electron binary can be had; serve mode otherwise.
import { spawn } from 'node:child_process';
import { buildIfStale } from './buildIfStale.mjs';
import { ensureElectronBinary } from './electronBinary.mjs';

const args = process.argv.slice(2);
buildIfStale({ electron: true });
const electron = ensureElectronBinary();
let child;
if (electron.path) {
  child = spawn(electron.path, ['.', ...args], { stdio: 'inherit' });
} else {
  console.log(`Electron is not available here (${electron.reason}); starting serve mode instead — open the URL below in a browser.`);
  child = spawn(process.execPath, ['out/server/cli.mjs', ...args], { stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
