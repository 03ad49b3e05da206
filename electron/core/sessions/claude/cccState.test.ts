import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CccState } from '../../../../shared/domain/claude';
import { makeTempDir } from '../../testing/tempRepo';
import { parseCccState, readCccState } from './cccState';

const sample = {
  linearIssue: 'CIA-541',
  phase: 'execution',
  taskIndex: 2,
  totalTasks: 5,
  taskIteration: 1,
  maxTaskIterations: 3,
  globalIteration: 7,
  maxGlobalIterations: 50,
  executionMode: 'tdd',
  gatesPassed: ['spec', 'review'],
  awaitingGate: null,
  specPath: 'docs/spec.md',
  replanCount: 0,
  createdAt: '2026-02-10T21:00:00Z',
  lastUpdatedAt: '2026-02-10T22:00:00Z',
};

describe('parseCccState', () => {
  it('reads every documented field and derives progress', () => {
    const { state, warning } = parseCccState(sample);
    expect(warning).toBeNull();
    expect(state).toMatchObject({ ...sample, tasksDone: 2, totalTasks: 5, done: false, awaitingGate: null });
    expect(CccState.strict().parse(state)).toEqual(state);
  });

  it('taskIndex reaching totalTasks means done; a pending gate is reported', () => {
    expect(parseCccState({ taskIndex: 5, totalTasks: 5 }).state).toMatchObject({ done: true, tasksDone: 5 });
    expect(parseCccState({ taskIndex: 9, totalTasks: 5 }).state).toMatchObject({ done: true, tasksDone: 5 });
    expect(parseCccState({ taskIndex: 0, totalTasks: 0 }).state).toMatchObject({ done: false });
    expect(parseCccState({ awaitingGate: 'spec-approval' }).state?.awaitingGate).toBe('spec-approval');
  });

  it('a field of the wrong type is dropped and named, the rest is kept', () => {
    const { state, warning } = parseCccState({ ...sample, taskIndex: 'two', phase: 3 });
    expect(state?.linearIssue).toBe('CIA-541');
    expect(state?.taskIndex).toBeUndefined();
    expect(warning).toMatch(/taskIndex/);
    expect(warning).toMatch(/phase/);
  });

  it('something that is not an object is no state, with a warning', () => {
    expect(parseCccState([1, 2])).toEqual({ state: null, warning: expect.stringMatching(/not a JSON object/) });
    expect(parseCccState(null).state).toBeNull();
  });
});

describe('readCccState', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('switchyard-ccc-');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('no file: no state and no warning', async () => {
    expect(await readCccState(dir)).toEqual({ state: null, warning: null });
    expect(await readCccState(join(dir, 'missing-worktree'))).toEqual({ state: null, warning: null });
  });

  it('reads the file of a worktree', async () => {
    await writeFile(join(dir, '.ccc-state.json'), JSON.stringify(sample));
    expect((await readCccState(dir)).state?.phase).toBe('execution');
  });

  it('a half-written file is a warning, not a throw', async () => {
    await writeFile(join(dir, '.ccc-state.json'), '{"phase":"exec');
    expect(await readCccState(dir)).toEqual({ state: null, warning: expect.stringMatching(/not valid JSON/) });
  });

  it('a folder in place of the file is a warning', async () => {
    await mkdir(join(dir, '.ccc-state.json'));
    expect((await readCccState(dir)).warning).toMatch(/unreadable/);
  });
});
