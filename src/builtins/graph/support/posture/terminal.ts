// The MFA posture as a compact terminal summary (issue 15): one proportional bar a measure
// (Unicode blocks, eighths of a cell), the count and the share, the change against -compare in
// points (▲/▼), then the methods registered and the worst groups of -by. Colour through
// picocolors only when asked (the host's colour: a terminal without NO_COLOR); plain otherwise,
// so a log or a pipe gets the same text without escape codes.
import pc from 'picocolors';
import type { MfaPosture, PostureTotals } from './model.js';

export interface SummaryOptions {
  color: boolean;
  /** How many of the worst groups to show (default 5). */
  top?: number;
  /** Cells of a full bar (default 24). */
  width?: number;
}

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A bar of `share` (0…1) of `width` cells, padded to the width. */
export function bar(share: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, share)) * width * 8);
  const full = Math.floor(eighths / 8);
  const text = '█'.repeat(full) + EIGHTHS[eighths % 8];
  return text + ' '.repeat(width - [...text].length);
}

const num = (n: number) => n.toLocaleString('en-US');
const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)}%`);
const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** The measures in the order shown; `good` says which way is better. */
const MEASURES: { key: keyof PostureTotals; label: string; good: 'up' | 'down' }[] = [
  { key: 'mfaCapable', label: 'MFA-capable', good: 'up' },
  { key: 'passwordlessCapable', label: 'Passwordless-capable', good: 'up' },
  { key: 'phishingResistant', label: 'Phishing-resistant', good: 'up' },
  { key: 'ssprRegistered', label: 'SSPR-registered', good: 'up' },
  { key: 'smsVoiceOnly', label: 'SMS/voice only', good: 'down' },
  { key: 'noMfaMethod', label: 'No MFA method', good: 'down' },
];

export function formatPostureSummary(p: MfaPosture, opts: SummaryOptions): string {
  const c = pc.createColors(opts.color);
  const width = opts.width ?? 24;
  const t = p.totals;
  const lines: string[] = [];
  const when = p.generatedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const source = p.source === 'registrationReport' ? 'registration report' : "users' methods (fallback)";
  lines.push(
    c.bold(`MFA posture of ${p.tenant.domain || p.tenant.id}`) +
      ` — ${num(t.users)} users, ${when}, from the ${source}`,
  );
  if (p.sourceNote) lines.push(c.yellow(`  note: ${p.sourceNote}`));
  if (p.previous) lines.push(`  compared with ${p.previous.generatedAt} (${num(p.previous.totals.users)} users)`);
  lines.push('');
  const labelWidth = Math.max(...MEASURES.map((m) => m.label.length));
  const countWidth = num(t.users).length;
  for (const m of MEASURES) {
    const n = t[m.key];
    const tint = m.good === 'up' ? c.green : c.red;
    let row =
      `  ${m.label.padEnd(labelWidth)}  ${tint(bar(share(n, t.users), width))} ` +
      `${num(n).padStart(countWidth)}  ${pct(n, t.users).padStart(6)}`;
    if (p.previous)
      row += '  ' + trend(share(n, t.users), share(p.previous.totals[m.key], p.previous.totals.users), m.good, c);
    lines.push(row);
  }
  lines.push(
    `  Admins without a phishing-resistant method: ${num(t.adminsWithoutPhishingResistant)} of ${num(t.admins)}`,
  );
  if (p.methods.length > 0) {
    lines.push('', c.bold('Methods registered'));
    const mw = Math.max(...p.methods.map((m) => m.method.length));
    for (const m of p.methods)
      lines.push(
        `  ${m.method.padEnd(mw)}  ${c.cyan(bar(share(m.users, t.users), width))} ` +
          `${num(m.users).padStart(countWidth)}  ${pct(m.users, t.users).padStart(6)}`,
      );
  }
  if (p.by && p.groups && p.groups.length > 0) {
    const top = p.groups.slice(0, opts.top ?? 5);
    lines.push('', c.bold(`Worst ${top.length} of ${p.groups.length} groups by ${p.by} (MFA-capable share)`));
    const gw = Math.max(...top.map((g) => g.name.length));
    for (const g of top)
      lines.push(
        `  ${g.name.padEnd(gw)}  ${c.green(bar(share(g.mfaCapable, g.users), width))} ` +
          `${pct(g.mfaCapable, g.users).padStart(6)}  ${num(g.mfaCapable)} of ${num(g.users)}`,
      );
  }
  const na = p.needsAction;
  lines.push(
    '',
    `Need action: ${num(na.adminsWithoutPhishingResistant.count)} admins without a phishing-resistant method, ` +
      `${num(na.smsVoiceOnly.count)} SMS/voice-only, ${num(na.noMfaMethod.count)} with no MFA method` +
      ' (-html or -json for the lists)',
  );
  return lines.join('\n');
}

function trend(now: number, before: number, good: 'up' | 'down', c: ReturnType<typeof pc.createColors>): string {
  const points = (now - before) * 100;
  if (Math.abs(points) < 0.05) return c.dim('= 0.0 pts');
  const text = `${points > 0 ? '▲' : '▼'} ${Math.abs(points).toFixed(1)} pts`;
  return points > 0 === (good === 'up') ? c.green(text) : c.red(text);
}
