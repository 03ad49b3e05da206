import type { TokenUsage, TranscriptSummary } from '../../../../shared/domain/claude';
import { costOf } from './pricing';
import { addUsageInto, emptyUsage, totalTokens } from './tokenUsage';
import type { AssistantLine, LineCommon, ParsedLine, SystemLine, UserLine } from './transcriptLine';

/** Enough text for a preview card; the end of a message is kept because that is where conclusions are. */
export const LAST_TEXT_MAX_CHARS = 2000;
const TASK_COMPLETE = 'TASK_COMPLETE';
/** Claude Code's own placeholder model for locally generated messages; it costs nothing. */
const SYNTHETIC_MODEL = '<synthetic>';
/** Tool results whose call was before this accumulator's first line; capped so a long tail stays bounded. */
const MAX_ORPHAN_RESULTS = 10_000;

interface ResponseUsage {
  model: string | null;
  usage: TokenUsage;
  total: number;
}

function trimToEnd(text: string): string {
  return text.length <= LAST_TEXT_MAX_CHARS ? text : `…${text.slice(text.length - LAST_TEXT_MAX_CHARS + 1)}`;
}

/** A prompt is recognised by how it starts, so its beginning is kept. */
function trimToStart(text: string): string {
  return text.length <= LAST_TEXT_MAX_CHARS ? text : `${text.slice(0, LAST_TEXT_MAX_CHARS - 1)}…`;
}

function isLater(a: string, b: string | null): boolean {
  if (b === null) return true;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return a > b;
  return ta >= tb;
}

/**
 * Folds parsed transcript lines into a TranscriptSummary. Pure: no I/O, no clock.
 *
 * Memory grows only with the number of API responses (one map entry each, for de-duplication) and
 * open tool calls — never with text size.
 */
export class TranscriptAccumulator {
  private sessionId: string | null = null;
  private cwd: string | null = null;
  private slug: string | null = null;
  private gitBranch: string | null = null;
  private version: string | null = null;
  private customTitle: string | null = null;
  private aiTitle: string | null = null;
  private permissionMode: string | null = null;
  private firstActivityAt: string | null = null;
  private lastActivityAt: string | null = null;
  private lastAssistantText: string | null = null;
  private lastAssistantMessageId: string | null = null;
  private lastUserPromptText: string | null = null;
  private turnInProgress = false;
  /** Whether any line here moved the turn state (decides who wins when merging with earlier lines). */
  private turnStateSeen = false;
  /** A turn end was seen here, so tool calls opened before it can no longer be waiting. */
  private toolsClosedByTurnEnd = false;
  private lastTurnEndedAt: string | null = null;
  /**
   * Time of a turn end seen before any turn start here. Standing alone it ended nothing we know of;
   * merged after earlier lines that left a turn open, it is that turn's end.
   */
  private endBeforeAnyStartAt: string | null = null;
  private taskCompleteSeen = false;
  private lastTaskCompleteAt: string | null = null;
  private readonly openToolUses = new Set<string>();
  private readonly orphanToolResults = new Set<string>();
  /** Keyed by message.id + requestId: one API response is written as several lines repeating its usage. */
  private readonly responses = new Map<string, ResponseUsage>();
  private readonly usageByModel = new Map<string, TokenUsage>();
  private readonly totals = emptyUsage();
  private readonly modelsSeen = new Set<string>();
  private anonymousResponses = 0;
  /** Usage of lines without ids, per model, kept apart so absorbEarlier can add it without a key. */
  private readonly anonymousUsage = new Map<string, TokenUsage>();
  private userLines = 0;
  private brokenLines = 0;
  /** Lines folded in (blank ones too), so a broken line's number is known once the head is absorbed. */
  private lines = 0;
  /** 1-based, counted from the first line this accumulator saw. */
  private firstBrokenLine: number | null = null;
  private readonly unknownLineTypes: Record<string, number> = {};
  private bytesRead = 0;

  /** Folds one line in; `bytes` is the size of the line in the file, for progress and bytesRead. */
  add(line: ParsedLine, bytes = 0): void {
    this.bytesRead += bytes;
    this.lines += 1;
    switch (line.kind) {
      case 'blank':
        return;
      case 'broken':
        this.brokenLines += 1;
        this.firstBrokenLine ??= this.lines;
        return;
      case 'unknown':
        this.unknownLineTypes[line.type] = (this.unknownLineTypes[line.type] ?? 0) + 1;
        this.addCommon(line.common);
        return;
      case 'other':
        this.addCommon(line.common);
        if (line.customTitle !== null) this.customTitle = line.customTitle;
        if (line.aiTitle !== null) this.aiTitle = line.aiTitle;
        return;
      case 'user':
        this.addCommon(line.common);
        this.addUser(line);
        return;
      case 'assistant':
        this.addCommon(line.common);
        this.addAssistant(line);
        return;
      case 'system':
        this.addCommon(line.common);
        this.addSystem(line);
        return;
    }
  }

