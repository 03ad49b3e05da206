import type { SessionRecord } from '../../../../shared/domain/session';
import type { PlanFileSnapshot } from '../planFile';
import { planWorkspace } from './planMasterInfo';
import { registryWants, type RegistryWant } from './registryWriteBack';

/** The registry rows a plan's live sessions call for, with links in the plan's own workspace. */
export function registryWantsFor(snapshot: PlanFileSnapshot, records: readonly SessionRecord[]): RegistryWant[] {
  return registryWants(snapshot.path, records, planWorkspace(snapshot.parsed));
}
