import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';
import { pushToast } from './pushToast';

/** Copies text and says so; falls back to a hidden textarea where the Clipboard API is refused. */
export async function copyText(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) {
      pushToast('error', `Could not copy the ${what}`, text);
      return;
    }
  }
  pushToast('success', `Copied the ${what}`, text);
}

export function linearIssueUrl(issueId: string): string {
  const slug = useAppStore.getState().state?.settings.linear.workspaceSlug ?? 'claudian';
  return `https://linear.app/${encodeURIComponent(slug)}/issue/${encodeURIComponent(issueId)}`;
}

export function openIssue(issueId: string): void {
  void callAndToast('shell.openExternal', { url: linearIssueUrl(issueId) });
}

/**
 * Opens the worktree in the file manager, editor or terminal. Returns core's words when it cannot
 * (serve mode answers `unavailable`), so the panel can show them beside "Copy path".
 */
export async function openWorktree(path: string, using: 'files' | 'editor' | 'terminal'): Promise<string | null> {
  const { client } = useAppStore.getState();
  if (!client) return 'Switchyard is not connected yet.';
  const result = await client.call('shell.open', { path, with: using });
  if (result.ok) return result.value.opened ? null : 'Nothing opened the folder.';
  // `unavailable` (serve mode) is shown beside "Copy path" by the caller; a toast would say it twice.
  if (result.error.code !== 'unavailable') pushToast('error', 'Could not open the folder', result.error.message);
  return result.error.message;
}
