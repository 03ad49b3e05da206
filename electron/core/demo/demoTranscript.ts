import { randomUUID } from 'node:crypto';

/** One scripted turn of a demo session: what the person asked and what Claude answered. */
export interface DemoTurn {
  prompt: string;
  replies: string[];
  tools?: string[];
  /** Whether the turn ended (a `system` `turn_duration` line follows). */
  finished: boolean;
}

export interface DemoTranscriptInput {
  sessionId: string;
  cwd: string;
  gitBranch: string;
  slug: string;
  model: string;
  startAt: Date;
  /** Milliseconds between consecutive lines. */
  stepMs: number;
  turns: DemoTurn[];
}

/**
 * Lines in Claude Code's real JSONL shape (2.1.x): one API response is written as several lines
 * (one per content block) that repeat the same message.id, requestId and usage, as real ones do.
 */
export function demoTranscriptLines(input: DemoTranscriptInput): string[] {
  const lines: string[] = [];
  let clock = input.startAt.getTime();
  let parent: string | null = null;
  const common = () => ({
    parentUuid: parent,
    isSidechain: false,
    userType: 'external',
    cwd: input.cwd,
    sessionId: input.sessionId,
    version: '2.1.39',
    gitBranch: input.gitBranch,
    slug: input.slug,
  });
  const push = (record: Record<string, unknown>) => {
    const uuid = randomUUID();
    clock += input.stepMs;
    lines.push(JSON.stringify({ ...common(), ...record, uuid, timestamp: new Date(clock).toISOString() }));
    parent = uuid;
  };
  lines.push(
    JSON.stringify({ type: 'file-history-snapshot', messageId: randomUUID(), snapshot: { trackedFileBackups: {} }, isSnapshotUpdate: false }),
  );
  let cacheRead = 9_000;
  for (const [turnIndex, turn] of input.turns.entries()) {
    const turnStart = clock;
    push({ type: 'user', message: { role: 'user', content: turn.prompt } });
    for (const [replyIndex, reply] of turn.replies.entries()) {
      const messageId = `msg_demo_${input.sessionId.slice(0, 8)}_${turnIndex}_${replyIndex}`;
      const requestId = `req_demo_${input.sessionId.slice(0, 8)}_${turnIndex}_${replyIndex}`;
      cacheRead += 3_500;
      const usage = {
        input_tokens: 4 + replyIndex,
        cache_creation_input_tokens: 1_800 + 120 * replyIndex,
        cache_read_input_tokens: cacheRead,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1_800 + 120 * replyIndex },
        output_tokens: 260 + 40 * reply.length,
        service_tier: 'standard',
      };
      const base = { type: 'assistant', requestId };
      push({
        ...base,
        message: { model: input.model, id: messageId, type: 'message', role: 'assistant', content: [{ type: 'thinking', thinking: 'Planning the next step.', signature: 'demo' }], usage },
      });
      push({
        ...base,
        message: { model: input.model, id: messageId, type: 'message', role: 'assistant', content: [{ type: 'text', text: reply }], usage },
      });
      const tool = turn.tools?.[replyIndex];
      if (tool) {
        const toolUseId = `toolu_demo_${turnIndex}_${replyIndex}`;
        push({
          ...base,
          message: {
            model: input.model,
            id: messageId,
            type: 'message',
            role: 'assistant',
            content: [{ type: 'tool_use', id: toolUseId, name: 'Bash', input: { command: tool } }],
            usage,
          },
        });
        push({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUseId, content: 'ok' }] } });
      }
    }
    if (turn.finished) {
      push({ type: 'system', subtype: 'turn_duration', durationMs: clock - turnStart, isMeta: false });
    }
  }
  return lines;
}
