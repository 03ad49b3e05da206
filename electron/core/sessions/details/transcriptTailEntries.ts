import type { SessionDetails } from '../../../../shared/contract/sessionsRequests';

export type TailEntry = SessionDetails['transcriptTail'][number];

/** Long messages are cut here: the panel shows the gist, the transcript file keeps the rest. */
export const MAX_ENTRY_CHARS = 600;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function trimText(text: string, max = MAX_ENTRY_CHARS): string {
  const t = text.replace(/\r\n/g, '\n').trim();
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** The one argument that says what a tool call did (`npm test`, a file path, a pattern). */
function toolSummary(name: string, input: unknown): string {
  if (!isObject(input)) return name;
  const detail =
    str(input['command']) ?? str(input['file_path']) ?? str(input['path']) ?? str(input['pattern']) ?? str(input['url']) ?? str(input['description']) ?? str(input['prompt']);
  return detail ? `${name}: ${detail}` : name;
}

function tagContent(text: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text);
  return match ? (match[1] ?? '').trim() : null;
}

function userText(o: Json, content: unknown): string | null {
  if (o['isMeta'] === true) return null;
  let text: string | null = null;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    // Tool results are the tool's output, not something the person said.
    const parts = content.filter((b): b is Json => isObject(b) && b['type'] === 'text' && typeof b['text'] === 'string').map((b) => String(b['text']));
    text = parts.length > 0 ? parts.join('\n') : null;
  }
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('<local-command-caveat>') || trimmed.startsWith('<local-command-std')) return null;
  const command = tagContent(trimmed, 'command-name');
  if (command !== null) {
    const args = tagContent(trimmed, 'command-args');
    const name = command.startsWith('/') ? command : `/${command}`;
    return args ? `${name} ${args}` : name;
  }
  return trimmed;
}

/**
 * The meaningful entries of ONE transcript line (formats.md §1.2): what the person typed, the
 * assistant's text, each tool call in one line, and system lines that carry words. Thinking blocks,
 * tool results, snapshots and progress lines are left out. Pure; never throws.
 */
export function tailEntriesOfLine(line: string): TailEntry[] {
  if (line.trim() === '') return [];
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [];
  }
  if (!isObject(value)) return [];
  const at = str(value['timestamp']);
  const message = isObject(value['message']) ? value['message'] : {};
  switch (value['type']) {
    case 'user': {
      const text = userText(value, message['content']);
      if (text === null) return [];
      if (text.startsWith('[Request interrupted')) return [{ at, role: 'system', text: 'Interrupted by the user' }];
      return [{ at, role: 'user', text: trimText(text) }];
    }
    case 'assistant': {
      const content = message['content'];
      const blocks = typeof content === 'string' ? [{ type: 'text', text: content }] : Array.isArray(content) ? content : [];
      const out: TailEntry[] = [];
      for (const block of blocks) {
        if (!isObject(block)) continue;
        if (block['type'] === 'text' && typeof block['text'] === 'string' && block['text'].trim() !== '') {
          out.push({ at, role: 'assistant', text: trimText(block['text']) });
        } else if (block['type'] === 'tool_use') {
          out.push({ at, role: 'tool', text: trimText(toolSummary(str(block['name']) ?? 'tool', block['input']), 200) });
        }
      }
      return out;
    }
    case 'system': {
      const content = str(value['content']);
      return content && content.trim() !== '' ? [{ at, role: 'system', text: trimText(content) }] : [];
    }
    default:
      return [];
  }
}