  private addCommon(c: LineCommon): void {
    // Identity comes from the first line that has it (slug never changes; cwd is where the session
    // started); branch and version follow the latest line (checkouts, upgrades on resume).
    this.sessionId ??= c.sessionId;
    this.cwd ??= c.cwd;
    this.slug ??= c.slug;
    if (c.gitBranch !== null) this.gitBranch = c.gitBranch;
    if (c.version !== null) this.version = c.version;
    if (c.permissionMode !== null) this.permissionMode = c.permissionMode;
    if (c.timestamp !== null) {
      this.firstActivityAt ??= c.timestamp;
      if (isLater(c.timestamp, this.lastActivityAt)) this.lastActivityAt = c.timestamp;
    }
  }

  private startTurn(): void {
    this.turnInProgress = true;
    this.turnStateSeen = true;
  }

  private endTurn(at: string | null): void {
    if (this.turnInProgress && at !== null) this.lastTurnEndedAt = at;
    if (!this.turnStateSeen) this.endBeforeAnyStartAt = at;
    this.turnInProgress = false;
    this.turnStateSeen = true;
    this.openToolUses.clear();
    this.toolsClosedByTurnEnd = true;
  }

  private addUser(line: UserLine): void {
    this.userLines += 1;
    for (const id of line.toolResultIds) {
      if (!this.openToolUses.delete(id)) this.rememberOrphan(id);
    }
    if (line.interrupted || line.localCommandOutput) {
      this.endTurn(line.common.timestamp);
      return;
    }
    if (line.promptText !== null) {
      this.lastUserPromptText = trimToStart(line.promptText);
      this.startTurn();
    } else if (line.toolResultIds.length > 0) {
      this.startTurn();
    }
  }

  private rememberOrphan(id: string): void {
    if (this.orphanToolResults.size >= MAX_ORPHAN_RESULTS) {
      const oldest = this.orphanToolResults.values().next();
      if (!oldest.done) this.orphanToolResults.delete(oldest.value);
    }
    this.orphanToolResults.add(id);
  }

  private addAssistant(line: AssistantLine): void {
    for (const id of line.toolUseIds) this.openToolUses.add(id);
    if (line.model !== null && line.model !== SYNTHETIC_MODEL) this.modelsSeen.add(line.model);

    const text = line.text?.trim() ?? '';
    if (text !== '') {
      // Current versions write one content block per line: glue the text blocks of one response.
      const sameResponse = line.messageId !== null && line.messageId === this.lastAssistantMessageId;
      const joined = sameResponse && this.lastAssistantText !== null ? `${this.lastAssistantText}\n\n${text}` : text;
      this.lastAssistantText = trimToEnd(joined);
      this.lastAssistantMessageId = line.messageId;
      if (text.includes(TASK_COMPLETE)) {
        this.taskCompleteSeen = true;
        this.lastTaskCompleteAt = line.common.timestamp ?? this.lastTaskCompleteAt;
      }
    }

    const usage = line.usage ?? emptyUsage();
    const response = { model: line.model, usage, total: totalTokens(usage) };
    const key = responseKey(line);
    if (key === null) {
      // Nothing to de-duplicate by: the line is its own response.
      this.anonymousResponses += 1;
      this.applyUsage(response, 1);
      addToModel(this.anonymousUsage, response.model, usage);
    } else {
      this.recordResponse(key, response);
    }
  }

  private recordResponse(key: string, next: ResponseUsage): void {
    const previous = this.responses.get(key);
    // Streaming writes the same response several times; later copies can carry more output tokens.
    if (previous && previous.total >= next.total) return;
    if (previous) this.applyUsage(previous, -1);
    this.responses.set(key, next);
    this.applyUsage(next, 1);
  }

  private applyUsage(response: ResponseUsage, sign: 1 | -1): void {
    addUsageInto(this.totals, response.usage, sign);
    addToModel(this.usageByModel, response.model, response.usage, sign);
  }

  private addSystem(line: SystemLine): void {
    switch (line.subtype) {
      case 'turn_duration':
      case 'stop_hook_summary':
        // turn_duration is the documented end of a turn; versions before it only wrote the Stop hook summary.
        this.endTurn(line.common.timestamp);
        return;
      case 'local_command':
        if (line.content?.includes('<local-command-stdout>') || line.content?.includes('<local-command-stderr>')) {
          this.endTurn(line.common.timestamp);
        }
        return;
      default:
        return;
    }
  }

