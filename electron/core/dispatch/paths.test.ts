import { describe, expect, it } from 'vitest';
import { expandBraces, globMatches, normalizePath, overlappingPaths, pathsOverlap } from './paths';

describe('normalizePath', () => {
  it.each([
    ['./src/x.ts', 'src/x.ts'],
    ['src\\core\\x.ts', 'src/core/x.ts'],
    ['src//a///b/', 'src/a/b'],
    ['/src/x', 'src/x'],
    ['.', ''],
  ])('%s → %s', (raw, expected) => expect(normalizePath(raw)).toBe(expected));
});

describe('expandBraces', () => {
  it('expands alternatives, nested too', () => {
    expect(expandBraces('src/{a,b}/x.{ts,tsx}')).toEqual(['src/a/x.ts', 'src/a/x.tsx', 'src/b/x.ts', 'src/b/x.tsx']);
    expect(expandBraces('a{b')).toEqual(['a{b']);
  });
});

describe('globMatches', () => {
  it.each([
    ['**/migrations/**', 'db/migrations/001.sql', true],
    ['**/migrations/**', 'migrations', true],
    ['**/migrations/**', 'src/migrationsX/a', false],
    ['*.sql', 'deep/dir/schema.sql', true],
    ['*.sql', 'schema.sqlx', false],
    ['tsconfig*.json', 'packages/a/tsconfig.base.json', true],
    ['.github/workflows/**', '.github/workflows/ci.yml', true],
    ['.github/workflows/**', 'x/.github/workflows/ci.yml', false],
    ['src/?.ts', 'src/a.ts', true],
    ['src/[ab].ts', 'src/c.ts', false],
    ['src/[!ab].ts', 'src/c.ts', true],
    ['Dockerfile', 'services/api/Dockerfile', true],
  ])('%s ~ %s = %s', (pattern, path, expected) => expect(globMatches(pattern, path)).toBe(expected));
});

describe('pathsOverlap (same files or directories?)', () => {
  it.each([
    ['src/x.ts', 'src/x.ts', true, 'equal files'],
    ['src', 'src/x.ts', true, 'directory prefix'],
    ['src/', 'src/a/b.ts', true, 'directory with slash'],
    ['src/a', 'src/ab.ts', false, 'prefix of a name is not a directory prefix'],
    ['src/**/*.ts', 'src/core/x.ts', true, 'glob matches file'],
    ['src/**/*.ts', 'src/core/x.css', false, 'glob does not match file'],
    ['src/*.ts', 'src/a/x.ts', false, 'single star stays in one directory'],
    ['*.sql', 'db/m/1.sql', true, 'basename glob at any depth'],
    ['src/**/*.ts', 'src/**/*.css', false, 'globs with incompatible suffixes'],
    ['src/**/*.ts', 'src/a/*.ts', true, 'globs that can meet'],
    ['src/{a,b}/x.ts', 'src/b/x.ts', true, 'brace alternatives'],
    ['docs', 'src', false, 'disjoint directories'],
    ['./src\\x.ts', 'src/x.ts', true, 'normalization'],
    ['src/core', 'src/**/*.ts', true, 'directory contains glob matches'],
    ['lib/**', 'src/x', false, 'glob elsewhere'],
    ['src/feat-*/index.ts', 'src/feat-auth', true, 'glob under a named directory'],
  ])('%s vs %s → %s (%s)', (p, q, expected) => {
    expect(pathsOverlap(p, q)).toBe(expected);
    expect(pathsOverlap(q, p)).toBe(expected);
  });

  it('labels overlaps with the most specific path', () => {
    expect(overlappingPaths(['src/core', 'docs/a.md'], ['src/core/x.ts', 'README.md'])).toEqual(['src/core/x.ts']);
    expect(overlappingPaths(['src/**/*.ts'], ['src/a.ts'])).toEqual(['src/a.ts']);
    expect(overlappingPaths([''], ['src'])).toEqual([]);
  });
});
