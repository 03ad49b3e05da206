import type { FindingConsensus, FindingDecision, FindingRoute, ModelVote } from '../../../shared/domain/reviewFindings';

/** Reading the cells of a findings table (pure): decisions, votes, consensus and who implements it. */

const DECISION_WORDS: [RegExp, FindingDecision][] = [
  [/^(agree|agreed|accept|accepted|approve|approved|yes|do it|fix|implement)$/, 'agree'],
  [/^(override|overridden|overrule|overruled|modify|modified|amend|amended)$/, 'override'],
  [/^(defer|deferred|later|postpone|postponed|backlog|follow ?up)$/, 'defer'],
  [/^(reject|rejected|decline|declined|no|won'?t ?fix|wontfix|dismiss|dismissed|not an issue)$/, 'reject'],
];

/**
 * A Decision cell: `agree`, `Agreed ✅`, `**defer**`, `reject — false positive`. The first word decides;
 * a lone ✓ is agree and a lone ✗ reject. Empty, `—`, `TBD` and `?` are undecided (null).
 */
export function parseDecision(cell: string): FindingDecision | null {
  const text = cell.toLowerCase().replace(/\uFE0F/gu, '').replace(/[✅✔✓☑]/gu, ' ✓ ').replace(/[❌✗✘]/gu, ' ✗ ').trim();
  if (text === '✓') return 'agree';
  if (text === '✗') return 'reject';
  const words = text.replace(/[^\p{L}\s'/]/gu, ' ').trim();
  if (!words) return null;
  const first = words.split(/\s*(?:[—–:;,(]|\s-\s|\/)\s*/)[0] ?? '';
  for (const candidate of [words, first, first.split(/\s+/).slice(0, 2).join(' '), first.split(/\s+/)[0] ?? '']) {
    for (const [re, decision] of DECISION_WORDS) if (re.test(candidate)) return decision;
  }
  return null;
}

/** True for an empty-ish Decision cell (nothing decided yet, as opposed to something unreadable). */
export function isBlankDecision(cell: string): boolean {
  return /^[\s\-—–?]*(tbd|todo|pending|n\/a)?[\s\-—–?]*$/i.test(cell);
}

/** A per-model vote cell: ✓ / yes / agree → true, ✗ / no / disagree → false, anything else (— blank ?) → null. */
export function parseVote(cell: string): boolean | null {
  const t = cell.trim().toLowerCase();
  // A dash is "not reviewed" as often as "no": it casts no vote.
  if (/^(✓|✔️?|✅|☑️?|y|yes|agree|agrees|found|x|\+1?|true)(?![\p{L}\p{N}])/u.test(t)) return true;
  if (/^(✗|✘|❌|n|no|disagree|disagrees|false|missed)(?![\p{L}\p{N}])/u.test(t)) return false;
  return null;
}

const CRITICAL = /\b(critical|blocker|p0|sev ?0|sev ?1|showstopper)\b/i;

/**
 * §3 multi-model consensus: at least 2/3 of the voting models for inclusion; every model (3/3) for a
 * critical finding. From per-model columns, else a Consensus column's tally (`2/3`); null without either.
 */
export function consensusOf(votes: readonly ModelVote[], severity: string | null, tally: { agreeing: number; voting: number } | null = null): FindingConsensus | null {
  const cast = votes.filter((v) => v.agrees !== null);
  if (cast.length === 0 && !tally) return null;
  const agreeing = cast.length ? cast.filter((v) => v.agrees === true).length : (tally?.agreeing ?? 0);
  const voting = cast.length ? cast.length : (tally?.voting ?? 0);
  const critical = severity !== null && CRITICAL.test(severity);
  const met = critical ? agreeing === voting : agreeing * 3 >= voting * 2;
  const need = critical ? `${voting}/${voting} for a critical finding` : `2/3 to include`;
  const words = `${agreeing}/${voting} models agree — ${met ? 'consensus' : `below consensus (needs ${need})`}`;
  return { agreeing, voting, critical, met, words };
}

const SMALL_EFFORT = /^(trivial|tiny|xs|s|small|minor|quick|easy|low|one[- ]liner|<\s*1\s*h|\d+\s*(m|min|mins|minutes))\b/i;
const LARGE_EFFORT = /^(medium|med|m|moderate|large|l|xl|xxl|big|high|major|hard|complex|\d+\s*(h|hr|hrs|hours|d|days?|w|weeks?))\b/i;
const SMALL_SEVERITY = /^(trivial|nit|nitpick|cosmetic|style|minor|low|info|informational|p3|p4|suggestion)\b/i;

/**
 * Who implements an agreed finding (§9 step 4): trivial/small → an agent by @mention; medium+ → a
 * Claude Code session. The Effort/Size column decides; without one, the Severity/Priority column
 * stands in (nit/minor/low/cosmetic/info → small, anything else → medium+); with neither, a Claude
 * Code session — a finding of unknown size is not handed to a sandboxed agent unread.
 */
export function routeOf(effort: string | null, severity: string | null): { route: FindingRoute; reason: string } {
  const e = (effort ?? '').replace(/[*_`~≈]/g, '').trim();
  if (e) {
    if (SMALL_EFFORT.test(e)) return { route: 'agent', reason: `Effort "${e}" is trivial/small: an agent by @mention` };
    if (LARGE_EFFORT.test(e)) return { route: 'claude-code', reason: `Effort "${e}" is medium or more: a Claude Code session` };
  }
  const s = (severity ?? '').replace(/[*_`]/g, '').replace(/^[^\p{L}\p{N}]+/u, '').trim();
  if (s) {
    if (SMALL_SEVERITY.test(s)) return { route: 'agent', reason: `No effort given; severity "${s}" reads as small: an agent by @mention` };
    return { route: 'claude-code', reason: `No effort given; severity "${s}" reads as medium or more: a Claude Code session` };
  }
  return { route: 'claude-code', reason: e ? `Effort "${e}" is not a size we know: a Claude Code session` : 'No effort or severity given: a Claude Code session' };
}
