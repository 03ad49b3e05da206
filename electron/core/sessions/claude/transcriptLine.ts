import type { TokenUsage } from '../../../../shared/domain/claude';

/**
 * Pure parsing of ONE transcript line (formats.md §1.2) into the few facts Switchyard uses.
 * Never throws: broken JSON and unknown shapes become values the accumulator counts.
 */

/** Fields most lines carry; each is null when the line does not. */
export interface LineCommon {
  sessionId: string | null;
  cwd: string | null;
  slug: string | null;
  gitBranch: string | null;
  version: string | null;
  /** ISO timestamp as written. */
  timestamp: string | null;
  /** `permissionMode` on prompts, or the mode of a `permission-mode` line. */
  permissionMode: string | null;
}

export interface UserLine {
  kind: 'user';
  common: LineCommon;
  /** What the human typed (slash commands as `/name args`); null for tool results and injected text. */
  promptText: string | null;
  /** tool_use ids this line answers. */
  toolResultIds: string[];
  /** `[Request interrupted by user…]`: the turn ended without a turn_duration line. */
  interrupted: boolean;
  /** Output of a local slash command (`/model`, `/mcp`): no model turn follows. */
  localCommandOutput: boolean;
}

export interface AssistantLine {
  kind: 'assistant';
  common: LineCommon;
  messageId: string | null;
  requestId: string | null;
  /** Fallback identity when a line has neither id. */
  uuid: string | null;
  model: string | null;
  usage: TokenUsage | null;
  /** Joined text blocks of this line (one content block per line in current versions). */
  text: string | null;
  toolUseIds: string[];
}

export interface SystemLine {
  kind: 'system';
  common: LineCommon;
  subtype: string | null;
  /** Content of `local_command` lines, so command output can end a tentative turn. */
  content: string | null;
}

/** A known line type that carries no turn or token facts (progress, snapshots, titles, …). */
export interface OtherLine {
  kind: 'other';
  type: string;
  common: LineCommon;
  customTitle: string | null;
  aiTitle: string | null;
}

export interface UnknownLine {
  kind: 'unknown';
  /** The `type` value, or `(none)` when the object has no string type. */
  type: string;
  common: LineCommon;
}

export interface BrokenLine {
  kind: 'broken';
}

export interface BlankLine {
  kind: 'blank';
}

export type ParsedLine = UserLine | AssistantLine | SystemLine | OtherLine | UnknownLine | BrokenLine | BlankLine;

const KNOWN_OTHER_TYPES = new Set([
  'progress',
  'summary',
  'file-history-snapshot',
  'queue-operation',
  'custom-title',
  'ai-title',
  'agent-name',
  'last-prompt',
  'permission-mode',
  'worktree-state',
  'pr-link',
  'attachment',
]);

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function readCommon(o: Json): LineCommon {
  return {
    sessionId: str(o['sessionId']),
    cwd: str(o['cwd']),
    slug: str(o['slug']),
    gitBranch: str(o['gitBranch']),
    version: str(o['version']),
    timestamp: str(o['timestamp']),
    permissionMode: str(o['permissionMode']),
  };
}

/** Token usage of an API response; cache writes without a 5m/1h split are 5-minute writes (the API default). */
export function readUsage(raw: unknown): TokenUsage | null {
  if (!isObject(raw)) return null;
  const cacheCreation = num(raw['cache_creation_input_tokens']);
  const split = isObject(raw['cache_creation']) ? raw['cache_creation'] : null;
  const cacheWrite1h = split ? num(split['ephemeral_1h_input_tokens']) : 0;
  let cacheWrite5m = split ? num(split['ephemeral_5m_input_tokens']) : 0;
  // The split and the total are both written; trust the total and give any unexplained rest to 5m.
  const rest = cacheCreation - cacheWrite1h - cacheWrite5m;
  if (rest > 0) cacheWrite5m += rest;
  return {
    input: num(raw['input_tokens']),
    output: num(raw['output_tokens']),
    cacheWrite5m,
    cacheWrite1h,
    cacheRead: num(raw['cache_read_input_tokens']),
  };
}

