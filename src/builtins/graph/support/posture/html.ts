// The MFA posture report as one self-contained HTML file (issue 15), for `report-mfa -html FILE`:
// a headline figure and cards, coverage gauges, methods, coverage by group and the trend as
// inline SVG charts (html-charts.ts, Vega loaded only here), and the users who need action in
// sortable tables. Nothing can load from the network when it is opened: styles and the one script
// are inline and a Content-Security-Policy forbids everything else (the script by its hash). The
// model holds counts and method names only, so there is no secret to leak; every string from the
// tenant is escaped.
import { createHash } from 'node:crypto';
import type { MfaPosture, PostureTotals } from './model.js';
import { SCRIPT, STYLE } from './html-assets.js';
import { chartsOf } from './html-charts.js';
import { drawCharts } from './html-vega.js';
import { coverageTable, groupsTable, methodsTable, needsActionList, trendTable } from './html-tables.js';
import { count, day, esc, measureShare, pct, points, tenantName, when, type MeasureKey } from './html-text.js';

const SOURCES: Record<MfaPosture['source'], string> = {
  registrationReport: 'Registration report (userRegistrationDetails)',
  methods: 'Per-user method listing (fallback)',
};

/** The CSP: nothing from anywhere; inline styles; the page's script and no other. */
function csp(): string {
  const hash = createHash('sha256').update(SCRIPT).digest('base64');
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `script-src 'sha256-${hash}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** "+7.6 pts since 1 November 2026", with an arrow that does not rely on colour. */
function delta(m: MfaPosture, key: MeasureKey): string {
  if (!m.previous) return '';
  const [now, then] = [measureShare(m.totals, key), measureShare(m.previous.totals, key)];
  const arrow = now > then ? '▲' : now < then ? '▼' : '■';
  return `<span class="delta">${arrow} ${points(now, then)}</span>`;
}

function card(m: MfaPosture, key: MeasureKey | null, label: string, value: string, sub: string, tone: string) {
  const change = key && m.previous ? `<div class="sub">${delta(m, key)}</div>` : '';
  return (
    `<li class="card ${tone}"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div>` +
    `<div class="sub">${esc(sub)}</div>${change}</li>`
  );
}

function headline(m: MfaPosture): string {
  const t: PostureTotals = m.totals;
  const of = (k: MeasureKey) => `${count(t[k])} of ${count(t.users)} users`;
  const since = m.previous ? `<p>${delta(m, 'mfaCapable')} since ${esc(day(m.previous.generatedAt))}</p>` : '';
  const adminsTone = t.adminsWithoutPhishingResistant > 0 ? 'risk' : 'good';
  return `<div class="headline">
<div class="hero"><div class="figure">${pct(t.mfaCapable, t.users)}</div>
<div class="what">of users can sign in with MFA</div>
<p>${count(t.mfaCapable)} of ${count(t.users)} users have a strong method registered and allowed by policy.</p>${since}</div>
<ul class="cards" aria-label="Key figures">
${card(m, 'phishingResistant', 'Phishing-resistant', pct(t.phishingResistant, t.users), of('phishingResistant'), 'good')}
${card(m, 'passwordlessCapable', 'Passwordless-capable', pct(t.passwordlessCapable, t.users), of('passwordlessCapable'), '')}
${card(m, 'ssprRegistered', 'SSPR-registered', pct(t.ssprRegistered, t.users), of('ssprRegistered'), '')}
${card(m, 'smsVoiceOnly', 'SMS/voice only', pct(t.smsVoiceOnly, t.users), of('smsVoiceOnly'), 'risk')}
${card(m, 'noMfaMethod', 'No MFA method', pct(t.noMfaMethod, t.users), of('noMfaMethod'), 'risk')}
${card(m, null, 'Admins without phishing-resistant', `${t.adminsWithoutPhishingResistant} of ${t.admins}`, 'privileged role holders', adminsTone)}
</ul></div>`;
}

function figure(svg: string, numbers: string): string {
  return `<figure>${svg}</figure>${numbers}`;
}

function needsAction(m: MfaPosture): string {
  const n = m.needsAction;
  const lists: [string, string, string, typeof n.noMfaMethod, string, string][] = [
    [
      'admins-without-phishing-resistant',
      'Admins without a phishing-resistant method',
      'Hold a privileged role but have no FIDO2 key, passkey, Windows Hello for Business or platform credential.',
      n.adminsWithoutPhishingResistant,
      'Every admin has a phishing-resistant method.',
      'Admins without a phishing-resistant method',
    ],
    [
      'sms-voice-only',
      'SMS or voice only',
      'MFA-capable only through a phone: no app, OATH token, key or Windows Hello.',
      n.smsVoiceOnly,
      'No user relies on SMS or voice alone.',
      'Users whose only MFA methods are SMS or voice',
    ],
    [
      'no-mfa-method',
      'No MFA method',
      'No multi-factor method registered at all.',
      n.noMfaMethod,
      'Every user has an MFA method registered.',
      'Users with no MFA method',
    ],
  ];
  return lists
    .map(
      ([id, title, lead, list, empty, caption]) =>
        `<section id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h">${esc(title)} ` +
        `<span class="count">(${count(list.count)})</span></h3><p class="lead">${esc(lead)}</p>` +
        `${needsActionList(m, list, caption, empty)}</section>`,
    )
    .join('\n');
}

