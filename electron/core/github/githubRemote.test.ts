import { describe, expect, it } from 'vitest';
import { parseGithubRemote } from './githubRemote';

describe('parseGithubRemote', () => {
  it.each([
    ['https://github.com/acme/switchyard.git', { host: 'github.com', owner: 'acme', repo: 'switchyard' }],
    ['https://github.com/acme/switchyard', { host: 'github.com', owner: 'acme', repo: 'switchyard' }],
    ['https://token@GitHub.com/acme/switchyard/', { host: 'github.com', owner: 'acme', repo: 'switchyard' }],
    ['git@github.com:acme/switchyard.git', { host: 'github.com', owner: 'acme', repo: 'switchyard' }],
    ['ssh://git@ghe.corp.example:2222/team/tool.git', { host: 'ghe.corp.example', owner: 'team', repo: 'tool' }],
    ['/srv/git/bare.git', null],
    ['file:///srv/git/bare.git', null],
    ['C:/repos/thing.git', null],
    ['https://gitlab.example/group/sub/project.git', null],
    ['not a url', null],
  ])('%s', (url, expected) => {
    expect(parseGithubRemote(url)).toEqual(expected);
  });

});
