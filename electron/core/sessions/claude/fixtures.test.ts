import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURE_NAMES, fixturePath, SHARED_FIXTURE_DIR } from './fixtures.testutil';

const shared = existsSync(SHARED_FIXTURE_DIR);
if (!shared) console.log(`[fixtures] ${SHARED_FIXTURE_DIR} is absent: the copies in the repository are not compared with the originals.`);

describe.skipIf(!shared)('the repository copies of the shared transcript fixtures', () => {
  it.each(FIXTURE_NAMES)('%s.jsonl is byte-identical to the shared original', (name) => {
    expect(readFileSync(fixturePath(name)).equals(readFileSync(`${SHARED_FIXTURE_DIR}${name}.jsonl`))).toBe(true);
  });
});
