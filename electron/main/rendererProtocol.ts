import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { RENDERER_SCHEME, resolveRendererPath } from './rendererSource';

/** Must run before `app.whenReady()`: privileges can only be granted before the app is ready. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves `switchyard://app/<path>` from the built renderer folder, and nothing outside it. */
export function serveRendererProtocol(rendererDir: string): void {
  protocol.handle(RENDERER_SCHEME, (request) => {
    const file = resolveRendererPath(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return net.fetch(pathToFileURL(file).toString());
  });
}
