import { describe, expect, it } from 'vitest';
import { parseWorktreeList } from './parseWorktreeList';

const SHA = 'a'.repeat(40);

describe('parseWorktreeList', () => {
  it.each([
    ['empty output', '', []],
    [
      'main + linked, newline form',
      `worktree /r\nHEAD ${SHA}\nbranch refs/heads/main\n\nworktree /w/x\nHEAD ${SHA}\nbranch refs/heads/claude/cia-1-x\n\n`,
      [
        { path: '/r', branch: 'main', detached: false },
        { path: '/w/x', branch: 'claude/cia-1-x', detached: false },
      ],
    ],
    [
      '-z form with detached, locked with reason, prunable',
      `worktree /r\0HEAD ${SHA}\0branch refs/heads/main\0\0worktree /w/a b\0HEAD ${SHA}\0detached\0locked on usb\0\0worktree /gone\0HEAD ${SHA}\0branch refs/heads/g\0prunable gitdir file points to non-existent location\0\0`,
      [
        { path: '/r', branch: 'main' },
        { path: '/w/a b', branch: null, detached: true, locked: true, lockedReason: 'on usb' },
        { path: '/gone', branch: 'g', prunable: true },
      ],
    ],
    ['bare main', `worktree /r.git\nbare\n\n`, [{ path: '/r.git', bare: true, branch: null }]],
    ['unknown attribute is skipped', `worktree /r\nHEAD ${SHA}\nfuture-thing yes\nbranch refs/heads/main\n`, [{ path: '/r', branch: 'main' }]],
    ['locked without reason', `worktree /r\nHEAD ${SHA}\ndetached\nlocked\n`, [{ locked: true, lockedReason: null }]],
    ['orphan lines before any worktree are ignored', `HEAD ${SHA}\n\nworktree /r\n`, [{ path: '/r', head: null }]],
    ['CRLF tolerated', `worktree /r\r\nHEAD ${SHA}\r\nbranch refs/heads/main\r\n`, [{ path: '/r', branch: 'main', head: SHA }]],
  ])('%s', (_name, input, expected) => {
    const parsed = parseWorktreeList(input);
    expect(parsed).toHaveLength(expected.length);
    expected.forEach((e, i) => expect(parsed[i]).toMatchObject(e));
  });

  // Moved from merge/backupRefStore.test.ts with merge's own parser, which this one replaces.
  it('reads branch, detached, prunable entries (-z, as the merge engine lists them)', () => {
    const out = ['worktree /r', 'HEAD aaa', 'branch refs/heads/main', '', 'worktree /w1', 'HEAD bbb', 'detached', '', 'worktree /w2', 'HEAD ccc', 'branch refs/heads/claude/x', 'prunable gitdir file points to non-existent location', '', ''].join('\0');
    const parsed = parseWorktreeList(out);
    expect(parsed).toHaveLength(3);
    expect(parsed[0]).toMatchObject({ path: '/r', head: 'aaa', branch: 'main', detached: false, bare: false, locked: false, prunable: false });
    expect(parsed[1]).toMatchObject({ path: '/w1', head: 'bbb', branch: null, detached: true, bare: false, locked: false, prunable: false });
    expect(parsed[2]).toMatchObject({ path: '/w2', head: 'ccc', branch: 'claude/x', detached: false, bare: false, locked: false, prunable: true });
  });
});
