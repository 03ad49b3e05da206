import { parse } from 'graphql';
import { createLinearGateway } from './linearGateway';
import { ManualClock } from './manualClock';
import { PlanPoller } from './planPoller';
import { DEFAULT_POLL_INTERVALS } from './pollDelay';
import { estimateComplexity } from './testServer/complexity';
import { loadSubsetSchema, startLinearTestServer } from './testServer/server';

/**
 * Simulates polling N master plans for some hours with an injected clock against the local Linear test
 * server (real SDK, real HTTP), and compares with the naive way (one request per issue per poll).
 */

export interface LinearPollBenchOptions {
  plans?: number;
  children?: number;
  simulatedHours?: number;
  /** Window visible the whole time (30 s interval) or hidden (120 s). */
  visible?: boolean;
  /** Change one child of some plan every this many simulated ms (0 = never). */
  changeEveryMs?: number;
}

export interface LinearPollBenchResult {
  plans: number;
  childrenPerPlan: number;
  simulatedHours: number;
  intervalMs: number;
  requests: number;
  requestsPerHour: number;
  pollsPerPlanPerHour: number;
  /** Most requests any plan made within one poll interval (should be 1). */
  maxRequestsPerPlanPerInterval: number;
  /** Smallest gap between two requests for the same plan. */
  minGapMsPerPlan: number;
  complexityPerPoll: { fullRefresh: number; incremental: number; mean: number };
  complexityPerHour: number;
  /** Share of Linear's reported hourly budgets (~2,500 requests, 3,000,000 complexity). */
  shareOfRequestBudget: number;
  shareOfComplexityBudget: number;
  naive: {
    requestsPerHour: number;
    requestsPerPlanPerInterval: number;
    complexityPerRequest: number;
    complexityPerHour: number;
  };
  wallClockMs: number;
}

/** What the naive way sends for each issue on each poll (bench only; not an app operation). */
const NAIVE_ISSUE_QUERY = `
  query NaiveIssue($id: String!) {
    issue(id: $id) {
      id identifier title url updatedAt estimate
      state { id name type }
      assignee { id name }
      labels(first: 10) { nodes { id name parent { id name } } }
    }
  }
`;

export async function runLinearPollBench(options: LinearPollBenchOptions = {}): Promise<LinearPollBenchResult> {
  const started = Date.now();
  const plans = options.plans ?? 5;
  const children = options.children ?? 30;
  const hours = options.simulatedHours ?? 1;
  const visible = options.visible ?? true;
  const changeEveryMs = options.changeEveryMs ?? 5 * 60_000;
  const clock = new ManualClock();
  const server = await startLinearTestServer({ now: () => clock.now() });
  try {
    const store = server.store;
    const seedMaster = store.findIssue('ENG-1');
    if (!seedMaster) throw new Error('seed missing');
    const teamId = seedMaster.teamId;
    const masters: string[] = [];
    const childIds: string[] = [];
    for (let p = 0; p < plans; p++) {
      const master = p === 0 ? seedMaster : store.addIssue({ teamId, title: `Master plan ${p + 1}` });
      masters.push(master.id);
      for (let c = 0; c < children; c++) childIds.push(store.addIssue({ teamId, title: `Batch ${p + 1}${c}: work`, parentId: master.id }).id);
    }
    const states = [...store.states.values()];
    const gateway = createLinearGateway({ apiKey: server.apiKey, apiUrl: server.url, now: () => clock.now() });
    const poller = new PlanPoller({ gateway, clock, visible });
    for (const id of masters) await poller.addPlan(id);

    const start = clock.now();
    const end = start + hours * 3_600_000;
    let k = 0;
    const change = (): void => {
      const id = childIds[(k * 7) % childIds.length];
      const state = states[k % states.length];
      k += 1;
      if (id && state) store.updateIssue(id, { stateId: state.id });
      if (clock.now() + changeEveryMs < end) clock.setTimeout(change, changeEveryMs);
    };
    if (changeEveryMs > 0) clock.setTimeout(change, changeEveryMs);
    await clock.runUntil(end, () => poller.whenIdle());
    poller.stop();

    const log = server.log.filter((e) => e.operationName === 'SwitchyardPlanPoll');
    const intervalMs = visible ? DEFAULT_POLL_INTERVALS.visibleMs : DEFAULT_POLL_INTERVALS.hiddenMs;
    let maxPerInterval = 0;
    let minGap = Infinity;
    for (const id of masters) {
      const times = log.filter((e) => e.variables.id === id).map((e) => e.at).sort((a, b) => a - b);
      for (let i = 0; i < times.length; i++) {
        const t = times[i] as number;
        let n = 0;
        for (let j = i; j < times.length && (times[j] as number) < t + intervalMs; j++) n++;
        maxPerInterval = Math.max(maxPerInterval, n);
        if (i > 0) minGap = Math.min(minGap, t - (times[i - 1] as number));
      }
    }
    const full = log.filter((e) => e.variables.childFilter === null);
    const incr = log.filter((e) => e.variables.childFilter !== null);
    const avg = (xs: number[]): number => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : 0);
    const totalComplexity = log.reduce((a, e) => a + e.complexity, 0);
    const pollsPerPlanPerHour = log.length / plans / hours;
    const naiveComplexity = estimateComplexity(loadSubsetSchema(), parse(NAIVE_ISSUE_QUERY), {});
    const naiveRequestsPerHour = (children + 1) * plans * (3_600_000 / intervalMs);
    return {
      plans,
      childrenPerPlan: children,
      simulatedHours: hours,
      intervalMs,
      requests: server.requestCount(),
      requestsPerHour: server.requestCount() / hours,
      pollsPerPlanPerHour,
      maxRequestsPerPlanPerInterval: maxPerInterval,
      minGapMsPerPlan: Number.isFinite(minGap) ? minGap : 0,
      complexityPerPoll: { fullRefresh: avg(full.map((e) => e.complexity)), incremental: avg(incr.map((e) => e.complexity)), mean: avg(log.map((e) => e.complexity)) },
      complexityPerHour: Math.round(totalComplexity / hours),
      shareOfRequestBudget: server.requestCount() / hours / 2500,
      shareOfComplexityBudget: totalComplexity / hours / 3_000_000,
      naive: {
        requestsPerHour: naiveRequestsPerHour,
        requestsPerPlanPerInterval: children + 1,
        complexityPerRequest: naiveComplexity,
        complexityPerHour: naiveRequestsPerHour * naiveComplexity,
      },
      wallClockMs: Date.now() - started,
    };
  } finally {
    await server.close();
  }
}
