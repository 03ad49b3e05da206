import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { TranscriptFileRef } from '../../../../shared/domain/claude';
import { readTranscriptHead } from './transcriptHead';

export { readTranscriptHead } from './transcriptHead';

const JSONL = '.jsonl';
const AGENT_PREFIX = 'agent-';

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch {
    // Missing or unreadable folders hold no transcripts; the app keeps listing the rest.
    return [];
  }
}

type Draft = Omit<TranscriptFileRef, 'sizeBytes' | 'mtimeMs'>;

async function withStat(draft: Draft): Promise<TranscriptFileRef | null> {
  try {
    const s = await stat(draft.path);
    if (!s.isFile()) return null;
    return { ...draft, sizeBytes: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null; // deleted between readdir and stat
  }
}

async function listProject(projectsDir: string, projectDir: string): Promise<Draft[]> {
  const dir = join(projectsDir, projectDir);
  const drafts: Draft[] = [];
  const subagentFolders: Promise<Draft[]>[] = [];
  for (const entry of await entries(dir)) {
    const name = entry.name;
    if (entry.isFile() && name.endsWith(JSONL)) {
      const stem = name.slice(0, -JSONL.length);
      if (stem.startsWith(AGENT_PREFIX)) {
        // Older layout: the subagent file sits beside the main one; its parent is only known from its lines.
        drafts.push({
          path: join(dir, name),
          projectDir,
          sessionId: null,
          isSubagent: true,
          parentSessionId: null,
          agentId: stem.slice(AGENT_PREFIX.length),
          layout: 'legacy-subagent',
        });
      } else {
        drafts.push({
          path: join(dir, name),
          projectDir,
          sessionId: stem,
          isSubagent: false,
          parentSessionId: null,
          agentId: null,
          layout: 'main',
        });
      }
    } else if (entry.isDirectory()) {
      subagentFolders.push(listSubagents(dir, projectDir, name));
    }
  }
  for (const found of await Promise.all(subagentFolders)) drafts.push(...found);
  return drafts;
}

/** `<project>/<sessionId>/subagents/agent-<id>.jsonl` */
async function listSubagents(projectPath: string, projectDir: string, sessionId: string): Promise<Draft[]> {
  const dir = join(projectPath, sessionId, 'subagents');
  const drafts: Draft[] = [];
  for (const entry of await entries(dir)) {
    const name = entry.name;
    if (!entry.isFile() || !name.startsWith(AGENT_PREFIX) || !name.endsWith(JSONL)) continue;
    drafts.push({
      path: join(dir, name),
      projectDir,
      sessionId,
      isSubagent: true,
      parentSessionId: sessionId,
      agentId: basename(name, JSONL).slice(AGENT_PREFIX.length),
      layout: 'subagent',
    });
  }
  return drafts;
}

/**
 * Every transcript under `<claudeHome>/projects`: main sessions, subagents in `<sessionId>/subagents/`,
 * and legacy `agent-*.jsonl` beside the main files (their parent read from their first lines).
 * Folder names are reported as found and never decoded or recomputed (the encoding is lossy).
 * A missing projects folder gives [].
 */
export async function listTranscripts(claudeHome: string): Promise<TranscriptFileRef[]> {
  const projectsDir = join(claudeHome, 'projects');
  const projects = (await entries(projectsDir)).filter((e) => e.isDirectory());
  const drafts = (await Promise.all(projects.map((p) => listProject(projectsDir, p.name)))).flat();
  const refs = await Promise.all(
    drafts.map(async (draft) => {
      if (draft.layout === 'legacy-subagent') {
        const head = await readTranscriptHead(draft.path, { maxBytes: 64 * 1024 });
        draft = { ...draft, sessionId: head.sessionId, parentSessionId: head.sessionId };
      }
      return withStat(draft);
    }),
  );
  return refs.filter((r): r is TranscriptFileRef => r !== null).sort((a, b) => a.path.localeCompare(b.path));
}
