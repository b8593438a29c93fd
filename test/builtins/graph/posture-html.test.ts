// The MFA posture report as one HTML file (issue 15): every string from the tenant escaped, every
// user who needs action listed, nothing that could load from the network, and charts that carry
// their numbers as text. The browser test (test/e2e/report-html.test.ts) looks at it drawn.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderPostureHtml } from '../../../src/builtins/graph/support/posture/html.js';
import { drawCharts } from '../../../src/builtins/graph/support/posture/html-vega.js';
import { HOSTILE_GROUP, HOSTILE_NAME, HOSTILE_UPN, postureFixture } from '../../support/posture-fixture.js';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The HTML of the element with this id, up to the next section. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `section #${id}`).toBeGreaterThan(-1);
  const end = html.indexOf('<section', start);
  return html.slice(start, end < 0 ? undefined : end);
}

const bodyRows = (html: string) => (html.split('<tbody>')[1] ?? '').split('</tbody>')[0]!.match(/<tr[ >]/g) ?? [];

describe('renderPostureHtml', () => {
  it('escapes display names, UPNs and group names from the tenant', async () => {
    const html = await renderPostureHtml(postureFixture());
    for (const hostile of [HOSTILE_NAME, HOSTILE_UPN, HOSTILE_GROUP]) {
      expect(html).not.toContain(hostile);
      expect(html).toContain(escapeHtml(hostile));
    }
    // No tag of theirs survives: the attributes stay text inside escaped markup.
    expect(html).not.toMatch(/<img[\s>]|<svg\/|<b>|<script>alert/);
    // One script: the page's own table sorter.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it('lists every user who needs action, with UPN, display name, group and methods', async () => {
    const model = postureFixture();
    const html = await renderPostureHtml(model);
    for (const [id, key] of [
      ['admins-without-phishing-resistant', 'adminsWithoutPhishingResistant'],
      ['sms-voice-only', 'smsVoiceOnly'],
      ['no-mfa-method', 'noMfaMethod'],
    ] as const) {
      const part = section(html, id);
      const list = model.needsAction[key];
      expect(bodyRows(part)).toHaveLength(list.users.length);
      for (const u of list.users) {
        expect(part).toContain(`>${escapeHtml(u.userPrincipalName)}<`);
        expect(part).toContain(`>${escapeHtml(u.displayName)}<`);
      }
      expect(part).not.toContain('more not listed');
    }
    const admins = section(html, 'admins-without-phishing-resistant');
    expect(admins).toContain(`>${escapeHtml(HOSTILE_GROUP)}<`);
    expect(admins).toContain('Mobile phone, Email');
    expect(admins).toMatch(/<th[^>]*aria-sort=/);
  });

  it('says how many more users there were when a list was capped', async () => {
    const model = postureFixture();
    model.needsAction.noMfaMethod.count = 7520;
    const html = await renderPostureHtml(model);
    expect(section(html, 'no-mfa-method')).toContain('7,000 more not listed');
  });

  it('says when a list is empty instead of drawing an empty table', async () => {
    const model = postureFixture();
    model.needsAction.adminsWithoutPhishingResistant = { count: 0, users: [] };
    const part = section(await renderPostureHtml(model), 'admins-without-phishing-resistant');
    expect(part).not.toContain('<table');
    expect(part).toMatch(/every admin has a phishing-resistant method/i);
  });

  it('can load nothing from the network: a strict CSP and no URL references', async () => {
    const html = await renderPostureHtml(postureFixture());
    const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    expect(csp).not.toBeNull();
    expect(csp![1]).toMatch(/^default-src 'none';/);
    expect(csp![1]).not.toMatch(/https?:|\*/);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\b(src|href|xlink:href|action)\s*=\s*"(?!#|data:)/);
    expect(html).not.toMatch(/@import|url\((?!#)/);
  });

  it('gives every chart a text alternative and its numbers as text', async () => {
    const model = postureFixture();
    const html = await renderPostureHtml(model);
    const svgs = html.match(/<svg[^>]*>/g) ?? [];
    expect(svgs.length).toBe(4);
    for (const svg of svgs) expect(svg).toMatch(/role="img"[^>]*aria-labelledby="[^"]+"/);
    expect(html.match(/<svg[^>]*><title id="[^"]+">[^<]+<\/title><desc id="[^"]+">[^<]+<\/desc>/g)).toHaveLength(4);
    // The headline and the gauges: shares of 2,000 users.
    for (const text of ['2,000', '74.0%', '1,480', '11.8%', '20.5%', '66.1%', '19.4%', '26.0%', '5 of 14']) {
      expect(html).toContain(text);
    }
    const methods = section(html, 'methods');
    for (const m of model.methods) expect(methods).toContain(`<td>${m.users.toLocaleString('en-US')}</td>`);
    expect(methods).toContain('Microsoft Authenticator (push)');
    const groups = section(html, 'groups');
    expect(groups).toContain('department');
    expect(groups).toContain('<td>53.9%</td>'); // Sales: 221 of 410 MFA-capable
    const trend = section(html, 'trend');
    expect(trend).toContain('66.4%'); // MFA-capable a month before: 1,302 of 1,960
    expect(trend).toContain('+7.6 pts');
  });

  it('leaves out the group and trend charts without -by or -compare, and names the fallback source', async () => {
    const model = postureFixture();
    delete model.groups;
    delete model.by;
    delete model.previous;
    model.source = 'methods';
    model.sourceNote = 'The registration report needs Entra ID P1 (LicenseRequired): listed each user’s methods.';
    const html = await renderPostureHtml(model);
    expect(html).not.toContain('id="groups"');
    expect(html).not.toContain('id="trend"');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('Per-user method listing');
    expect(html).toContain('The registration report needs Entra ID P1 (LicenseRequired): listed each user’s methods.');
  });

  it('heads the report with the tenant, the time and the source', async () => {
    const html = await renderPostureHtml(postureFixture());
    expect(html).toContain('<title>MFA posture — Contoso Ltd (contoso.com)</title>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<time datetime="2026-12-01T23:58:12.000Z">');
    expect(html).toContain('Registration report');
    expect(html).toContain('@media print');
  });

  it('names two runs of one day by their time in the trend', async () => {
    const model = postureFixture();
    model.previous!.generatedAt = '2026-12-01T06:00:00.000Z';
    const trend = section(await renderPostureHtml(model), 'trend');
    expect(trend).toContain('<th scope="col">1 Dec 2026 06:00</th><th scope="col">1 Dec 2026 23:58</th>');
  });

  it('renders a tenant with no users as 0% everywhere, never NaN', async () => {
    const model = postureFixture();
    for (const k of Object.keys(model.totals) as (keyof typeof model.totals)[]) model.totals[k] = 0;
    model.methods = [];
    model.groups = [];
    delete model.previous;
    for (const list of Object.values(model.needsAction)) Object.assign(list, { count: 0, users: [] });
    const html = await renderPostureHtml(model);
    expect(html.replace(/<script>[\s\S]*<\/script>/, '')).not.toMatch(/NaN|Infinity|undefined/);
    expect(html).toContain('<div class="figure">0.0%</div>');
    expect(html).not.toContain('id="groups"');
    expect(html).toMatch(/every user has an MFA method registered/i);
  });

  it('draws charts with a loader that fetches nothing, even for a spec that names a URL', async () => {
    let requests = 0;
    const server = createServer((_, res) => {
      requests++;
      res.end('[{"a": 1}]');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/data.json`;
      const spec = { data: { url }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' } } } as const;
      const svg = await drawCharts([{ id: 'c', title: 'A chart', desc: 'Its numbers.', spec }]);
      expect(svg.get('c')).toMatch(/^<svg[^>]* role="img" aria-labelledby="c-title c-desc"><title id="c-title">/);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });

  it('prints only the fields it names: anything else that reached a user row stays out', async () => {
    const model = postureFixture();
    const row = model.needsAction.smsVoiceOnly.users[0]!;
    Object.assign(row, { temporaryAccessPass: 'TAP-Zx81-secret', phoneNumber: '+1 206 555 0100' });
    const html = await renderPostureHtml(model);
    expect(html).toContain(row.userPrincipalName);
    expect(html).not.toContain('TAP-Zx81-secret');
    expect(html).not.toContain('555 0100');
  });
});
