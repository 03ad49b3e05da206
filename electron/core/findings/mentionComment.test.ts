import { describe, expect, it } from 'vitest';
import { appMentionsIn, assertOneAppMention, implementComment, isImplementComment, MentionRuleError } from './mentionComment';

const agents = [{ displayName: 'tembo' }, { displayName: 'cursor' }];

describe('the one-app-user-@mention-per-comment rule (§9)', () => {
  it.each([
    ['@tembo Implement: x', ['tembo']],
    ['@tembo Implement: x; @Tembo again', ['tembo', 'tembo']],
    ['@tembo and @cursor', ['tembo', 'cursor']],
    ['mail bob@tembo.io', []],
    ['see `@cursor` in code', []],
    ['@temboX is someone else', []],
    ['@ada is a person, not an app user', []],
  ])('%j mentions %j', (body, mentions) => {
    expect(appMentionsIn(body, agents)).toEqual(mentions);
  });

  it('refuses a body that mentions two app users', () => {
    expect(() => assertOneAppMention('@tembo Implement: a\n@cursor Implement: b', agents)).toThrow(MentionRuleError);
    expect(() => assertOneAppMention('@tembo twice @tembo', agents)).not.toThrow();
  });
});

describe('implementComment', () => {
  it('is `@agent Implement: <finding>` with location and recommendation', () => {
    expect(implementComment({ displayName: 'tembo' }, { title: 'Missing null check', location: 'a.ts:3', recommendation: 'Guard it' }, agents)).toBe(
      '@tembo Implement: Missing null check\n\nLocation: a.ts:3\n\nRecommendation: Guard it',
    );
  });

  it('defuses another agent named inside the finding, so the comment still mentions one', () => {
    const body = implementComment({ displayName: 'tembo' }, { title: 'Ask @cursor\nfor the fix', location: null, recommendation: 'or @Tembo' }, agents);
    expect(body).toBe('@tembo Implement: Ask `@cursor` for the fix\n\nRecommendation: or `@Tembo`');
    expect(appMentionsIn(body, agents)).toEqual(['tembo']);
    expect(isImplementComment(body, agents)).toBe(true);
    expect(isImplementComment('Implement: later', agents)).toBe(false);
  });
});
