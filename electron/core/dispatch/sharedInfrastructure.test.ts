import { describe, expect, it } from 'vitest';
import { classifyInfrastructure, infraPatterns, sharedInfrastructureBetween } from './sharedInfrastructure';

describe('classifyInfrastructure', () => {
  it.each([
    ['db/migrations/002_add_users.sql', ['database']],
    ['prisma/schema.prisma', ['database']],
    ['apps/api/prisma/schema.prisma', ['database']],
    ['.github/workflows/ci.yml', ['ci']],
    ['.ci/run', ['ci']],
    ['package-lock.json', ['dependencies']],
    ['yarn.lock', ['dependencies']],
    ['pnpm-lock.yaml', ['dependencies']],
    ['Cargo.lock', ['dependencies']],
    ['go.sum', ['dependencies']],
    ['tsconfig.node.json', ['build']],
    ['vite.config.ts', ['build']],
    ['webpack.config.js', ['build']],
    ['Dockerfile', ['build']],
    ['Makefile', ['build']],
    ['src/app.ts', []],
    ['docs/migrations-guide.md', []],
  ])('%s → %j', (path, expected) => expect(classifyInfrastructure(path)).toEqual(expected));

  it('is extensible with user patterns', () => {
    expect(classifyInfrastructure('proto/api.proto')).toEqual([]);
    expect(classifyInfrastructure('proto/api.proto', infraPatterns([{ category: 'api-schema', pattern: 'proto/**' }]))).toEqual(['api-schema']);
  });
});

describe('sharedInfrastructureBetween', () => {
  it('finds the category both sides modify, with their files', () => {
    expect(sharedInfrastructureBetween(['db/migrations/001.sql', 'src/a.ts'], ['db/migrations/002.sql'])).toEqual([
      { category: 'database', filesA: ['db/migrations/001.sql'], filesB: ['db/migrations/002.sql'] },
    ]);
  });
  it('different categories are not shared', () => {
    expect(sharedInfrastructureBetween(['.github/workflows/ci.yml'], ['package-lock.json'])).toEqual([]);
  });
});
