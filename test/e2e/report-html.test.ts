// The MFA posture report (issue 15) as a reader sees it: rendered to one HTML file, opened in
// headless Chromium. The charts drew (SVG marks with a size), the figures are in the page as text,
// a table sorts by its header, and the page asks the network for nothing but itself. Screenshots
// (desktop, phone, print) are kept in test-artifacts/ for a person to look at.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderPostureHtml } from '../../src/builtins/graph/support/posture/html.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { cliPath, root, runCli } from '../support/cli.js';
import { postureFixture } from '../support/posture-fixture.js';
import type { MfaPosture } from '../../src/builtins/graph/support/posture/model.js';

const artifacts = join(root, 'test-artifacts');

/** Opens a report at this width, recording every request the page makes. */
async function open(browser: Browser, url: string, width: number): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests };
}

/** Per chart: how many drawn marks (paths and lines inside Vega's mark groups) have a size. */
const drawnMarks = (page: Page) =>
  page.$$eval('figure svg', (svgs) =>
    svgs.map((svg) => {
      const marks = [...svg.querySelectorAll('g[class*="mark-"] > path, g[class*="mark-"] > line')];
      return marks.filter((m) => {
        const b = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
        return b.width > 0 && b.height > 0;
      }).length;
    }),
  );

describe.skipIf(chromiumMissing)(`the HTML report in Chromium${chromiumMissing ? ` (${chromiumMissing})` : ''}`, () => {
  let browser: Browser;
  let url: string;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'authsh-report-')), 'report-mfa.html');
    writeFileSync(file, await renderPostureHtml(postureFixture()));
    url = pathToFileURL(file).href;
    mkdirSync(artifacts, { recursive: true });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every chart, shows the figures as text, and requests nothing but itself', async () => {
    const { page, requests } = await open(browser, url, 1280);
    const marks = await drawnMarks(page);
    expect(marks).toHaveLength(4);
    // Gauges: a track and a bar per measure; methods: a bar per method; groups: two bars per
    // group; trend: a line per measure.
    const [gauges, methods, groups, trend] = marks;
    expect(gauges).toBeGreaterThanOrEqual(8);
    expect(methods).toBeGreaterThanOrEqual(11);
    expect(groups).toBeGreaterThanOrEqual(16);
    expect(trend).toBeGreaterThanOrEqual(6);
    const text = await page.innerText('body');
    for (const figure of ['74.0%', '1,480', '11.8%', '5 of 14', '+7.6 pts', 'Contoso Ltd'])
      expect(text).toContain(figure);
    await page.screenshot({ path: join(artifacts, 'report-mfa.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(artifacts, 'report-mfa-print.png'), fullPage: true });
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('sorts a table by the header clicked, and back the other way, by mouse or keyboard', async () => {
    const { page, requests } = await open(browser, url, 1280);
    const table = page.locator('#sms-voice-only table');
    const header = table.locator('th', { hasText: 'User principal name' });
    const upns = () => table.locator('tbody tr td:first-child').allInnerTexts();
    const before = await upns();
    expect(before[0]).toBe('sms.user1@contoso.com');
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    const ascending = await upns();
    expect(ascending).toEqual([...before].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    const descending = await upns();
    expect(descending[0]).toBe('sms.user388@contoso.com');
    expect(descending).toEqual([...ascending].reverse());
    expect(descending).not.toEqual(before);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('fits a phone: no sideways scrolling of the page, charts within the width', async () => {
    const { page, requests } = await open(browser, url, 390);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
    expect(overflow).toBeLessThanOrEqual(0);
    const widths = await page.$$eval('figure svg', (svgs) => svgs.map((s) => s.getBoundingClientRect().width));
    for (const w of widths) expect(w).toBeLessThanOrEqual(390);
    expect((await drawnMarks(page)).every((n) => n > 0)).toBe(true);
    await page.screenshot({ path: join(artifacts, 'report-mfa-phone.png'), fullPage: true });
    expect(requests).toEqual([url]);
    await page.close();
  });
});

const demoMissing = chromiumMissing;

describe.skipIf(demoMissing)(
  `the demo tenant's report-mfa -html in Chromium${demoMissing ? ` (${demoMissing})` : ''}`,
  () => {
    it("draws the charts with the figures of the same run's -json, every listed user, and no request", async () => {
      const dir = mkdtempSync(join(tmpdir(), 'authsh-report-demo-'));
      const [html, json] = [join(dir, 'report.html'), join(dir, 'report.json')];
      const r = runCli(
        ['--demo', '--demo-users', '300', '-c', `report-mfa -html '${html}' -json '${json}' -by department`],
        {
          timeout: 60_000,
        },
      );
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      const model = JSON.parse(readFileSync(json, 'utf8')) as MfaPosture;
      const browser = await launchChromium();
      try {
        const url = pathToFileURL(html).href;
        const { page, requests } = await open(browser, url, 1280);
        const marks = await drawnMarks(page);
        expect(marks).toHaveLength(3);
        expect(marks.every((n) => n > 0)).toBe(true);
        const text = await page.innerText('body');
        const t = model.totals;
        for (const n of [t.mfaCapable, t.phishingResistant, t.noMfaMethod]) {
          expect(text).toContain(`${((n / t.users) * 100).toFixed(1)}%`);
        }
        for (const id of ['sms-voice-only', 'no-mfa-method'] as const) {
          const list = model.needsAction[id === 'sms-voice-only' ? 'smsVoiceOnly' : 'noMfaMethod'];
          expect(list.users.length).toBeGreaterThan(0);
          expect(await page.locator(`#${id} tbody tr`).count()).toBe(list.users.length);
        }
        await page.screenshot({ path: join(artifacts, 'report-mfa-demo.png'), fullPage: true });
        expect(requests).toEqual([url]);
      } finally {
        await browser.close();
      }
    }, 90_000);
  },
);

/** The built files Node loads to start authsh: the launcher and the bundle it runs (src/cli/launcher.ts). */
function startupFiles(): Set<string> {
  return new Set([cliPath, join(dirname(cliPath), 'authsh.cjs')]);
}

describe('the HTML report at start-up', () => {
  it("costs authsh's start-up nothing: vega and vega-lite are not in what the CLI loads to start", () => {
    const files = [...startupFiles()];
    expect(files.length).toBeGreaterThan(1);
    // Marks of vega's view (renderHeadless) and of vega-lite's compiler (compile(inputSpec): they
    // are bundled, so the package names are gone; these identifiers are theirs.
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/renderHeadless|compile\(inputSpec/);
  });
});
