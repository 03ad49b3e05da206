import type { Violation } from '../../../../shared/domain/dispatch';
import { violation } from '../../dispatch';
import { classifyPlanFileName } from '../planNaming';

/**
 * §5 as a dispatch violation, from the one naming rule the Plans view uses too (so `CIA-123.md`
 * is fine in both views, and a random three-word name is flagged in both).
 */
export function planNameViolation(fileName: string): Violation | null {
  const info = classifyPlanFileName(fileName);
  if (info.conventional) return null;
  const message = info.flagged
    ? `Plan file "${fileName}" has a Claude-generated random name; rename it {YYYY-MM-DD}-{project-short}-{topic}.md.`
    : `Plan file "${fileName}" does not follow {YYYY-MM-DD}-{project-short}-{topic}.md (or {ISSUE-ID}-slug.md).`;
  return violation('plan.file-name', message, {}, 'warning');
}
