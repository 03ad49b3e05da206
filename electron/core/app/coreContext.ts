import type { AppMode, Toast } from '../../../shared/domain/appMeta';
import type { Settings } from '../../../shared/domain/settings';
import type { SecretStore } from '../linear/linearKeyStore';
import type { StateStore } from '../state/stateStore';
import type { Logger, PlatformActions } from './platformActions';
import type { WorkspaceConfig } from './workspaceConfig';
import type { WorkspaceRuntime } from './workspaceRuntime';

/** What request handlers of every domain may use; the runtime and settings change over time. */
export interface CoreContext {
  readonly mode: AppMode;
  readonly store: StateStore;
  readonly platform: PlatformActions;
  readonly logger: Logger;
  /** Where the Linear key lives: safeStorage in Electron, the environment in serve mode. */
  readonly secretStore: SecretStore;
  runtime(): WorkspaceRuntime;
  settings(): Settings;
  workspace(): WorkspaceConfig;
  toast(toast: Omit<Toast, 'id' | 'at'>): void;
}
