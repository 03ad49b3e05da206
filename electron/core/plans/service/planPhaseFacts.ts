import type { PhaseFacts, Violation } from '../../../../shared/domain/dispatch';
import type { DispatchRow, IssueRegistryRow, ParsedPlan, PhaseRow, SessionRegistryRow } from '../../../../shared/domain/plan';
import { analysisOnlyLabel, isAnalysisOnly, makePhaseFacts, MAX_EVALUATED_PHASES, parseDeclaredBatch, parseHandFacts, typeLabels, violation, type FactLine, type HandFact, type HandFacts } from '../../dispatch';

/**
 * The adapter from a parsed plan file to the dispatch engine's facts, one per Phase Map row.
 * Everything comes from what the plan states (formats.md §2.1), and each fact keeps the statement
 * that set it (`sources`) so every decision can name it:
 * - reads output: Phase Map Dependencies, Issue Registry Depends On, Key Files purposes such as
 *   "1A writes the API spec; 1B reads it", `## Dispatch Facts` `1B: reads output of: 1A`;
 * - separate branches: the branch a phase declares (dispatch/Session Registry Branch `main`,
 *   `(direct main)`, `Worktree: no`, `Branch:`/`(direct main)`/`Worktree: no` in Focus or Title),
 *   and `## Dispatch Facts` `1A, 1B: separate branches: no`;
 * - code changes / analysis-only / research: the Exec and Mode cells (`spike (analysis-only)`,
 *   `type:research`), code-change verbs and the files a phase writes, the stated deliverable, and
 *   `## Dispatch Facts` `produces code:` / `research:`.
 * `text` is the plan file's text, needed for `## Dispatch Facts`; without it that section is not read.
 */
export function planPhaseFacts(plan: ParsedPlan, text?: string): PhaseFacts[] {
  return planPhaseFactsWithProblems(plan, text).facts;
}

export interface PlanPhaseFacts {
  facts: PhaseFacts[];
  /** `## Dispatch Facts` lines that could not be read, as warnings (nothing is dropped silently). */
  problems: Violation[];
}

/**
 * A plan-wide exec mode said in prose ("All quick tasks (`exec:quick`)"): the default for phases
 * whose tables say none. Only a sentence that says "all"/"every" and names exactly one mode counts.
 */
export function planWideExec(text: string): { exec: string | null; why: string } {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^\s*\|/.test(line)) continue;
    if (!/\b(?:all|every|each)\b/i.test(line)) continue;
    const modes = [...new Set([...line.matchAll(/\bexec:(quick|tdd|pair|checkpoint|swarm|spike)\b/gi)].map((m) => (m[1] ?? '').toLowerCase()))];
    if (modes.length === 1 && modes[0]) return { exec: `exec:${modes[0]}`, why: `the plan says "${line.trim().slice(0, 80)}"` };
  }
  return { exec: null, why: '' };
}

