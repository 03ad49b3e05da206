import { mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempRepo';
import { createClaudeSource } from './createClaudeSource';

/** `claude agents --json` through the stand-in CLI: one more source, never waited for. */
const FAKE_CLAUDE_DIR = resolve('e2e/support/fake-claude');
let home: string;
beforeEach(async () => {
  home = await makeTempDir('switchyard-agents-cli-');
  await mkdir(join(home, 'sessions'), { recursive: true });
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const settle = (source: ReturnType<typeof createClaudeSource>) =>
  new Promise<void>((done) => {
    const off = source.subscribe?.(() => {
      off?.();
      done();
    });
  });

describe('createClaudeSource with claude agents --json', () => {
  it('a session only the CLI lists joins the live sessions once the CLI has answered; the files still win', async () => {
    await writeFile(join(home, 'sessions', `${process.pid}.json`), JSON.stringify({ pid: process.pid, sessionId: 's-file', cwd: '/w/file', name: 'from-file', status: 'busy' }));
    const listed = [
      { pid: process.pid, sessionId: 's-file', cwd: '/w/file', name: 'from-cli', status: 'idle', state: 'done' },
      { pid: 999_999, sessionId: 's-cli', cwd: '/w/cli', name: 'cli-only', status: 'waiting', state: 'blocked' },
    ];
    const source = createClaudeSource(home, {
      agentsCli: { env: { ...process.env, HOME: home, PATH: `${FAKE_CLAUDE_DIR}${delimiter}${process.env.PATH ?? ''}`, FAKE_CLAUDE_AGENTS_JSON: JSON.stringify(listed) } },
    });
    const answered = settle(source);
    // The first read never waits for the CLI.
    expect((await source.readLiveSessions()).map((s) => s.name)).toEqual(['from-file']);
    await answered;
    const live = await source.readLiveSessions();
    expect(live.find((s) => s.pid === process.pid)).toMatchObject({ name: 'from-file', status: 'busy' });
    expect(live.find((s) => s.pid === 999_999)).toMatchObject({ name: 'cli-only', status: 'waiting', cwd: '/w/cli', alive: true });
    source.close?.();
  });

  it('an older CLI without the command (or no CLI at all) leaves the files alone', async () => {
    await writeFile(join(home, 'sessions', `${process.pid}.json`), JSON.stringify({ pid: process.pid, sessionId: 's-file', cwd: '/w/file', name: 'from-file', status: 'busy' }));
    for (const PATH of [`${FAKE_CLAUDE_DIR}${delimiter}${process.env.PATH ?? ''}`, '/nonexistent']) {
      const source = createClaudeSource(home, { agentsCli: { env: { ...process.env, HOME: home, PATH } } });
      await source.readLiveSessions();
      await new Promise((r) => setTimeout(r, 700));
      expect((await source.readLiveSessions()).map((s) => s.name)).toEqual(['from-file']);
      source.close?.();
    }
  });
});
