import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Real, sanitised Claude Code 2.1.38 transcripts shared by the team (formats.md §1.2), copied into
 * the repository so a clean clone tests them without the team's shared folder next to it.
 * `fixtures.test.ts` checks the copies still match the shared originals where those exist.
 */
export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
/** Where the team keeps the originals, next to the repository. */
export const SHARED_FIXTURE_DIR = fileURLToPath(new URL('../../../../../shared/fixtures/claude-transcripts/', import.meta.url));
export const FIXTURE_NAMES = ['short', 'subagent', 'tool_heavy'] as const;

export function fixturePath(name: (typeof FIXTURE_NAMES)[number]): string {
  return `${FIXTURE_DIR}${name}.jsonl`;
}

export function fixtureText(name: (typeof FIXTURE_NAMES)[number]): string {
  return readFileSync(fixturePath(name), 'utf8');
}
