import type { LinearGateway } from './linearGateway';
import type { LabelNode } from './operationResults';

/** Find or create `type:*` / `exec:*` labels, as flat labels (`exec:tdd`) or in a group (`exec` → `tdd`). */

export interface LabelSpec {
  full: string;
  group: string | null;
  name: string;
}

export function parseLabelSpec(spec: string): LabelSpec {
  const full = spec.trim();
  const i = full.indexOf(':');
  if (i <= 0 || i === full.length - 1) return { full, group: null, name: full };
  return { full, group: full.slice(0, i).trim(), name: full.slice(i + 1).trim() };
}

/** One lookup covering the flat label, the grouped label and the group itself. */
export function labelLookupFilter(spec: LabelSpec): Record<string, unknown> {
  const or: Record<string, unknown>[] = [{ name: { eq: spec.full } }];
  if (spec.group) {
    or.push({ name: { eq: spec.name }, parent: { name: { eq: spec.group } } });
    or.push({ name: { eq: spec.group }, isGroup: { eq: true } });
  }
  return { or };
}

export type LabelDecision =
  | { kind: 'use'; labelId: string }
  | { kind: 'create'; name: string; parentId: string | null; teamId: string | null };

/** Pure choice: existing flat label, else existing group child, else create in the group, else create flat. */
export function decideLabel(spec: LabelSpec, nodes: LabelNode[], teamId: string): LabelDecision {
  const usable = nodes.filter((n) => n.team === null || n.team.id === teamId);
  const flat = usable.find((n) => !n.isGroup && n.parent === null && n.name === spec.full);
  if (flat) return { kind: 'use', labelId: flat.id };
  if (spec.group) {
    const child = usable.find((n) => !n.isGroup && n.name === spec.name && n.parent?.name === spec.group);
    if (child) return { kind: 'use', labelId: child.id };
    const group = usable.find((n) => n.isGroup && n.name === spec.group);
    if (group) return { kind: 'create', name: spec.name, parentId: group.id, teamId: group.team ? teamId : null };
  }
  return { kind: 'create', name: spec.full, parentId: null, teamId };
}

export class LabelResolver {
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly gateway: Pick<LinearGateway, 'findLabels' | 'createLabel'>,
    private readonly teamId: string,
  ) {}

  async resolve(specText: string): Promise<string> {
    const spec = parseLabelSpec(specText);
    const cached = this.cache.get(spec.full);
    if (cached) return cached;
    const found = await this.gateway.findLabels(labelLookupFilter(spec));
    const decision = decideLabel(spec, found.data.issueLabels.nodes, this.teamId);
    let id: string;
    if (decision.kind === 'use') id = decision.labelId;
    else {
      const created = await this.gateway.createLabel({ name: decision.name, parentId: decision.parentId, teamId: decision.teamId });
      id = created.data.issueLabelCreate.issueLabel.id;
    }
    this.cache.set(spec.full, id);
    return id;
  }
}
