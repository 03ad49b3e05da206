import type { DiffFileStatus, DiffHunk } from '../../../shared/domain/review';

/** One file's section of a unified `git diff` patch. */
export interface PatchSection {
  status: DiffFileStatus;
  binary: boolean;
  hunks: DiffHunk[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Splits a patch into its per-file sections (each starts with a `diff --git` line), in order. */
export function splitPatch(patch: string): string[][] {
  const sections: string[][] = [];
  let current: string[] | null = null;
  const lines = patch.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('diff --git ')) {
      current = [line];
      sections.push(current);
    } else if (current) {
      current.push(line);
    }
  }
  return sections;
}

/**
 * Reads one file section: its status from the extended header lines, whether git called it
 * binary, and its hunks. Hunk bodies are counted by the header's line numbers, so a content line
 * that happens to look like a header (`--- x`, `diff --git`) is never mistaken for one.
 */
export function parsePatchSection(lines: readonly string[]): PatchSection {
  let status: DiffFileStatus = 'modified';
  let binary = false;
  const hunks: DiffHunk[] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('@@ ')) break;
    if (line.startsWith('new file mode')) status = 'added';
    else if (line.startsWith('deleted file mode')) status = 'deleted';
    else if (line.startsWith('rename from ')) status = 'renamed';
    else if (line.startsWith('copy from ')) status = 'copied';
    else if (line.startsWith('Binary files ') || line === 'GIT binary patch') binary = true;
  }
  while (i < lines.length) {
    const header = lines[i] ?? '';
    const match = HUNK_HEADER.exec(header);
    if (!match) {
      i++;
      continue;
    }
    const hunk: DiffHunk = {
      header,
      oldStart: Number(match[1]),
      oldLines: match[2] === undefined ? 1 : Number(match[2]),
      newStart: Number(match[3]),
      newLines: match[4] === undefined ? 1 : Number(match[4]),
      lines: [],
    };
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    i++;
    while (i < lines.length && (oldLeft > 0 || newLeft > 0 || (lines[i] ?? '').startsWith('\\'))) {
      const line = lines[i] ?? '';
      const kind = line[0];
      if (kind === '+') newLeft--;
      else if (kind === '-') oldLeft--;
      else if (kind === '\\') {
        // "\ No newline at end of file" belongs to the line before it.
      } else {
        oldLeft--;
        newLeft--;
      }
      hunk.lines.push(kind === undefined ? ' ' : line);
      i++;
    }
    hunks.push(hunk);
  }
  return { status, binary, hunks };
}
