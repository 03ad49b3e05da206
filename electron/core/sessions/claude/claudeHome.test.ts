import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveClaudeHome, resolveClaudeHomeWithSource } from './claudeHome';

describe('resolveClaudeHome', () => {
  it('the flag wins, then CLAUDE_CONFIG_DIR, then ~/.claude', () => {
    const env = { CLAUDE_CONFIG_DIR: '/cfg/claude' };
    expect(resolveClaudeHome({ flag: '/flag/home', env, homedir: '/home/u' })).toBe('/flag/home');
    expect(resolveClaudeHome({ flag: null, env, homedir: '/home/u' })).toBe('/cfg/claude');
    expect(resolveClaudeHome({ env: {}, homedir: '/home/u' })).toBe(join('/home/u', '.claude'));
  });

  it('blank values are ignored and the source is reported', () => {
    expect(resolveClaudeHomeWithSource({ flag: '  ', env: { CLAUDE_CONFIG_DIR: '' }, homedir: '/h' })).toEqual({
      path: join('/h', '.claude'),
      source: 'default',
    });
    expect(resolveClaudeHomeWithSource({ env: { CLAUDE_CONFIG_DIR: '/c' }, homedir: '/h' }).source).toBe('env');
  });
});
