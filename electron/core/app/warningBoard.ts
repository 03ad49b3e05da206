import type { AppWarning } from '../../../shared/domain/appMeta';
import type { StateStore } from '../state/stateStore';

/**
 * Warnings grouped by source: each service replaces its own set, so one service's fix never
 * clears another's warning, and the status bar count is always the truth.
 */
export class WarningBoard {
  constructor(private readonly store: StateStore) {}

  replace(source: string, warnings: Array<{ message: string; subject?: string | null; severity?: AppWarning['severity'] }>): void {
    const prefix = `${source}:`;
    const next = new Map<string, AppWarning>();
    for (const w of warnings) {
      const id = `${prefix}${w.subject ?? ''}:${w.message}`.slice(0, 400);
      const existing = this.store.current.warnings[id];
      next.set(id, existing ?? { id, severity: w.severity ?? 'warning', source, message: w.message, at: new Date().toISOString(), subject: w.subject ?? null });
    }
    for (const id of Object.keys(this.store.current.warnings)) {
      if (id.startsWith(prefix) && !next.has(id)) this.store.remove('warnings', id);
    }
    for (const [id, warning] of next) this.store.upsert('warnings', id, warning);
  }

  clearAll(): void {
    for (const id of Object.keys(this.store.current.warnings)) if (id !== 'settings') this.store.remove('warnings', id);
  }
}