export function planPhaseFactsWithProblems(plan: ParsedPlan, text?: string): PlanPhaseFacts {
  const planWide = planWideExec(text ?? '');
  const registryByIssue = new Map(plan.issueRegistry.map((r) => [r.issue.id.toUpperCase(), r]));
  const phaseIds = plan.phases.map((p) => p.phase);
  const phaseOfIssue = new Map<string, string>();
  for (const p of plan.phases) for (const ref of p.issues) if (!phaseOfIssue.has(ref.id.toUpperCase())) phaseOfIssue.set(ref.id.toUpperCase(), p.phase);
  const dispatchByIssue = new Map<string, DispatchRow>();
  // Later tables win: the newest dispatch of an issue is the one that describes it now.
  const dispatchByPhase = new Map<string, DispatchRow>();
  for (const table of plan.dispatchTables) {
    for (const row of table.rows) {
      if (row.issue) dispatchByIssue.set(row.issue.id.toUpperCase(), row);
      // A row without an issue is found by its Phase cell, or a Session label that is the phase id.
      const phase = (row.phase ?? row.session).trim().toLowerCase();
      if (phase !== '') dispatchByPhase.set(phase, row);
    }
  }
  const sessions = indexSessions(plan.sessionRegistry);
  const keyFiles = keyFileRoles(plan, phaseIds);
  const hand = text === undefined ? { facts: [], problems: [] } : parseHandFacts(dispatchFactLines(plan, text), phaseIds);

  const facts = plan.phases.map((p, index) => {
    const issueIds = p.issues.map((i) => i.id);
    // The engine evaluates only the first MAX_EVALUATED_PHASES (and says so); the rest need only their ids.
    if (index >= MAX_EVALUATED_PHASES) return makePhaseFacts({ phase: p.phase, issueIds, focus: p.focus, batch: p.batch, dependsOn: p.dependencies });
    const first = issueIds[0]?.toUpperCase() ?? '';
    const registry = registryByIssue.get(first);
    const dispatch = dispatchByIssue.get(first) ?? dispatchByPhase.get(p.phase.toLowerCase());
    const session = sessions.latest(p.phase, first);
    const issueTitles: Record<string, string> = {};
    for (const ref of p.issues) {
      const title = registryByIssue.get(ref.id.toUpperCase())?.title ?? ref.title;
      if (title) issueTitles[ref.id] = title;
    }
    const sources: Record<string, string> = {};
    const cite = (key: string, why: string): void => {
      sources[key] = sources[key] ? `${sources[key]}; ${why}` : why;
    };

    // Does it read another phase's output?
    const dependsOn = new Set<string>();
    const dependOn = (id: string, why: string): void => {
      if (id === p.phase) return;
      dependsOn.add(id);
      cite(`dependsOn:${id}`, why);
    };
    // A Dependencies cell may name the other phase's issue (`CIA-1501`) instead of its phase id.
    // Phase ids written `Phase 1` are cited as `Phase 1` or `1`.
    const bare = (id: string): string => id.replace(/^phase\s+/i, '').toLowerCase();
    // `1A's schema`: the phase is the first word.
    const lead = (dep: string): string => dep.split(/['’]s\b|\s/)[0] ?? dep;
    const phaseNamed = (dep: string): string =>
      phaseIds.includes(dep)
        ? dep
        : (phaseOfIssue.get(dep.toUpperCase()) ?? phaseIds.find((id) => bare(id) === bare(dep)) ?? phaseIds.find((id) => bare(id) === bare(lead(dep))) ?? dep);
    for (const dep of p.dependencies) dependOn(phaseNamed(dep), `Phase Map: ${p.phase} Dependencies "${p.raw}"`);
    for (const id of registry?.dependsOn ?? []) {
      const dep = phaseOfIssue.get(id.toUpperCase());
      if (dep !== undefined && registry) dependOn(dep, `Issue Registry: ${registry.issue.id} Depends On ${id} (phase ${dep})`);
    }
    const mine = keyFiles.get(p.phase) ?? { written: [], read: [] };
    for (const r of mine.read) for (const writer of r.writers) dependOn(writer, `Key Files: \`${r.file}\` — ${writer} writes, ${p.phase} reads`);

    // Which branch does it work on?
    const declared = declaredBranch(p, registry, dispatch, session);
    if (declared) cite('declaredBranch', declared.why);

    // An `exec:spike` label in the Focus (a follow-up track has no registry row yet) counts before the plan-wide default.
    const focusExec = /\bexec:(?:quick|tdd|pair|checkpoint|swarm|spike)\b/i.exec(p.focus)?.[0] ?? null;
    const execRaw = dispatch?.mode || registry?.exec || focusExec || planWide.exec || null;
    if (!dispatch?.mode && !registry?.exec && focusExec) cite('exec', `Phase Map: ${p.phase} Focus says ${focusExec}`);
    else if (!dispatch?.mode && !registry?.exec && planWide.exec) cite('exec', planWide.why);
    const labels = [...typeLabels(dispatch?.mode), ...typeLabels(registry?.exec), ...typeLabels(p.focus), ...typeLabels(registry?.title)];
    const focusText = `${p.focus} ${registry?.title ?? ''}`;
    const named = pathsIn(p.focus);
    const files = [...mine.written.map((w) => w.file), ...named];
    // Where each file comes from, so "same files?" can name the statement.
    for (const w of mine.written) cite(`file:${w.file}`, `Key Files: \`${w.file}\` — "${w.purpose}"`);
    for (const f of named) cite(`file:${f}`, `Phase Map: ${p.phase} Focus names \`${f}\``);

    const facts = makePhaseFacts({
      phase: p.phase,
      typeLabels: [...new Set(labels)],
      issueIds,
      issueTitles,
      focus: p.focus,
      batch: p.batch,
      dependsOn: [...dependsOn],
      parallelWith: p.parallelWith,
      execRaw: execRaw && execRaw.trim() !== '' ? execRaw : null,
      agent: dispatch?.agent && dispatch.agent.trim() !== '' ? dispatch.agent : null,
      estCostUsd: dispatch?.estCostUsd ?? null,
      estCostRaw: dispatch?.estCostRaw && dispatch.estCostRaw.trim() !== '' ? dispatch.estCostRaw : null,
      files,
      outputs: mine.written.filter((w) => w.readers.length > 0).map((w) => w.file),
      inputs: mine.read.map((r) => r.file),
      declaredBranch: declared?.branch ?? null,
      status: session?.status ?? null,
      issueStatus: registry?.status && registry.status.trim() !== '' ? registry.status.trim() : null,
      // §8: a Failed session a human has looked at says so in its status (`Failed — reviewed: …`).
      failureReviewed: reviewedFailure(session?.status ?? null),
      sources,
      ...promptMaterial(plan, p.phase, p.focus, issueIds, [...dependsOn], mine.written.map((w) => w.file)),
    });
    const code = producesCode(facts, execRaw, labels, focusText);
    if (code) cite('producesCode', code.why);
    const withCode = { ...facts, producesCode: code?.value ?? null, sources };
    const research = readOnlyResearch(withCode, labels, focusText);
    cite('readOnlyResearch', research.why);
    return { ...withCode, readOnlyResearch: research.value, sources: { ...sources } };
  });
  const justified = withWrittenJustification(applyHandFacts(facts, hand), text ?? '');
  const stated = justified.map((f) => (isAnalysisOnly(f) ? { ...f, ...analysisPromptMaterial(f) } : f));
  return { facts: stated, problems: hand.problems.map((m) => violation('facts.unreadable', m, {}, 'warning')) };
}

/**
 * §1 "Beyond 5 requires explicit justification in the dispatch table": a `Justification` column cell
 * or a `**Justification …:** why` line the person wrote counts, wherever the table is, not only a
 * `## Dispatch Facts` line.
 */
function withWrittenJustification(facts: PhaseFacts[], text: string): PhaseFacts[] {
  const line = /^[ \t>*_-]*(?:\*\*|__)?justification\b[^:\n]{0,40}:(?:\*\*|__)?\s*(\S.*)$/im.exec(text);
  const column = text.split(/\r\n|\r|\n/).some((row) => /^\s*\|/.test(row) && row.split('|').some((c) => /^\s*justification\s*$/i.test(c)));
  const written = line?.[1]?.trim() ?? (column ? 'a Justification column in the dispatch table' : null);
  if (!written) return facts;
  return facts.map((f) => (f.researchJustification ? f : { ...f, researchJustification: written }));
}

// ── Hand-set facts (`## Dispatch Facts`) ────────────────────────────────────────────────────

/** The body lines of the `## Dispatch Facts` section (the parser's headings say where it ends). */
export function dispatchFactLines(plan: ParsedPlan, text: string): FactLine[] {
  const at = plan.sections.findIndex((s) => s.heading.trim().toLowerCase().replace(/\s+/g, ' ') === 'dispatch facts');
  const section = plan.sections[at];
  if (!section) return [];
  const next = plan.sections.slice(at + 1).find((s) => s.depth <= section.depth);
  const lines = text.split(/\r\n|\r|\n/);
  const end = next ? next.line - 1 : lines.length;
  const out: FactLine[] = [];
  for (let i = section.line; i < end; i += 1) {
    const line = lines[i] ?? '';
    if (line.trim() !== '') out.push({ line: i + 1, text: line });
  }
  return out;
}

/** Later lines win; a hand-set fact replaces what the tables say (its statement becomes the source). */
function applyHandFacts(facts: PhaseFacts[], hand: HandFacts): PhaseFacts[] {
  if (hand.facts.length === 0) return facts;
  const byId = new Map(facts.map((f) => [f.phase, { ...f, sources: { ...f.sources }, separateBranchesWith: { ...f.separateBranchesWith } }]));
  const each = (fact: HandFact, apply: (p: PhaseFacts) => void): void => {
    for (const id of fact.phases) {
      const p = byId.get(id);
      if (p) apply(p);
    }
  };
  for (const fact of hand.facts) {
    switch (fact.kind) {
      case 'separateBranches':
        if (fact.phases.length === 1) {
          each(fact, (p) => {
            p.canUseSeparateBranches = fact.value;
            p.sources.separateBranches = fact.why;
          });
        } else {
          each(fact, (p) => {
            for (const other of fact.phases) {
              if (other === p.phase) continue;
              p.separateBranchesWith[other] = fact.value;
              p.sources[`separateBranches:${other}`] = fact.why;
            }
          });
        }
        break;
      case 'branch':
        each(fact, (p) => {
          p.declaredBranch = normalizeBranch(fact.branch);
          p.sources.declaredBranch = fact.why;
        });
        break;
      case 'readsOutput':
        each(fact, (p) => {
          for (const dep of fact.of) {
            if (dep === p.phase) continue;
            if (!p.dependsOn.includes(dep)) p.dependsOn = [...p.dependsOn, dep];
            p.sources[`dependsOn:${dep}`] = fact.why;
          }
        });
        break;
      case 'producesCode':
        each(fact, (p) => {
          p.producesCode = fact.value;
          p.sources.producesCode = fact.why;
          if (fact.value && p.readOnlyResearch && !/^Dispatch Facts/.test(p.sources.readOnlyResearch ?? '')) {
            p.readOnlyResearch = false;
            p.sources.readOnlyResearch = `changes code (${fact.why}): not read-only research`;
          }
        });
        break;
      case 'research':
        each(fact, (p) => {
          p.readOnlyResearch = fact.value;
          p.sources.readOnlyResearch = fact.why;
        });
        break;
      case 'failureReviewed':
        each(fact, (p) => {
          p.failureReviewed = fact.value;
          p.sources.failureReviewed = fact.why;
        });
        break;
      case 'files':
        each(fact, (p) => {
          p.files = [...new Set([...p.files, ...fact.files])];
          for (const f of fact.files) p.sources[`file:${f}`] = fact.why;
        });
        break;
      case 'justification': {
        const targets = fact.phases.length > 0 ? fact.phases : [...byId.values()].filter((p) => fact.batch === null || parseDeclaredBatch(p.batch) === fact.batch).map((p) => p.phase);
        for (const id of targets) {
          const p = byId.get(id);
          if (p) p.researchJustification = fact.text;
        }
        break;
      }
    }
  }
  return facts.map((f) => byId.get(f.phase) ?? f);
}

/** `Failed — reviewed: output usable` yes; `Failed (not reviewed)`, `Failed — unreviewed` no. */
function reviewedFailure(status: string | null): boolean {
  if (status === null || !/^[^\p{L}]*failed\b/iu.test(status)) return false;
  return /\breviewed\b/i.test(status) && !/\b(?:not|un|never)[\s-]*reviewed\b/i.test(status);
}

// ── Separate branches ───────────────────────────────────────────────────────────────────────

/** `main`, `master`, `(direct main)` all name the main checkout's branch. */
function normalizeBranch(raw: string): string {
  const b = raw.trim().replace(/^`|`$/g, '').trim();
  return /^\(?\s*direct\s+main\s*\)?$/i.test(b) ? 'main' : b;
}

const DIRECT_MAIN = /\(direct main\)/i;

/** The branch the plan says a phase works on: Session Registry, then dispatch table, then its own text. */
function declaredBranch(
  p: PhaseRow,
  registry: IssueRegistryRow | undefined,
  dispatch: DispatchRow | undefined,
  session: SessionRegistryRow | undefined,
): { branch: string; why: string } | null {
  if (session) {
    const name = session.sessionName.trim();
    if (session.branch && session.branch.trim() !== '') return { branch: normalizeBranch(session.branch), why: `Session Registry: ${name || p.phase} works on branch \`${session.branch.trim()}\`` };
    if (DIRECT_MAIN.test(name)) return { branch: 'main', why: `Session Registry: ${p.phase} runs as (direct main)` };
    if (session.worktree && /^no$/i.test(session.worktree.trim())) return { branch: 'main', why: `Session Registry: ${name || p.phase} has Worktree: no (the main checkout)` };
  }
  if (dispatch) {
    const who = dispatch.session || p.phase;
    if (dispatch.branch && dispatch.branch.trim() !== '') return { branch: normalizeBranch(dispatch.branch), why: `dispatch table: ${who} Branch \`${dispatch.branch.trim()}\`` };
    if (dispatch.worktree && /^no$/i.test(dispatch.worktree.trim())) return { branch: 'main', why: `dispatch table: ${who} Worktree: no (the main checkout)` };
  }
  if (p.branch && p.branch.trim() !== '') return { branch: normalizeBranch(p.branch), why: `Phase Map: ${p.phase} Branch \`${p.branch.trim()}\`` };
  for (const [label, cell] of [
    ['Phase Map', p.focus],
    ['Issue Registry', `${registry?.title ?? ''} ${registry?.exec ?? ''}`],
  ] as const) {
    const branch = /\bbranch:\s*`?([\w./-]+)`?/i.exec(cell)?.[1];
    if (branch) return { branch: normalizeBranch(branch), why: `${label}: ${p.phase} says Branch: ${branch}` };
    if (DIRECT_MAIN.test(cell)) return { branch: 'main', why: `${label}: ${p.phase} says (direct main)` };
    if (/\bworktree:\s*no\b/i.test(cell)) return { branch: 'main', why: `${label}: ${p.phase} says Worktree: no` };
  }
  return null;
}

// ── Code changes, analysis-only, research ───────────────────────────────────────────────────

const CODE_VERB = /\b(implement\w*|fix(?:es|ed|ing)?|refactor\w*|migrat\w*|rewrit\w*|patch(?:es|ed|ing)?|wire|wiring|code changes?|changes? (?:the )?code)\b/i;
const CODE_FILE = /\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|sql|css|scss|c|cc|cpp|h|hpp|sh|swift|cs|php|vue|svelte)$|(?:^|\/)src(?:\/|$)/i;
/** What a deliverable that is not code looks like (§2: "recommendation, evaluation, or decision"). */
const ANALYSIS_DELIVERABLE = /\bdeliverable:\s*(?:an?\s+|the\s+)?(recommendation|evaluation|decision|assessment|comparison|analysis|report|adr)\b|^\s*(recommend|evaluate|decide|compare|assess|analy[sz]e)\b|\b(recommendation|evaluation|decision record|a\/b comparison)\b/i;
const RESEARCH_WORD = /\b(research|discovery|survey|literature|sources?|zotero|arxiv|openalex|semantic scholar|s2|hugging ?face|supplementary|synthesis|investigat\w*|evaluat\w*|analys\w*)\b/i;

/** Tri-state: true = changes code, false = no code/file changes (analysis-only), null = the plan does not say. */
function producesCode(p: PhaseFacts, execRaw: string | null, labels: readonly string[], text: string): { value: boolean; why: string } | null {
  if (analysisOnlyLabel(execRaw)) return { value: false, why: `Exec "${execRaw?.trim() ?? ''}": no code/file changes` };
  if (analysisOnlyLabel(p.focus)) return { value: false, why: `Phase Map Focus "${p.focus.trim()}": no code/file changes` };
  const verb = CODE_VERB.exec(text)?.[0];
  if (verb) return { value: true, why: `Focus "${p.focus.trim()}" says "${verb}": code changes` };
  const codeFile = p.files.find((f) => CODE_FILE.test(f.replace(/\/+$/, '')));
  if (codeFile) return { value: true, why: `${p.phase} modifies \`${codeFile}\` (Key Files / Focus): code changes` };
  if (labels.includes('research')) return null;
  const deliverable = ANALYSIS_DELIVERABLE.exec(p.focus)?.[0];
  if (deliverable && p.files.length === 0) return { value: false, why: `Focus "${p.focus.trim()}": the deliverable is a ${deliverable.trim().toLowerCase().replace(/^deliverable:\s*/, '')}, no files named` };
  return null;
}

/** A read-only research track (§1): a research label, or a spike without code changes that researches. */
function readOnlyResearch(p: PhaseFacts, labels: readonly string[], text: string): { value: boolean; why: string } {
  if (p.producesCode === true) return { value: false, why: `changes code (${p.sources.producesCode ?? ''}): not read-only research` };
  if (labels.includes('research')) return { value: true, why: 'label type:research' };
  if (p.exec !== 'spike') return { value: false, why: p.exec === null ? 'no exec mode: implementation by default' : `exec:${p.exec} is implementation work` };
  if (p.producesCode === false) return { value: true, why: `exec:spike with no code/file changes (${p.sources.producesCode ?? ''})` };
  const word = RESEARCH_WORD.exec(text)?.[0];
  if (word) return { value: true, why: `exec:spike, Focus names research ("${word}") and no code changes` };
  return { value: false, why: 'exec:spike exploring with artifacts (no research stated): implementation cap' };
}

// ── Key Files ───────────────────────────────────────────────────────────────────────────────

const READ_VERB = /\b(reads?|reading|uses?|used|consum(?:es?|ed|ing)|imports?|imported|needs?|depends on|builds on|input|subscrib(?:es?|ed|ing)|listens?|calls?)\b/i;
const WRITE_VERB = /\b(writes?|writing|written|creat(?:es?|ed|ing)|produc(?:es?|ed|ing)|generat(?:es?|ed|ing)|defin(?:es?|ed|ing)|outputs?|edits?|updates?|adds?|changes?|modif\w*|owns?)\b/i;

interface WrittenFile {
  file: string;
  purpose: string;
  /** Phases that read it (the Key Files purpose says so). */
  readers: string[];
}
interface ReadFile {
  file: string;
  writers: string[];
}

/**
 * Key Files rows whose purpose names phases (`1A: exit protocol`, `1B and 1C both edit …`,
 * `1A writes the API spec; 1B reads it`): each clause names phases and what they do. A phase that
 * only reads a file does not modify it; a reader of a file another phase writes waits for it.
 */
function keyFileRoles(plan: ParsedPlan, phaseIds: readonly string[]): Map<string, { written: WrittenFile[]; read: ReadFile[] }> {
  const known = new Map(phaseIds.map((p) => [p.toLowerCase(), p]));
  const out = new Map<string, { written: WrittenFile[]; read: ReadFile[] }>();
  const entry = (id: string) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { written: [], read: [] }));
    return e;
  };
  for (const k of plan.keyFiles) {
    const file = stripTicks(k.file);
    const writers = new Set<string>();
    const readers = new Set<string>();
    // "created by 1A, consumed by 1B": a clause naming both a writer and a reader splits at its commas.
    const clauses = k.purpose.split(/[;.]\s|;|\bthen\b/i).flatMap((c) => (READ_VERB.test(c) && WRITE_VERB.test(c) ? c.split(/,\s*/) : [c]));
    for (const clause of clauses) {
      const named = [...new Set(clause.split(/[^A-Za-z0-9]+/).map((t) => known.get(t.toLowerCase())).filter((t): t is string => t !== undefined))];
      if (named.length === 0) continue;
      const reads = READ_VERB.exec(clause);
      const writes = WRITE_VERB.exec(clause);
      const isRead = reads !== null && (writes === null || reads.index < writes.index);
      for (const id of named) (isRead ? readers : writers).add(id);
    }
    for (const id of writers) readers.delete(id);
    for (const id of writers) entry(id).written.push({ file, purpose: k.purpose.trim(), readers: [...readers] });
    for (const id of readers) entry(id).read.push({ file, writers: [...writers] });
  }
  return out;
}

