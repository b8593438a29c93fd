// Headless Chromium for the tests that look at an HTML page as a browser draws it: Debian's
// `chromium` (.ci/run installs it) driven by playwright-core, which downloads no browser of its own.
import { accessSync, constants, statSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's build; AUTHSH_E2E_CHROMIUM names another one. */
export const chromiumPath = process.env.AUTHSH_E2E_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or undefined when Chromium is installed. Under CI (which
 * installs it) a missing browser is not a reason to skip: the tests run and fail, so a green CI
 * always means the report was drawn.
 */
export const chromiumMissing: string | undefined = (() => {
  if (process.env.CI) return undefined;
  try {
    accessSync(chromiumPath, constants.X_OK);
    if (statSync(chromiumPath).isFile()) return undefined;
  } catch {
    // not there, or not a program: say so below
  }
  return `${chromiumPath} is not installed (.ci/run installs Debian's chromium)`;
})();

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // Playwright passes --headless itself; no sandbox as root in a container; nothing of
    // Chromium's own (updates, safe browsing, field trials) on the wire while a test listens.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
}
