import { describe, expect, it } from 'vitest';
import { crossSessionTouches } from '../../../shared/domain/feedback';

const others = [
  { name: 'brave-hopper', branch: 'claude/cia-542-dispatch-rules', issueId: 'CIA-542', files: ['commands/go.md'] },
  { name: 'quiet-lovelace', branch: 'claude/cia-543-review-gates', issueId: 'CIA-543', files: ['skills/review/gates.md'] },
  { name: 'solo', branch: 'feature/login-form', issueId: null, files: [] },
];

describe('crossSessionTouches', () => {
  it.each([
    [{ body: 'Rename this', path: 'src/own.ts' }, []],
    [{ body: 'This step clashes', path: 'commands/go.md' }, [{ sessionName: 'brave-hopper', why: 'brave-hopper also changes commands/go.md' }]],
    [{ body: 'Does this break cia-543?', path: null }, [{ sessionName: 'quiet-lovelace', why: 'names CIA-543' }]],
    // A branch that carries an issue id is found by the id first.
    [{ body: 'see claude/cia-542-dispatch-rules', path: null }, [{ sessionName: 'brave-hopper', why: 'names CIA-542' }]],
    [{ body: 'conflicts with feature/login-form', path: null }, [{ sessionName: 'solo', why: 'names feature/login-form' }]],
    [{ body: 'CIA-5420 is unrelated', path: null }, []],
  ])('%j', (item, expected) => {
    expect(crossSessionTouches(item, others)).toEqual(expected);
  });
});
