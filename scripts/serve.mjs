// `npm run serve -- [--demo] [--port N] [--claude-home DIR]`: serve mode on 127.0.0.1.
import { spawn } from 'node:child_process';
import { buildIfStale } from './buildIfStale.mjs';

buildIfStale();
const child = spawn(process.execPath, ['out/server/cli.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
