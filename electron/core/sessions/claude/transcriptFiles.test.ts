import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/tempRepo';
import { fixturePath } from './fixtures.testutil';
import { listTranscripts, readTranscriptHead } from './transcriptFiles';

let home: string;
beforeEach(async () => {
  home = await makeTempDir('switchyard-projects-');
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('listTranscripts', () => {
  it('a home without projects gives an empty list', async () => {
    expect(await listTranscripts(home)).toEqual([]);
  });

  it('finds main transcripts, new-layout subagents and legacy agent files', async () => {
    // A folder name that cannot be decoded back to its cwd: it is reported exactly as found.
    const project = join(home, 'projects', '-home-marco-projects-spotter');
    const sid = '491e126e-1e71-469c-ade2-fcc8af567c74';
    await mkdir(join(project, sid, 'subagents'), { recursive: true });
    await copyFile(fixturePath('subagent'), join(project, `${sid}.jsonl`));
    await writeFile(join(project, sid, 'subagents', 'agent-a1b2.jsonl'), '');
    await writeFile(join(project, sid, 'subagents', 'notes.txt'), 'ignored');
    await writeFile(
      join(project, 'agent-old1.jsonl'),
      `${JSON.stringify({ type: 'user', sessionId: 'parent-0001', cwd: '/x', isSidechain: true, message: { content: 'hi' } })}\n`,
    );
    await writeFile(join(home, 'projects', 'stray.jsonl'), '');

    const refs = await listTranscripts(home);
    const rows = refs.map((r) => [r.layout, r.sessionId, r.parentSessionId, r.agentId, r.isSubagent]);
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['main', sid, null, null, false],
        ['subagent', sid, sid, 'a1b2', true],
        ['legacy-subagent', 'parent-0001', 'parent-0001', 'old1', true],
      ]),
    );
    for (const r of refs) expect(r.projectDir).toBe('-home-marco-projects-spotter');
    const main = refs.find((r) => r.layout === 'main');
    expect(main?.sizeBytes).toBeGreaterThan(200_000);
    expect(main?.isSubagent).toBe(false);
  });
});

describe('readTranscriptHead', () => {
  it('takes sessionId, cwd, slug and branch from the first lines that carry them', async () => {
    expect(await readTranscriptHead(fixturePath('tool_heavy'))).toEqual({
      sessionId: 'd6e0bada-1959-4eec-a9d2-0bfade768d8f',
      cwd: '/home/marco/projects/spotter',
      slug: 'dazzling-imagining-barto',
      gitBranch: 'master',
      version: '2.1.38',
      firstActivityAt: expect.any(String),
    });
  });

  it('a transcript without a slug in its first bytes has slug null; a missing file is all null', async () => {
    const head = await readTranscriptHead(fixturePath('short'), { maxBytes: 4096 });
    expect(head.cwd).toBe('/home/marco/projects/spotter');
    expect(head.slug).toBeNull();
    expect((await readTranscriptHead(join(home, 'none.jsonl'))).sessionId).toBeNull();
  });
});