/** The whole report: one HTML document, every chart drawn, ready to write to a file or mail. */
export async function renderPostureHtml(model: MfaPosture): Promise<string> {
  const m = model;
  const charts = chartsOf(m);
  const svg = await drawCharts(charts);
  const tenant = tenantName(m);
  const groups = m.groups?.length
    ? `<section id="groups" aria-labelledby="groups-h"><h2 id="groups-h">Coverage by ${esc(m.by ?? 'group')}</h2>
<p class="lead">Lowest MFA-capable share first. The table lists every ${esc(m.by ?? 'group')}; sort it by any column.</p>
${figure(svg.get('chart-groups')!, groupsTable(m))}</section>`
    : '';
  const trend = m.previous
    ? `<section id="trend" aria-labelledby="trend-h"><h2 id="trend-h">Trend since ${esc(day(m.previous.generatedAt))}</h2>
<p class="lead">Each measure's share at the earlier run (grey) and now (blue).</p>
<div class="pair">${figure(svg.get('chart-trend')!, trendTable(m))}</div></section>`
    : '';
  const note = m.source === 'methods' && m.sourceNote ? `<p class="note">${esc(m.sourceNote)}</p>` : '';
  return (
    `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>MFA posture — ${esc(tenant)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="report">
<p class="eyebrow">MFA posture report</p>
<h1>${esc(tenant)}</h1>
<p class="meta"><span>Generated <time datetime="${esc(m.generatedAt)}">${esc(when(m.generatedAt))}</time></span>` +
    `<span>${count(m.totals.users)} users</span><span>Source: ${esc(SOURCES[m.source])}</span>` +
    `<span>Tenant ${esc(m.tenant.id)}</span></p>
${note}
</header>
${headline(m)}
<div class="pair">
<section id="coverage" aria-labelledby="coverage-h"><h2 id="coverage-h">Coverage</h2>
<p class="lead">Share of all users${m.previous ? '; the black tick marks the earlier run' : ''}.</p>
${figure(svg.get('chart-coverage')!, coverageTable(m))}</section>
<section id="methods" aria-labelledby="methods-h"><h2 id="methods-h">Methods registered</h2>
<p class="lead">Users with each method registered, coloured by strength. A user may have several.</p>
${figure(svg.get('chart-methods')!, methodsTable(m))}</section>
</div>
${groups}
${trend}
<section id="needs-action" aria-labelledby="needs-action-h"><h2 id="needs-action-h">Users who need action</h2>
<p class="lead">Sort a table by pressing a column header.</p></section>
${needsAction(m)}
<footer>Generated by authsh report-mfa. Counts and method names only: the report holds no secret of any kind.</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`
  );
}
