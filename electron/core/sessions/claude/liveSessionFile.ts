import type { LiveClaudeSession, LiveSessionStatus } from '../../../../shared/domain/claude';

/** What one registry file says, before its process is checked. */
export interface LiveSessionRecord extends Omit<LiveClaudeSession, 'alive'> {
  /** Linux clock ticks (digits) or a date string (macOS); compared against the process where possible. */
  procStart: string | null;
  pidDomain: string | null;
}

const CURRENT_NAME = /^(\d+)\.json$/;
const LEGACY_NAME = /^pid-(\d+)\.json$/;
const STATUSES: readonly LiveSessionStatus[] = ['idle', 'busy', 'waiting', 'shell'];

/** The pid and shape a registry file name stands for, or null for files that are not registry entries. */
export function classifyRegistryFileName(name: string): { pid: number; shape: 'current' | 'legacy' } | null {
  const current = CURRENT_NAME.exec(name);
  if (current) return { pid: Number(current[1]), shape: 'current' };
  const legacy = LEGACY_NAME.exec(name);
  if (legacy) return { pid: Number(legacy[1]), shape: 'legacy' };
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Largest time a Date can hold (±8.64e15 ms); beyond it toISOString() throws. Found by fuzzing. */
const MAX_DATE_MS = 8.64e15;

/** Epoch milliseconds (or seconds, or an ISO string) to ISO; null when it is neither. */
export function toIso(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const ms = value < 1e11 ? value * 1000 : value;
    return ms <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Pure: turns the text of `sessions/<pid>.json` (or legacy `pid-<n>.json`) into a record. Never throws:
 * broken JSON or an unknown shape gives a record with only the pid from the file name and a warning.
 */
export function parseLiveSessionFile(
  file: string,
  fileName: string,
  text: string,
): LiveSessionRecord | null {
  const kind = classifyRegistryFileName(fileName);
  if (!kind) return null;
  const base: LiveSessionRecord = {
    pid: kind.pid,
    sessionId: null,
    cwd: null,
    name: null,
    status: 'unknown',
    statusUpdatedAt: null,
    startedAt: null,
    version: null,
    file,
    shape: kind.shape,
    warning: null,
    kind: null,
    entrypoint: null,
    updatedAt: null,
    procStart: null,
    pidDomain: null,
  };
  const warnings: string[] = [];
  if (kind.shape === 'legacy') warnings.push('legacy registry file from an older Claude Code; it may be a leftover');

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ...base, warning: [...warnings, 'broken JSON'].join('; ') };
  }
  if (!isObject(raw)) return { ...base, warning: [...warnings, 'not a JSON object'].join('; ') };

  const filePid = raw['pid'];
  if (typeof filePid === 'number' && filePid !== kind.pid) warnings.push(`file says pid ${filePid}, name says ${kind.pid}`);
  const record: LiveSessionRecord = {
    ...base,
    sessionId: str(raw['sessionId']) ?? str(raw['session_id']),
    cwd: str(raw['cwd']),
    name: str(raw['name']),
    statusUpdatedAt: toIso(raw['statusUpdatedAt']),
    startedAt: toIso(raw['startedAt']),
    version: str(raw['version']),
    kind: str(raw['kind']),
    entrypoint: str(raw['entrypoint']),
    updatedAt: toIso(raw['updatedAt']),
    procStart: typeof raw['procStart'] === 'number' ? String(raw['procStart']) : str(raw['procStart']),
    pidDomain: str(raw['pidDomain']),
  };
  const status = raw['status'];
  if (typeof status === 'string' && (STATUSES as readonly string[]).includes(status)) {
    record.status = status as LiveSessionStatus;
  } else if (status !== undefined && status !== null) {
    // SDK sessions write no status at all (fine); a value we do not know is worth saying.
    warnings.push(`unknown status ${JSON.stringify(status)}`);
  }
  if (kind.shape === 'current' && typeof filePid !== 'number' && record.sessionId === null) {
    warnings.push('unrecognised registry file shape (no pid or sessionId)');
  }
  record.warning = warnings.length > 0 ? warnings.join('; ') : null;
  return record;
}
