import { callAndToast } from '../../components/callAndToast';
import { useAppStore } from '../../store/appStore';

/** `https://linear.app/<slug>/issue/<identifier>` with the workspace slug from settings. */
export function linearUrlFor(identifier: string): string {
  const slug = useAppStore.getState().state?.settings.linear.workspaceSlug ?? 'claudian';
  return `https://linear.app/${encodeURIComponent(slug)}/issue/${encodeURIComponent(identifier)}`;
}

/**
 * Click handler for a Linear link: the desktop app opens it through core (allow-listed https only;
 * the window itself never navigates); in the browser the link opens in a new tab as usual.
 */
export function onLinearLinkClick(event: { preventDefault(): void }, url: string): void {
  if (useAppStore.getState().client?.transport !== 'electron') return;
  event.preventDefault();
  void callAndToast('shell.openExternal', { url });
}
