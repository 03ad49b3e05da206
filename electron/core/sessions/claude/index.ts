/** The "Claude Code files" engine: reads Claude Code's home (formats.md §1) and a worktree's loop state (§2.2). */
export { resolveClaudeHome, resolveClaudeHomeWithSource, type ClaudeHomeInputs, type ClaudeHomeSource } from './claudeHome';
export { readCccState, parseCccState, CCC_STATE_FILE, type CccStateResult } from './cccState';
export { readLiveSessions, type ReadLiveSessionsOptions } from './liveSessions';
export { parseLiveSessionFile, type LiveSessionRecord } from './liveSessionFile';
export { checkLiveness, pidExists, systemProcessProbe, type ProcessProbe } from './processLiveness';
export { priceFor, costOf, parseModelVersion, type ModelPrice } from './pricing';
export { parseTranscriptLine, type ParsedLine } from './transcriptLine';
export { TranscriptAccumulator } from './transcriptAccumulator';
export {
  TranscriptTailer,
  DEFAULT_MAX_INITIAL_BYTES,
  type TranscriptTailerOptions,
  type TranscriptReadResult,
} from './transcriptTailer';
export { listTranscripts, readTranscriptHead } from './transcriptFiles';
