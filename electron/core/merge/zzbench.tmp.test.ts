import { it } from 'vitest';
import { runConflictMatrixBench } from './conflictMatrixBench';
it('bench', async () => {
  const r = await runConflictMatrixBench({ files: 20000, branches: 10 });
  console.log(JSON.stringify(r, null, 2));
}, 600_000);