  /**
   * Folds in an accumulator that read the lines BEFORE this one's (the head of a large file read
   * after its tail). Afterwards this accumulator describes both ranges as if read in order.
   */
  absorbEarlier(earlier: TranscriptAccumulator): void {
    this.sessionId = earlier.sessionId ?? this.sessionId;
    this.cwd = earlier.cwd ?? this.cwd;
    this.slug = earlier.slug ?? this.slug;
    this.gitBranch ??= earlier.gitBranch;
    this.version ??= earlier.version;
    this.customTitle ??= earlier.customTitle;
    this.aiTitle ??= earlier.aiTitle;
    this.permissionMode ??= earlier.permissionMode;
    this.firstActivityAt = earlier.firstActivityAt ?? this.firstActivityAt;
    if (earlier.lastActivityAt !== null && isLater(earlier.lastActivityAt, this.lastActivityAt)) {
      this.lastActivityAt = earlier.lastActivityAt;
    }
    if (this.lastAssistantText === null) {
      this.lastAssistantText = earlier.lastAssistantText;
      this.lastAssistantMessageId = earlier.lastAssistantMessageId;
    }
    this.lastUserPromptText ??= earlier.lastUserPromptText;
    if (!this.turnStateSeen) {
      this.turnInProgress = earlier.turnInProgress;
      this.turnStateSeen = earlier.turnStateSeen;
    }
    if (this.lastTurnEndedAt === null) {
      this.lastTurnEndedAt =
        earlier.turnInProgress && this.endBeforeAnyStartAt !== null ? this.endBeforeAnyStartAt : earlier.lastTurnEndedAt;
    }
    if (!earlier.turnStateSeen) this.endBeforeAnyStartAt = earlier.endBeforeAnyStartAt ?? this.endBeforeAnyStartAt;
    else this.endBeforeAnyStartAt = earlier.endBeforeAnyStartAt;
    this.taskCompleteSeen ||= earlier.taskCompleteSeen;
    this.lastTaskCompleteAt ??= earlier.lastTaskCompleteAt;
    if (!this.toolsClosedByTurnEnd) {
      for (const id of earlier.openToolUses) {
        if (!this.orphanToolResults.delete(id)) this.openToolUses.add(id);
      }
    }
    this.toolsClosedByTurnEnd ||= earlier.toolsClosedByTurnEnd;
    for (const id of earlier.orphanToolResults) this.rememberOrphan(id);
    // A response split across the boundary has lines on both sides: the larger copy wins, as in add().
    for (const [key, response] of earlier.responses) this.recordResponse(key, response);
    for (const [model, usage] of earlier.anonymousUsage) {
      this.applyUsage({ model, usage, total: 0 }, 1);
      addToModel(this.anonymousUsage, model, usage);
    }
    this.anonymousResponses += earlier.anonymousResponses;
    for (const model of earlier.modelsSeen) this.modelsSeen.add(model);
    this.userLines += earlier.userLines;
    this.brokenLines += earlier.brokenLines;
    this.firstBrokenLine = earlier.firstBrokenLine ?? (this.firstBrokenLine === null ? null : earlier.lines + this.firstBrokenLine);
    this.lines += earlier.lines;
    for (const [type, count] of Object.entries(earlier.unknownLineTypes)) {
      this.unknownLineTypes[type] = (this.unknownLineTypes[type] ?? 0) + count;
    }
    this.bytesRead += earlier.bytesRead;
  }

  summary(): TranscriptSummary {
    let costUsd = 0;
    const costUnknownModels: string[] = [];
    for (const [model, usage] of this.usageByModel) {
      if (totalTokens(usage) === 0) continue;
      const cost = costOf(model, usage);
      if (cost === null) costUnknownModels.push(model);
      else costUsd += cost;
    }
    const openToolUses = this.openToolUses.size;
    const awaitingPermission = openToolUses === 0 || this.permissionMode === 'bypassPermissions' ? false : null;
    return {
      sessionId: this.sessionId,
      cwd: this.cwd,
      slug: this.slug,
      gitBranch: this.gitBranch,
      customTitle: this.customTitle,
      aiTitle: this.aiTitle,
      version: this.version,
      firstActivityAt: this.firstActivityAt,
      lastActivityAt: this.lastActivityAt,
      lastAssistantText: this.lastAssistantText,
      lastUserPromptText: this.lastUserPromptText,
      turnInProgress: this.turnInProgress,
      lastTurnEndedAt: this.lastTurnEndedAt,
      taskCompleteSeen: this.taskCompleteSeen,
      lastTaskCompleteAt: this.lastTaskCompleteAt,
      awaitingPermission,
      openToolUses,
      permissionMode: this.permissionMode,
      usage: { ...this.totals },
      costUsd,
      costUnknownModels: costUnknownModels.sort(),
      models: [...this.modelsSeen].sort(),
      messageCount: this.userLines + this.responses.size + this.anonymousResponses,
      brokenLines: this.brokenLines,
      firstBrokenLine: this.firstBrokenLine,
      unknownLineTypes: { ...this.unknownLineTypes },
      bytesRead: this.bytesRead,
      fullScanDone: true,
      scanProgress: 1,
    };
  }
}

const UNKNOWN_MODEL = '(unknown model)';

function addToModel(map: Map<string, TokenUsage>, model: string | null, usage: TokenUsage, sign: 1 | -1 = 1): void {
  const name = model ?? UNKNOWN_MODEL;
  let perModel = map.get(name);
  if (!perModel) {
    perModel = emptyUsage();
    map.set(name, perModel);
  }
  addUsageInto(perModel, usage, sign);
}

function responseKey(line: AssistantLine): string | null {
  if (line.messageId !== null || line.requestId !== null) return `${line.messageId ?? ''}\u0000${line.requestId ?? ''}`;
  if (line.uuid !== null) return `uuid\u0000${line.uuid}`;
  return null;
}
