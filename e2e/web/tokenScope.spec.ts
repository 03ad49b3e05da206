import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { serveApp, type ServedApp } from '../support/serveApp';

/** Everything another loopback server saw: the request line and every header. */
interface Seen {
  url: string;
  headers: IncomingHttpHeaders;
}

let app: ServedApp;
let other: Server;
let otherOrigin = '';
const seen: Seen[] = [];

test.beforeAll(async () => {
  app = await serveApp(['--demo']);
  // A second server on another 127.0.0.1 port: cookies are per host, not per port, so this is
  // exactly who would get a host-wide session cookie. Its page also asks for cookies itself.
  other = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url !== '/probe') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>other</title><script>fetch('/probe', { credentials: 'include' }); document.title = 'cookies:' + document.cookie;</script>`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await app.stop();
  await new Promise((r) => other.close(r));
});

test('the serve-mode credential never reaches another server on 127.0.0.1', async ({ page, context }) => {
  await page.goto(app.openUrl);
  const ui = new AppPage(page);
  await ui.waitConnected();
  expect(page.url()).not.toContain(app.token);
  await expect(ui.sessionRows()).toHaveCount(5);
  expect(await context.cookies()).toEqual([]);

  // The page itself reaches for the other port (CSP may block it: then nothing is sent at all).
  await page.evaluate((url) => {
    void fetch(`${url}/from-page`, { credentials: 'include', mode: 'no-cors' }).catch(() => undefined);
  }, otherOrigin);
  // Navigation from the app to the other port, as a link or a script would do.
  await page.evaluate((url) => {
    window.location.href = `${url}/`;
  }, otherOrigin);
  await expect(page).toHaveTitle(/^cookies:/);
  expect(await page.title()).toBe('cookies:');
  await expect.poll(() => seen.some((s) => s.url === '/probe')).toBe(true);
  // And straight to it in the same browser context, as any other tab would.
  await page.goto(`${otherOrigin}/direct`);

  expect(seen.map((s) => s.url)).toEqual(expect.arrayContaining(['/', '/probe', '/direct']));
  for (const request of seen) {
    expect(request.headers.cookie, `${request.url} carried a cookie`).toBeUndefined();
    expect(request.url).not.toContain(app.token);
    for (const [name, value] of Object.entries(request.headers)) {
      expect(String(value), `header ${name} of ${request.url}`).not.toContain(app.token);
    }
  }

  // Back in the app, a reload keeps working from the tab's own storage (no cookie, no URL token).
  await page.goto(`${app.origin}/`);
  // A fresh navigation in the same tab keeps sessionStorage for the origin.
  await ui.waitConnected();
  await expect(ui.sessionRows()).toHaveCount(5);
});

test('a page without the token cannot drive Switchyard, and a junk same-name cookie does not lock the real page out', async ({ page, context }) => {
  // Junk cookies of the old name, as another port on 127.0.0.1 could set for a year: one that does
  // not percent-decode, scoped to /ws so the browser sends it first on the socket.
  const year = Math.floor(Date.now() / 1000) + 365 * 86400;
  await context.addCookies([
    { name: 'switchyard_token', value: '%E0%A4%A', domain: '127.0.0.1', path: '/ws', expires: year },
    { name: 'switchyard_token', value: 'junk', domain: '127.0.0.1', path: '/', expires: year },
  ]);
  await page.goto(`${app.origin}/`);
  // The app shell loads (no secret in it) but never connects without the token.
  await page.waitForTimeout(2_000);
  await expect(page.getByText('Connected', { exact: true })).toHaveCount(0);
  await page.goto(app.openUrl);
  await new AppPage(page).waitConnected();
  await expect(new AppPage(page).sessionRows()).toHaveCount(5);
});