// ── Session Registry ────────────────────────────────────────────────────────────────────────

/** The latest Session Registry row of a phase (by phase or its first issue), indexed once per plan. */
function indexSessions(rows: readonly SessionRegistryRow[]) {
  const byPhase = new Map<string, number>();
  const byIssue = new Map<string, number>();
  rows.forEach((r, i) => {
    byPhase.set(r.phase.trim().toLowerCase(), i);
    if (r.issue) byIssue.set(r.issue.id.toUpperCase(), i);
  });
  return {
    latest(phase: string, issueId: string): SessionRegistryRow | undefined {
      const i = Math.max(byPhase.get(phase.toLowerCase()) ?? -1, issueId === '' ? -1 : (byIssue.get(issueId) ?? -1));
      return i < 0 ? undefined : rows[i];
    },
  };
}

// ── Prompt material ─────────────────────────────────────────────────────────────────────────

/**
 * The plan format has no per-phase Context/Tasks/Deliverable, so the prompt gets material derived
 * from what the plan does say; the person reads and edits the prompt before sending it.
 */
function promptMaterial(plan: ParsedPlan, phase: string, focus: string, issueIds: readonly string[], dependsOn: readonly string[], files: readonly string[]) {
  const context = [
    // The title's own leading id (`# CIA-2100 Settings store`) would be a plain id in the prompt: the master link above names it.
    `Phase ${phase} of the master plan "${plan.title.replace(/^\s*[A-Z][A-Z0-9]*-\d+\s*(?:[:—–-]\s*)?(?=\S)/, '')}" (plan file: \`${plan.fileName}\`).`,
    dependsOn.length > 0 ? `Builds on the output of phase(s) ${dependsOn.join(', ')}; read their merged changes first.` : 'No dependency on other phases: work independently of the parallel sessions.',
    files.length > 0 ? `Key files: ${files.join(', ')}.` : 'Key files: see the plan\'s Key Files table.',
  ];
  const focusText = focus.trim() !== '' ? focus.trim() : `phase ${phase}`;
  return {
    context,
    tasks: [
      `Read the issue${issueIds.length > 1 ? 's' : ''} and the plan's sections for phase ${phase}.`,
      `Implement: ${focusText}.`,
      'Run the tests and fix what fails.',
      "Record your session name and status in the plan's Session Registry.",
    ],
    deliverable: `${focusText} done, tests green, branch ready to merge`,
  };
}