/** Text blocks of a message content (a plain string or an array of blocks). */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const block of content) {
    if (isObject(block) && block['type'] === 'text' && typeof block['text'] === 'string') parts.push(block['text']);
  }
  return parts.length > 0 ? parts.join('\n') : null;
}

function blockIds(content: unknown, type: string, idField: string): string[] {
  if (!Array.isArray(content)) return [];
  const ids: string[] = [];
  for (const block of content) {
    if (isObject(block) && block['type'] === type && typeof block[idField] === 'string') ids.push(block[idField]);
  }
  return ids;
}

function tagContent(text: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  return match ? (match[1] ?? '').trim() : null;
}

function parseUser(o: Json, common: LineCommon): UserLine {
  const message = isObject(o['message']) ? o['message'] : {};
  const content = message['content'];
  const toolResultIds = blockIds(content, 'tool_result', 'tool_use_id');
  const text = contentText(content)?.trim() ?? null;
  const line: UserLine = {
    kind: 'user',
    common,
    promptText: null,
    toolResultIds,
    interrupted: false,
    localCommandOutput: false,
  };
  if (text === null || toolResultIds.length > 0) return line;
  if (text.startsWith('[Request interrupted by user')) {
    line.interrupted = true;
    return line;
  }
  if (text.startsWith('<local-command-stdout>') || text.startsWith('<local-command-stderr>')) {
    line.localCommandOutput = true;
    return line;
  }
  // Injected text (skill bodies, caveats) is marked isMeta; it is not something the human typed.
  if (o['isMeta'] === true || text.startsWith('<local-command-caveat>')) return line;
  const commandName = tagContent(text, 'command-name');
  if (commandName !== null) {
    const args = tagContent(text, 'command-args');
    const name = commandName.startsWith('/') ? commandName : `/${commandName}`;
    line.promptText = args ? `${name} ${args}` : name;
    return line;
  }
  line.promptText = text;
  return line;
}

function parseAssistant(o: Json, common: LineCommon): AssistantLine {
  const message = isObject(o['message']) ? o['message'] : {};
  const content = message['content'];
  return {
    kind: 'assistant',
    common,
    messageId: str(message['id']),
    requestId: str(o['requestId']),
    uuid: str(o['uuid']),
    model: str(message['model']),
    usage: readUsage(message['usage']),
    text: contentText(content),
    toolUseIds: blockIds(content, 'tool_use', 'id'),
  };
}

function parseOther(o: Json, type: string, common: LineCommon): OtherLine {
  const mode = type === 'permission-mode' ? (str(o['permissionMode']) ?? str(o['mode'])) : common.permissionMode;
  return {
    kind: 'other',
    type,
    common: { ...common, permissionMode: mode },
    // `/rename` writes customTitle; some tools write `title`.
    customTitle: type === 'custom-title' ? (str(o['customTitle']) ?? str(o['title'])) : null,
    aiTitle: type === 'ai-title' ? (str(o['aiTitle']) ?? str(o['title'])) : null,
  };
}

/** Parses one line (without its newline). Never throws. */
export function parseTranscriptLine(text: string): ParsedLine {
  if (text.trim() === '') return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'broken' };
  }
  if (!isObject(value)) return { kind: 'broken' };
  const common = readCommon(value);
  const type = str(value['type']);
  switch (type) {
    case 'user':
      return parseUser(value, common);
    case 'assistant':
      return parseAssistant(value, common);
    case 'system':
      return { kind: 'system', common, subtype: str(value['subtype']), content: str(value['content']) };
    default:
      if (type !== null && KNOWN_OTHER_TYPES.has(type)) return parseOther(value, type, common);
      return { kind: 'unknown', type: type ?? '(none)', common };
  }
}
