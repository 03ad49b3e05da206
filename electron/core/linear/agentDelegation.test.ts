import { describe, expect, it } from 'vitest';
import { appMentionsIn } from '../findings/mentionComment';
import { delegationComment, delegationHeadline, mentionHandle } from './agentDelegation';

const APP_USERS = [{ displayName: 'tembo' }, { displayName: 'cursor' }, { displayName: 'copilot' }, { displayName: 'codex' }];

describe('§9 @mention dispatch comment', () => {
  it.each([
    ['Tembo', { displayName: 'tembo' }, 'tembo'],
    ['Copilot', null, 'copilot'],
    ['GitHub Copilot', null, 'copilot'],
    ['cto.new', null, 'cto.new'],
    ['Codex', null, 'codex'],
    ['Some Agent', null, 'someagent'],
  ])('%s is mentioned as @%s', (cell, user, handle) => {
    expect(mentionHandle(cell, user)).toBe(handle);
  });

  it('has one @mention however many the prompt holds, and keeps the prompt whole', () => {
    const prompt = 'Implement on [CIA-9](https://linear.app/x/issue/CIA-9).\nAsk @cursor and @tembo? No: mail ops@example.test.\n```\ncode with @copilot\n```\nDone.';
    const body = delegationComment('codex', 'Lint fixes', prompt, APP_USERS);
    expect(body.startsWith(`${delegationHeadline('codex', 'Lint fixes')}\n`)).toBe(true);
    expect(appMentionsIn(body, APP_USERS)).toEqual(['codex']);
    expect(body).toContain(prompt);
  });

  it('a prompt without text still makes a one-line dispatch', () => {
    expect(delegationComment('tembo', '  Review   gates ', '')).toBe('@tembo Implement: Review gates\n');
  });
});
