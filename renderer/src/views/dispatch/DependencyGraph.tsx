import type { Batch, PairDecision } from '../../../../shared/domain/dispatch';
import type { BatchState } from '../../../../shared/domain/planState';

const LANE_W = 170;
const NODE_W = 128;
const NODE_H = 30;
const GAP_Y = 14;
const TOP = 28;

const VERDICT_WORDS: Record<PairDecision['verdict'], string> = {
  SEQUENTIAL: 'SEQUENTIAL',
  PARALLEL_WITH_BRANCH_STRATEGY: 'PARALLEL with branch strategy',
  PARALLEL_OK: 'PARALLEL OK',
};

export function verdictWords(v: PairDecision['verdict']): string {
  return VERDICT_WORDS[v];
}

/**
 * Phases as nodes in batch lanes; SEQUENTIAL pairs as arrows (the first runs before the second),
 * branch-strategy pairs as dashed links. Hover a link for the §1 path; click a node to list its pairs.
 */
export function DependencyGraph(props: {
  batches: readonly Batch[];
  states: readonly BatchState[];
  decisions: readonly PairDecision[];
  flagged: ReadonlySet<string>;
  labels: Readonly<Record<string, string>>;
  selected: string | null;
  onSelect(phase: string | null): void;
}) {
  const pos = new Map<string, { x: number; y: number }>();
  props.batches.forEach((b, lane) => b.phases.forEach((p, i) => pos.set(p, { x: 16 + lane * LANE_W, y: TOP + i * (NODE_H + GAP_Y) })));
  const rows = Math.max(1, ...props.batches.map((b) => b.phases.length));
  const width = 16 + props.batches.length * LANE_W;
  const height = TOP + rows * (NODE_H + GAP_Y) + 4;
  const edges = props.decisions.filter((d) => d.verdict !== 'PARALLEL_OK' && pos.has(d.a) && pos.has(d.b));
  return (
    <svg className="dispatch-graph" width={width} height={height} role="img" aria-label="Dependency picture: phases by batch, SEQUENTIAL arrows" data-testid="dependency-graph">
      <defs>
        <marker id="dispatch-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L8,4 L0,8 z" className="dispatch-arrowhead" />
        </marker>
      </defs>
      {props.batches.map((b, lane) => {
        const st = props.states.find((s) => s.index === b.index)?.state ?? 'draft';
        return (
          <g key={b.index}>
            <rect x={8 + lane * LANE_W} y={2} width={LANE_W - 16} height={height - 4} rx={6} className={`dispatch-lane ${st}`} />
            <text x={16 + lane * LANE_W} y={18} className="dispatch-lane-label">
              Batch {b.index} · {st}
            </text>
          </g>
        );
      })}
      {edges.map((d) => {
        const first = d.order === 'b-before-a' ? d.b : d.a;
        const second = first === d.a ? d.b : d.a;
        const p = pos.get(first);
        const q = pos.get(second);
        if (!p || !q) return null;
        const seq = d.verdict === 'SEQUENTIAL';
        const sameLane = p.x === q.x;
        const x1 = sameLane ? p.x + NODE_W : p.x + NODE_W;
        const y1 = p.y + NODE_H / 2;
        const x2 = sameLane ? q.x + NODE_W : q.x;
        const y2 = q.y + NODE_H / 2;
        const path = sameLane ? `M${x1},${y1} C${x1 + 26},${y1} ${x2 + 26},${y2} ${x2 + 2},${y2}` : `M${x1},${y1} C${x1 + 20},${y1} ${x2 - 20},${y2} ${x2 - 2},${y2}`;
        const hot = props.selected === d.a || props.selected === d.b;
        return (
          <path key={`${d.a}-${d.b}`} d={path} className={`dispatch-edge ${seq ? 'seq' : 'branch'}${hot ? ' hot' : ''}`} markerEnd={seq ? 'url(#dispatch-arrow)' : undefined}>
            <title>{`${d.a} ↔ ${d.b}: ${verdictWords(d.verdict)}\n${d.path.join('\n')}`}</title>
          </path>
        );
      })}
      {[...pos.entries()].map(([phase, p]) => (
        <g
          key={phase}
          className={`dispatch-node${props.selected === phase ? ' selected' : ''}${props.flagged.has(phase) ? ' flagged' : ''}`}
          transform={`translate(${p.x},${p.y})`}
          role="button"
          tabIndex={0}
          aria-label={`Phase ${phase}: show its pair decisions`}
          data-testid="graph-node"
          onClick={() => props.onSelect(props.selected === phase ? null : phase)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') props.onSelect(props.selected === phase ? null : phase);
          }}
        >
          <rect width={NODE_W} height={NODE_H} rx={5} />
          <text x={8} y={19}>
            <tspan className="dispatch-node-id">{phase}</tspan>
            <tspan className="dispatch-node-focus" dx={6}>
              {short(props.labels[phase] ?? '', props.flagged.has(phase) ? 13 : 15)}
            </tspan>
            {props.flagged.has(phase) ? <tspan className="dispatch-node-flag"> ⚠</tspan> : null}
          </text>
        </g>
      ))}
    </svg>
  );
}

function short(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
