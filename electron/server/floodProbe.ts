import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';
import { SOCKET_PROTOCOL, tokenProtocol } from '../../shared/contract/socketAuth';
import { bootWorkspace } from '../core/app/bootWorkspace';
import { createCore } from '../core/app/createCore';
import { silentLogger } from '../core/app/platformActions';
import { parseCliArgs } from '../core/config/parseCliArgs';
import { EnvSecretStore } from '../core/linear/linearKeyStore';
import { startServeServer } from './serveServer';
import { servePlatform } from './servePlatform';

/**
 * Item 5's measurement: serve mode on the demo workspace in this process, N sockets in a child
 * process sending `app.snapshot` as fast as they can without waiting for answers. Prints the
 * server's peak RSS (process.memoryUsage, sampled every 50 ms on a worker thread). Stops early past LIMIT_MB so a run
 * against unbounded code cannot take the shared machine down with it.
 * Run: `node scripts/serve-flood.mjs [--sockets 4] [--seconds 20] [--no-read]`.
 */
const LIMIT_MB = 1_500;

interface FloodArgs {
  sockets: number;
  seconds: number;
  /** The client never reads its answers (they pile up on the server's side). */
  noRead: boolean;
}

function args(): FloodArgs {
  const argv = process.argv.slice(2);
  const num = (flag: string, fallback: number) => {
    const i = argv.indexOf(flag);
    const value = i >= 0 ? Number(argv[i + 1]) : NaN;
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return { sockets: num('--sockets', 4), seconds: num('--seconds', 20), noRead: argv.includes('--no-read') };
}

/** The child: floods until SIGTERM, then prints what came back. */
function flood(port: number, token: string, sockets: number, noRead: boolean): void {
  let sent = 0;
  let answered = 0;
  let busy = 0;
  let closed = 0;
  for (let i = 0; i < sockets; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, [SOCKET_PROTOCOL, tokenProtocol(token)], {
      // The pre-hardening server read the token from this cookie; the hardened one ignores it.
      headers: { Origin: `http://127.0.0.1:${port}`, Cookie: `switchyard_token=${token}` },
    });
    let id = 0;
    const pump = () => {
      if (ws.readyState !== ws.OPEN) return;
      for (let n = 0; n < 200; n++) ws.send(JSON.stringify({ type: 'call', id: ++id, name: 'app.snapshot', payload: {} }));
      sent += 200;
      // Keep at most ~1 MB queued on this side, so the flood measures the server, not the client.
      if (ws.bufferedAmount > 1024 * 1024) setTimeout(pump, 5);
      else setImmediate(pump);
    };
    ws.on('open', () => {
      if (noRead) (ws as unknown as { _socket: { pause(): void } })._socket.pause();
      pump();
    });
    ws.on('message', (data: Buffer) => {
      answered++;
      if (data.length < 400 && data.includes('"busy"')) busy++;
    });
    ws.on('close', () => closed++);
    ws.on('error', () => undefined);
  }
  process.on('SIGTERM', () => {
    console.log(`flood client: calls sent ${sent}, answers received ${answered} (busy ${busy}), sockets closed by the server ${closed}`);
    process.exit(0);
  });
}

/**
 * Samples RSS on its own thread: a flooded server may starve its main thread's timers, which is
 * the failure being measured. Ends the run (client and this process) when time or memory is up.
 */
const SAMPLER = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const { base, seconds, limitMb, childPid, sockets, snapshotKiB } = workerData;
const started = Date.now();
let peak = base;
const mb = (b) => (b / 1024 / 1024).toFixed(0) + ' MB';
const timer = setInterval(() => {
  const rss = process.memoryUsage().rss;
  if (rss > peak) peak = rss;
  const over = rss > limitMb * 1024 * 1024;
  if (!over && Date.now() - started < seconds * 1000) return;
  clearInterval(timer);
  writeSync(1, 'flood: ' + sockets + ' sockets, ' + ((Date.now() - started) / 1000).toFixed(1) + ' s (stopped: ' + (over ? 'RSS passed ' + limitMb + ' MB' : 'time') + '); snapshot ' + snapshotKiB + ' KiB; server RSS before ' + mb(base) + ', peak ' + mb(peak) + '\\n');
  try { process.kill(childPid, 'SIGTERM'); } catch {}
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 500);
}, 50);
`;

async function serve(): Promise<void> {
  const { sockets, seconds } = args();
  const { config } = await bootWorkspace({ args: parseCliArgs(['--demo']), env: {}, homedir: '/nonexistent', platform: process.platform });
  const core = await createCore({ mode: 'serve', version: 'flood', workspace: config, platform: servePlatform, logger: silentLogger, secretStore: new EnvSecretStore({}) });
  await core.start();
  const server = await startServeServer({ core, staticDir: '/nonexistent', logger: silentLogger });
  const snapshotKiB = Math.round(JSON.stringify(core.store.snapshot()).length / 1024);
  const base = process.memoryUsage().rss;
  const child = fork(fileURLToPath(import.meta.url), ['client', String(server.port), server.token, String(sockets), args().noRead ? 'no-read' : 'read'], { stdio: 'inherit' });
  new Worker(SAMPLER, { eval: true, workerData: { base, seconds, limitMb: LIMIT_MB, childPid: child.pid, sockets, snapshotKiB } });
}

if (process.argv[2] === 'client') flood(Number(process.argv[3]), process.argv[4] ?? '', Number(process.argv[5]), process.argv[6] === 'no-read');
else void serve();
