import { fixtureText } from './fixtures.testutil';

/**
 * Transcripts shaped exactly like Claude Code's, made from the real fixture lines with `cwd`,
 * `sessionId`, `gitBranch`, ids and timestamps rewritten: for world tests that need a session of
 * their own in their own temp worktree.
 */
export interface RealTranscriptOptions {
  cwd: string;
  sessionId: string;
  gitBranch: string;
  /** Time of the first line; each next line is one second later. */
  startAt: number;
  /** true: ends with TASK_COMPLETE and the Stop hook's summary (the turn is over). false: a tool call is still open. */
  finished: boolean;
  /** Repeat assistant responses (each a distinct API call with its own usage) until the file is at least this big. */
  padToBytes?: number;
}

type Json = Record<string, unknown>;

function lineOf(name: 'short' | 'subagent', index: number): Json {
  const line = fixtureText(name).split('\n')[index];
  if (!line) throw new Error(`fixture ${name} has no line ${index}`);
  return JSON.parse(line) as Json;
}

// Real lines: a prompt, an assistant text answer, an assistant tool call, and the Stop hook summary.
const PROMPT = lineOf('short', 3);
const ANSWER = lineOf('short', 4);
const TOOL_CALL = lineOf('short', 7);
const STOP_SUMMARY = lineOf('subagent', 95);

function uuid(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** The transcript's text (JSON lines, newline-terminated) and the total tokens its responses carry. */
export function realTranscript(options: RealTranscriptOptions): { text: string; responses: number } {
  const lines: string[] = [];
  let n = 0;
  let parent: string | null = null;
  let bytes = 0;
  let responses = 0;
  const push = (template: Json, patch: (line: Json) => void = () => undefined): void => {
    const line = structuredClone(template);
    delete line.slug;
    const id = uuid(++n);
    Object.assign(line, {
      cwd: options.cwd,
      sessionId: options.sessionId,
      gitBranch: options.gitBranch,
      parentUuid: parent,
      uuid: id,
      timestamp: new Date(options.startAt + n * 1000).toISOString(),
    });
    patch(line);
    parent = id;
    const text = JSON.stringify(line);
    bytes += Buffer.byteLength(text) + 1;
    lines.push(text);
  };
  const answer = (text: string): void =>
    push(ANSWER, (line) => {
      const message = line.message as Json;
      message.id = `msg_world_${options.sessionId.slice(0, 8)}_${++responses}`;
      message.content = [{ type: 'text', text }];
    });

  push(PROMPT, (line) => ((line.message as Json).content = 'Work through the tasks in .ccc-state.json'));
  answer('Starting with task 1.');
  while (options.padToBytes !== undefined && bytes < options.padToBytes) answer(`Task progress note ${responses}: tests still green.`);
  if (options.finished) {
    answer('All tasks are done and committed.\n\nTASK_COMPLETE');
    push(STOP_SUMMARY);
  } else {
    push(TOOL_CALL, (line) => ((line.message as Json).id = `msg_world_${options.sessionId.slice(0, 8)}_${++responses}`));
  }
  return { text: `${lines.join('\n')}\n`, responses };
}
