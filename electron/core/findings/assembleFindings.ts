import type { FindingTable, LinearAgent, ReviewFinding, ReviewFindings } from '../../../shared/domain/reviewFindings';
import { parseRowMarker } from '../linear/subIssueMarker';
import { readDecisionsReply } from './decisionsReply';
import { consensusOf, isBlankDecision, parseDecision, routeOf } from './findingValues';
import { readFindingTables } from './readFindingTables';

/**
 * An issue's review findings from its comments (pure): every findings table of every comment, each
 * finding's decision (the table's own Decision cell, overridden by later Decisions replies, the
 * latest winning), §3 consensus when models voted, the §9 route, and the sub-issue already made.
 */

export interface IssueComment {
  id: string;
  body: string;
  createdAt: string;
  url: string;
  author: string | null;
}

export interface IssueChild {
  id: string;
  identifier: string;
  description: string | null;
}

/** The sub-issue marker's first half for a findings table: one namespace per RDR table. */
export function findingsMarkerScope(commentId: string, tableIndex: number): string {
  return `rdr-${commentId}-${tableIndex}`;
}

export function tableKeyOf(commentId: string, tableIndex: number): string {
  return `${commentId}#${tableIndex}`;
}

export interface AssembleInput {
  issueId: string;
  identifier: string;
  /** Oldest first (as Linear returns them). */
  comments: readonly IssueComment[];
  children: readonly IssueChild[];
  agents: readonly LinearAgent[];
}

export function assembleFindings(input: AssembleInput): ReviewFindings {
  const replies = new Map<string, { at: string; decisions: Map<string, ReviewFinding['decision'] & string> }[]>();
  const tables: FindingTable[] = [];
  const comments = [...input.comments].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const comment of comments) {
    const reply = readDecisionsReply(comment.body);
    if (reply) {
      const key = tableKeyOf(reply.commentId, reply.tableIndex);
      replies.set(key, [...(replies.get(key) ?? []), { at: comment.createdAt, decisions: reply.decisions }]);
      continue;
    }
    for (const parsed of readFindingTables(comment.body)) {
      const scope = findingsMarkerScope(comment.id, parsed.index);
      const findings = parsed.findings.map((f): ReviewFinding => {
        const fromTable = parseDecision(f.decisionCell);
        const route = routeOf(f.effort, f.severity);
        const child = input.children.find((c) => {
          const m = parseRowMarker(c.description);
          return m !== null && m.planHash === scope && m.rowKey === f.key;
        });
        return {
          key: f.key,
          label: f.label,
          title: f.title,
          severity: f.severity,
          effort: f.effort,
          location: f.location,
          recommendation: f.recommendation,
          details: f.details,
          decision: fromTable,
          decisionSource: fromTable ? 'table' : null,
          decisionText: !fromTable && !isBlankDecision(f.decisionCell) ? f.decisionCell : null,
          votes: f.votes,
          consensus: consensusOf(f.votes, f.severity, f.tally),
          route: route.route,
          routeReason: route.reason,
          subIssue: child ? { id: child.id, identifier: child.identifier } : null,
        };
      });
      tables.push({
        key: tableKeyOf(comment.id, parsed.index),
        commentId: comment.id,
        commentUrl: comment.url,
        author: comment.author,
        createdAt: comment.createdAt,
        heading: parsed.heading,
        columns: parsed.columns,
        findings,
        decidedAt: null,
      });
    }
  }
  for (const table of tables) {
    for (const reply of replies.get(table.key) ?? []) {
      table.decidedAt = reply.at;
      for (const finding of table.findings) {
        const decision = reply.decisions.get(finding.key);
        if (decision) {
          finding.decision = decision;
          finding.decisionSource = 'reply';
          finding.decisionText = null;
        }
      }
    }
  }
  const tembo = input.agents.find((a) => a.displayName.toLowerCase() === 'tembo' || a.name.toLowerCase() === 'tembo');
  return {
    issueId: input.issueId,
    identifier: input.identifier,
    tables,
    agents: [...input.agents],
    defaultAgentId: (tembo ?? input.agents[0])?.id ?? null,
  };
}