/** §2 analysis-only: the analysis is the deliverable, so the prompt asks for no implementation. */
function analysisPromptMaterial(p: PhaseFacts): Pick<PhaseFacts, 'tasks' | 'deliverable'> {
  const focusText = p.focus.trim() !== '' ? p.focus.trim() : `phase ${p.phase}`;
  return {
    tasks: [
      `Read the issue${p.issueIds.length > 1 ? 's' : ''} and the plan's sections for phase ${p.phase}.`,
      `Investigate and write up: ${focusText}.`,
      'Post the analysis/recommendation on the issue; change no code or files in the repo.',
      "Record your session name and status in the plan's Session Registry.",
    ],
    deliverable: `${focusText}: the written analysis or recommendation, with its evidence`,
  };
}

/** Paths written in a focus cell: backticked, or words with a slash or a file extension. */
export function pathsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/`([^`]+)`/g)) if (m[1] && /[/.]/.test(m[1])) found.add(m[1]);
  for (const m of text.replace(/`[^`]*`/g, ' ').matchAll(/(?:^|\s)((?:[\w.-]+\/)+[\w.*-]*|[\w-]+\.(?:ts|tsx|js|md|json|ya?ml|sql|css|py))(?=\s|$|[,;)])/g)) {
    if (m[1] && !m[1].startsWith('/go')) found.add(m[1]);
  }
  return [...found];
}

function stripTicks(text: string): string {
  return text.trim().replace(/^`|`$/g, '');
}
