import { expect, it } from 'vitest';
import { runLinearPollBench } from './pollBench';

it('simulated hour: one request per plan per interval, far below the naive way', async () => {
  const r = await runLinearPollBench({ plans: 5, children: 30, simulatedHours: 1 });
  console.log('[linear poll bench]', JSON.stringify(r));
  expect(r.maxRequestsPerPlanPerInterval).toBe(1);
  expect(r.minGapMsPerPlan).toBeGreaterThanOrEqual(30_000);
  expect(r.requestsPerHour).toBeLessThanOrEqual(5 * 121);
  expect(r.requestsPerHour * 10).toBeLessThan(r.naive.requestsPerHour);
  expect(r.shareOfComplexityBudget).toBeLessThan(1);
});
