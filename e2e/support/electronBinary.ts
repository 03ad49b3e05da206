// Typed wrapper over scripts/electronBinary.mjs so specs share the start script's detection.
import { ensureElectronBinary } from '../../scripts/electronBinary.mjs';

export function electronBinaryOrReason(): { path: string | null; reason: string } {
  const found = ensureElectronBinary() as { path: string | null; reason?: string };
  return { path: found.path, reason: found.reason ?? '' };
}
