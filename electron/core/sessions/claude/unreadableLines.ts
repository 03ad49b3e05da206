import type { TranscriptSummary } from '../../../../shared/domain/claude';

/** Transcript lines that are not JSON are skipped when counting; the person is told, never silently. */
export interface UnreadableLines {
  count: number;
  /** 1-based; null while a large transcript's beginning is still being counted. */
  firstLine: number | null;
}

export function unreadableLinesOf(summary: Partial<Pick<TranscriptSummary, 'brokenLines' | 'firstBrokenLine'>> | null | undefined): UnreadableLines | null {
  // Summaries from older caches or partial fakes may lack the count: no count, nothing to say.
  if (!summary || summary.brokenLines === undefined || !(summary.brokenLines > 0)) return null;
  return { count: summary.brokenLines, firstLine: summary.firstBrokenLine ?? null };
}

/** "2 unreadable lines in the transcript, first at line 1,234 (skipped; totals leave them out)". */
export function unreadableLinesText(u: UnreadableLines): string {
  const what = u.count === 1 ? '1 unreadable line in the transcript' : `${u.count.toLocaleString('en-US')} unreadable lines in the transcript`;
  const where = u.firstLine === null ? '' : u.count === 1 ? `, at line ${u.firstLine.toLocaleString('en-US')}` : `, first at line ${u.firstLine.toLocaleString('en-US')}`;
  return `${what}${where} (skipped; token and cost totals leave ${u.count === 1 ? 'it' : 'them'} out)`;
}

/** One status-bar warning per session whose transcript has unreadable lines. */
export function unreadableLinesWarnings(
  records: ReadonlyArray<{ id: string; name: string; claude: { unreadableLines?: UnreadableLines | null | undefined } | null }>,
): Array<{ subject: string; message: string }> {
  const out: Array<{ subject: string; message: string }> = [];
  for (const r of records) {
    const u = r.claude?.unreadableLines;
    if (u) out.push({ subject: r.id, message: `${r.name}: ${unreadableLinesText(u)}` });
  }
  return out;
}
