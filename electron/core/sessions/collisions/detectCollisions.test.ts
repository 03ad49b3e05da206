import { describe, expect, it } from 'vitest';
import { detectCollisions, type CollisionInput } from './detectCollisions';

const s = (id: string, files: string[], extra: Partial<CollisionInput> = {}): CollisionInput => ({
  id,
  name: `name-${id}`,
  repoKey: 'repo',
  live: true,
  files,
  ...extra,
});

describe('detectCollisions', () => {
  it.each<[string, CollisionInput[], Record<string, Array<[string, string]>>]>([
    ['no overlap', [s('a', ['x']), s('b', ['y'])], { a: [], b: [] }],
    ['shared file reported on both', [s('a', ['x', 'y']), s('b', ['y'])], { a: [['y', 'b']], b: [['y', 'a']] }],
    ['different repos never collide', [s('a', ['x']), s('b', ['x'], { repoKey: 'other' })], { a: [], b: [] }],
    ['a merged (not live) session does not collide', [s('a', ['x']), s('b', ['x'], { live: false })], { a: [], b: [] }],
    [
      'three sessions on one file',
      [s('a', ['x']), s('b', ['x']), s('c', ['x'])],
      { a: [['x', 'b'], ['x', 'c']], b: [['x', 'a'], ['x', 'c']], c: [['x', 'a'], ['x', 'b']] },
    ],
    ['duplicates within one session count once', [s('a', ['x', 'x']), s('b', ['x'])], { a: [['x', 'b']], b: [['x', 'a']] }],
    ['sorted by file', [s('a', ['z', 'b']), s('b', ['b', 'z'])], { a: [['b', 'b'], ['z', 'b']], b: [['b', 'a'], ['z', 'a']] }],
    [
      'real source files come before lock files and committed workflow state',
      [s('a', ['.ccc-state.json', 'package-lock.json', 'src/z.ts', '.ccc-progress.md']), s('b', ['.ccc-progress.md', '.ccc-state.json', 'package-lock.json', 'src/z.ts'])],
      { a: [['src/z.ts', 'b'], ['package-lock.json', 'b'], ['.ccc-progress.md', 'b'], ['.ccc-state.json', 'b']] },
    ],
  ])('%s', (_n, input, expected) => {
    const out = detectCollisions(input);
    for (const [id, list] of Object.entries(expected)) {
      expect(out.get(id)?.map((c) => [c.file, c.otherSessionId])).toEqual(list);
    }
  });

  it('names the other session', () => {
    expect(detectCollisions([s('a', ['f']), s('b', ['f'])]).get('a')).toEqual([
      { file: 'f', otherSessionId: 'b', otherSessionName: 'name-b' },
    ]);
  });
});
