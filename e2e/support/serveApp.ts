import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface ServedApp {
  /** The URL with the token, as the person would open it. */
  openUrl: string;
  origin: string;
  token: string;
  output: () => string;
  demoRoot: string | null;
  stop(): Promise<void>;
}

/** Starts the built serve mode (`out/server/cli.mjs`) as a user would and waits for its URL. */
export async function serveApp(args: string[] = ['--demo'], env: Record<string, string> = {}): Promise<ServedApp> {
  const child: ChildProcess = spawn(process.execPath, ['out/server/cli.mjs', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  let match: RegExpMatchArray | null = null;
  while (!match) {
    match = output.match(/(http:\/\/127\.0\.0\.1:(\d+)\/)\?token=(\S+)/);
    if (match) break;
    if (child.exitCode !== null) throw new Error(`serve mode exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`serve mode printed no URL in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const demo = output.match(/demo workspace generated in (\S+)/);
  return {
    openUrl: `${match[1]}?token=${match[3]}`,
    origin: (match[1] ?? '').replace(/\/$/, ''),
    token: match[3] ?? '',
    output: () => output,
    demoRoot: demo?.[1] ?? null,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 5_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}
