import { globMatches, normalizePath } from './paths';

/**
 * "Do both modify shared infrastructure (DB schema, CI config)?" (§1). Infrastructure is grouped in
 * categories: two phases share infrastructure when each touches a path of the same category (two
 * different migrations still race on migration order; two lockfile edits always conflict).
 */

export type InfraCategory = 'database' | 'ci' | 'dependencies' | 'build' | (string & {});

export interface InfraPattern {
  category: InfraCategory;
  /** Glob; without `/` it matches a basename at any depth. */
  pattern: string;
}

export const DEFAULT_INFRA_PATTERNS: readonly InfraPattern[] = [
  // Database schemas and migrations
  { category: 'database', pattern: '**/migrations/**' },
  { category: 'database', pattern: '**/migrate/**' },
  { category: 'database', pattern: '*.sql' },
  { category: 'database', pattern: '**/prisma/schema.prisma' },
  { category: 'database', pattern: '*.prisma' },
  { category: 'database', pattern: '**/db/schema.*' },
  { category: 'database', pattern: '**/drizzle/**' },
  { category: 'database', pattern: 'drizzle.config.*' },
  { category: 'database', pattern: 'alembic.ini' },
  { category: 'database', pattern: '**/alembic/**' },
  { category: 'database', pattern: 'schema.graphql' },
  // CI configuration
  { category: 'ci', pattern: '.github/workflows/**' },
  { category: 'ci', pattern: '.github/actions/**' },
  { category: 'ci', pattern: '.ci/**' },
  { category: 'ci', pattern: '.gitlab-ci.yml' },
  { category: 'ci', pattern: '.circleci/**' },
  { category: 'ci', pattern: 'azure-pipelines.yml' },
  { category: 'ci', pattern: '.buildkite/**' },
  { category: 'ci', pattern: 'Jenkinsfile' },
  { category: 'ci', pattern: '.travis.yml' },
  // Dependency manifests and lockfiles
  { category: 'dependencies', pattern: 'package-lock.json' },
  { category: 'dependencies', pattern: 'npm-shrinkwrap.json' },
  { category: 'dependencies', pattern: 'yarn.lock' },
  { category: 'dependencies', pattern: 'pnpm-lock.yaml' },
  { category: 'dependencies', pattern: 'pnpm-workspace.yaml' },
  { category: 'dependencies', pattern: 'bun.lockb' },
  { category: 'dependencies', pattern: 'bun.lock' },
  { category: 'dependencies', pattern: 'Cargo.lock' },
  { category: 'dependencies', pattern: 'go.sum' },
  { category: 'dependencies', pattern: 'go.mod' },
  { category: 'dependencies', pattern: 'poetry.lock' },
  { category: 'dependencies', pattern: 'uv.lock' },
  { category: 'dependencies', pattern: 'Pipfile.lock' },
  { category: 'dependencies', pattern: 'Gemfile.lock' },
  { category: 'dependencies', pattern: 'composer.lock' },
  { category: 'dependencies', pattern: 'package.json' },
  // Build configuration
  { category: 'build', pattern: 'tsconfig*.json' },
  { category: 'build', pattern: 'vite.config.*' },
  { category: 'build', pattern: 'vitest.config.*' },
  { category: 'build', pattern: 'electron.vite.config.*' },
  { category: 'build', pattern: 'webpack.config.*' },
  { category: 'build', pattern: 'rollup.config.*' },
  { category: 'build', pattern: 'esbuild.config.*' },
  { category: 'build', pattern: 'babel.config.*' },
  { category: 'build', pattern: '.babelrc*' },
  { category: 'build', pattern: 'next.config.*' },
  { category: 'build', pattern: 'electron-builder.*' },
  { category: 'build', pattern: 'Dockerfile' },
  { category: 'build', pattern: 'Dockerfile.*' },
  { category: 'build', pattern: '*.dockerfile' },
  { category: 'build', pattern: 'docker-compose*.yml' },
  { category: 'build', pattern: 'compose*.yaml' },
  { category: 'build', pattern: 'Makefile' },
  { category: 'build', pattern: 'CMakeLists.txt' },
  { category: 'build', pattern: 'build.gradle*' },
  { category: 'build', pattern: 'pom.xml' },
  { category: 'build', pattern: 'Cargo.toml' },
  { category: 'build', pattern: 'pyproject.toml' },
];

/** Defaults plus the user's own patterns (user patterns never remove a default). */
export function infraPatterns(extra: readonly InfraPattern[] = []): readonly InfraPattern[] {
  return extra.length === 0 ? DEFAULT_INFRA_PATTERNS : [...DEFAULT_INFRA_PATTERNS, ...extra];
}

const classified = new WeakMap<readonly InfraPattern[], Map<string, InfraCategory[]>>();

/** Categories a single path entry (file, dir or glob) falls in; matched on the entry's own text. */
export function classifyInfrastructure(path: string, patterns: readonly InfraPattern[] = DEFAULT_INFRA_PATTERNS): InfraCategory[] {
  const p = normalizePath(path);
  if (p === '') return [];
  let cache = classified.get(patterns);
  if (!cache) {
    cache = new Map();
    classified.set(patterns, cache);
  }
  const hit = cache.get(p);
  if (hit) return [...hit];
  const cats = new Set<InfraCategory>();
  for (const { category, pattern } of patterns) {
    if (globMatches(pattern, p)) cats.add(category);
  }
  if (cache.size > 5000) cache.clear();
  cache.set(p, [...cats]);
  return [...cats];
}

export interface SharedInfrastructure {
  category: InfraCategory;
  filesA: string[];
  filesB: string[];
}

/** Infrastructure categories both sides modify, with the files that put each side there. */
export function sharedInfrastructureBetween(
  filesA: readonly string[],
  filesB: readonly string[],
  patterns: readonly InfraPattern[] = DEFAULT_INFRA_PATTERNS,
): SharedInfrastructure[] {
  const index = (files: readonly string[]): Map<InfraCategory, string[]> => {
    const m = new Map<InfraCategory, string[]>();
    for (const f of files) {
      for (const c of classifyInfrastructure(f, patterns)) {
        const list = m.get(c) ?? [];
        const n = normalizePath(f);
        if (!list.includes(n)) list.push(n);
        m.set(c, list);
      }
    }
    return m;
  };
  const ia = index(filesA);
  const ib = index(filesB);
  const out: SharedInfrastructure[] = [];
  for (const [category, fa] of ia) {
    const fb = ib.get(category);
    if (fb) out.push({ category, filesA: fa, filesB: fb });
  }
  return out.sort((x, y) => x.category.localeCompare(y.category));
}
