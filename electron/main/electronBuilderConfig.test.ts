import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { rendererUrlFor } from './rendererSource';

// Runs after `npm run build` (the test command builds first), so out/ is what a release would pack.
const root = join(__dirname, '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(root, full).replace(/\\/g, '/')];
  });
}

/** electron-builder's patterns here are `dir/**` or plain files; enough to check what they name. */
function matches(pattern: string, file: string): boolean {
  if (pattern.startsWith('**/*')) return file.endsWith(pattern.slice(4));
  if (pattern.endsWith('/**')) return file.startsWith(pattern.slice(0, -2));
  return file === pattern;
}

describe('electron-builder.yml', () => {
  const files = config.files as string[];
  const include = files.filter((p) => !p.startsWith('!'));
  const exclude = files.filter((p) => p.startsWith('!')).map((p) => p.slice(1));
  const built = [...listFiles(join(root, 'out')), 'package.json'];

  it('targets Linux (AppImage, deb), macOS (dmg) and Windows (nsis)', () => {
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
  });

  it('hardens the Electron fuses', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: false, enableNodeOptionsEnvironmentVariable: false, enableNodeCliInspectArguments: false, onlyLoadAppFromAsar: true, enableEmbeddedAsarIntegrityValidation: true });
  });

  it('keeps file:// unprivileged because the renderer is served from the switchyard:// scheme, not file://', () => {
    expect(config.electronFuses).toMatchObject({ grantFileProtocolExtraPrivileges: false });
    expect(rendererUrlFor({ isPackaged: true, env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' } })).toMatch(/^switchyard:\/\/app\//);
  });

  it('names only files the build produces, and each pattern matches something', () => {
    expect(built.some((f) => f.startsWith('out/main/'))).toBe(true);
    for (const pattern of include) {
      expect(built.filter((f) => matches(pattern, f)), `pattern ${pattern}`).not.toHaveLength(0);
    }
  });

  it('packs main, preload and renderer, and leaves the serve-mode entry out', () => {
    const packed = built.filter((f) => include.some((p) => matches(p, f)) && !exclude.some((p) => matches(p, f)));
    expect(packed).toContain('out/main/index.js');
    expect(packed).toContain('out/preload/index.cjs');
    expect(packed).toContain('out/renderer/index.html');
    expect(packed.filter((f) => f.startsWith('out/server/'))).toEqual([]);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(packed).toContain(pkg.main);
  });
});
