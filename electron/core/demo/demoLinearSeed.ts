import type { LinearTestStore } from '../linear/testServer/store';

/**
 * The demo's Linear workspace for the local test server: team CIA, master issue CIA-540 and its
 * children CIA-541..545 matching the demo master plan. Labels in both styles: `type:*` flat,
 * `exec` a label group with children (`exec:tdd` resolves to `exec`→`tdd`).
 */
export interface DemoLinearSeed {
  teamId: string;
  masterIssueId: string;
}

/** The parent issues of the demo's two plans. */
export const DEMO_MASTER_ISSUES = ['CIA-540', 'CIA-550'];

const CHILDREN: { title: string; state: 'Done' | 'In Progress' | 'Todo'; estimate: number; type: string; exec: string }[] = [
  { title: 'Session exit skill', state: 'Done', estimate: 3, type: 'type:feature', exec: 'tdd' },
  { title: 'Dispatch rules engine', state: 'In Progress', estimate: 5, type: 'type:feature', exec: 'pair' },
  { title: 'Review gates in /go', state: 'In Progress', estimate: 3, type: 'type:feature', exec: 'checkpoint' },
  { title: 'Insights v2 research', state: 'In Progress', estimate: 2, type: 'type:spike', exec: 'quick' },
  { title: 'Merge console', state: 'Todo', estimate: 5, type: 'type:feature', exec: 'tdd' },
];

/** The demo's review findings comment: three models' votes, effort per finding, one decision pre-filled. */
export const DEMO_REVIEW_FINDINGS = `## Review decision record — dispatch rules engine

Adversarial review (post-session, Options A–C) of the rules engine PR. Consensus: 2/3 to include, 3/3 for critical.

| # | Finding | Severity | Effort | Location | Recommendation | Claude | GPT | Gemini | Decision |
|---|---------|----------|--------|----------|----------------|:------:|:---:|:------:|----------|
| F1 | Batches packed greedily (4 → 3+1) | High | Medium | \`dispatch/batches.ts\` | Pack into batches of two or three (4 → 2+2) | ✓ | ✓ | ✓ | |
| F2 | Typo "Aprove" on the batch button | Low | Trivial | \`BatchLane.tsx\` | Fix the copy | ✓ | ✓ | ✗ | |
| F3 | Missing guard when the plan has no master issue | Medium | Small | \`DispatchView.tsx\` | Show "no master issue" instead of failing | ✓ | ✗ | ✓ | |
| F4 | Rule table not cached between renders | Low | Small | \`useDispatchEdits.ts\` | Memoise the evaluation | ✗ | ✓ | ✗ | |
| F5 | Override reason not kept in the plan | Critical | Medium | \`planWriter.ts\` | Write the reason under the batch | ✓ | ✓ | ✗ | defer |

Fill in the Decision column (agree / override / defer / reject); agreed trivial/small findings go to an agent by @mention.
`;

export function seedDemoLinear(store: LinearTestStore): DemoLinearSeed {
  const team = store.addTeam('CIA', 'CIA');
  const states = new Map<string, string>();
  const workflow: [string, string][] = [
    ['Triage', 'triage'],
    ['Backlog', 'backlog'],
    ['Todo', 'unstarted'],
    ['In Progress', 'started'],
    ['In Review', 'started'],
    ['Done', 'completed'],
    ['Canceled', 'canceled'],
  ];
  workflow.forEach(([name, type], i) => states.set(name, store.addState(team.id, name, type, i).id));
  const viewer = store.addUser('Demo Person', 'demo');
  const agent = store.addUser('Claude', 'claude');
  // External agents are app users in Linear: work is delegated to them (§4 Assignee, §9 @mention).
  store.addUser('Tembo', 'tembo', { app: true });
  store.addUser('Cursor', 'cursor', { app: true });
  store.viewerId = viewer.id;
  const typeLabels = new Map(['type:feature', 'type:chore', 'type:spike'].map((name) => [name, store.addLabel({ name }).id]));
  const execGroup = store.addLabel({ name: 'exec', isGroup: true, teamId: team.id });
  const execLabels = new Map(
    ['tdd', 'pair', 'checkpoint', 'quick', 'swarm'].map((name) => [name, store.addLabel({ name, parentId: execGroup.id, teamId: team.id }).id]),
  );
  team.nextNumber = 540;
  const master = store.addIssue({
    teamId: team.id,
    title: 'Dispatch console for parallel sessions',
    description: 'Master plan: dispatch parallel Claude Code sessions from a plan.',
    stateId: states.get('In Progress') ?? null,
    assigneeId: viewer.id,
  });
  const children = CHILDREN.map((child) =>
    store.addIssue({
      teamId: team.id,
      title: child.title,
      parentId: master.id,
      stateId: states.get(child.state) ?? null,
      estimate: child.estimate,
      assigneeId: agent.id,
      labelIds: [typeLabels.get(child.type), execLabels.get(child.exec)].filter((id): id is string => id !== undefined),
    }),
  );
  // A review decision record (§9) on "Dispatch rules engine" (CIA-542), Decision column still empty.
  const reviewed = children[1];
  if (reviewed) store.addComment({ issueId: reviewed.id, body: DEMO_REVIEW_FINDINGS, userId: agent.id });
  // The demo's second plan ("Quick spike on hook latency") names CIA-550 as its parent.
  team.nextNumber = 550;
  store.addIssue({ teamId: team.id, title: 'Quick spike on hook latency', stateId: states.get('Todo') ?? null });
  return { teamId: team.id, masterIssueId: master.id };
}
