import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Real, sanitised Claude Code 2.1.38 transcripts shared by the team (formats.md §1.2). */
export const FIXTURE_DIR = fileURLToPath(new URL('../../../../../shared/fixtures/claude-transcripts/', import.meta.url));
export const FIXTURE_NAMES = ['short', 'subagent', 'tool_heavy'] as const;

export function fixturePath(name: (typeof FIXTURE_NAMES)[number]): string {
  return `${FIXTURE_DIR}${name}.jsonl`;
}

export function fixtureText(name: (typeof FIXTURE_NAMES)[number]): string {
  return readFileSync(fixturePath(name), 'utf8');
}
