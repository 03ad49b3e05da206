import { chromium, type Browser, type BrowserContext, type LaunchOptions } from '@playwright/test';
import config from '../../playwright.config';

/**
 * Chromium as the e2e "web" project starts it (Debian's /usr/bin/chromium and the same arguments):
 * read from playwright.config.ts so the bench and the specs cannot drift apart.
 */
export function webLaunchOptions(): LaunchOptions {
  return config.projects?.find((p) => p.name === 'web')?.use?.launchOptions ?? {};
}

export function launchWebChromium(): Promise<Browser> {
  return chromium.launch(webLaunchOptions());
}

/** A context with the specs' viewport. */
export function newWebContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: config.use?.viewport ?? { width: 1360, height: 860 } });
}
