import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { parsePlan } from './parsePlan';
it('dump', () => {
  for (const f of readdirSync(join(__dirname, 'fixtures'))) {
    const p = parsePlan(readFileSync(join(__dirname, 'fixtures', f), 'utf8'), f);
    console.log(f, JSON.stringify({ ...p, sections: undefined }, null, 1));
  }
});
