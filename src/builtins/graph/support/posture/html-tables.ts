// The HTML report's tables (issue 15): the users who need action, the groups and the trend as
// sortable tables, and each chart's numbers as a table a screen reader (and a diff) can read.
// Every cell's text goes through esc: it is the tenant's.
import { NEEDS_ACTION_CAP, type MfaPosture, type NeedsAction } from './model.js';
import { MEASURES, count, day, esc, runNames, methodLabel, pct, points, measureShare } from './html-text.js';

/** A table; `sortable` gives each header a button the page's script sorts by. */
export function table(
  caption: string,
  head: string[],
  rows: string[][],
  opts: { sortable?: boolean; hidden?: boolean; stack?: boolean } = {},
): string {
  const th = head
    .map((h) =>
      opts.sortable
        ? `<th scope="col" aria-sort="none"><button type="button">${esc(h)}</button></th>`
        : `<th scope="col">${esc(h)}</th>`,
    )
    .join('');
  // On a phone a stacked table shows each row as a block, each cell named by its column.
  const label = (i: number) => (opts.stack ? ` data-label="${esc(head[i]!)}"` : '');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${label(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  const cls = [opts.sortable && 'sortable', opts.stack && 'stack', opts.hidden && 'visually-hidden']
    .filter(Boolean)
    .join(' ');
  return (
    `<div class="table-wrap${opts.hidden ? ' visually-hidden' : ''}"><table${cls ? ` class="${cls}"` : ''}>` +
    `<caption>${esc(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table></div>`
  );
}

/** The coverage gauges' numbers. */
export function coverageTable(m: MfaPosture): string {
  const rows = MEASURES.map((x) => [x.label, count(m.totals[x.key]), pct(m.totals[x.key], m.totals.users)]);
  return table(`Coverage of ${count(m.totals.users)} users`, ['Measure', 'Users', 'Share'], rows, { hidden: true });
}

export function methodsTable(m: MfaPosture): string {
  const rows = m.methods.map((x) => [methodLabel(x.method), count(x.users), pct(x.users, m.totals.users)]);
  return table('Users per method registered', ['Method', 'Users', 'Share of users'], rows, { hidden: true });
}

export function groupsTable(m: MfaPosture): string {
  const rows = m.groups!.map((g) => [
    g.name,
    count(g.users),
    pct(g.mfaCapable, g.users),
    pct(g.phishingResistant, g.users),
    pct(g.passwordlessCapable, g.users),
    pct(g.smsVoiceOnly, g.users),
  ]);
  const by = m.by ?? 'group';
  return table(
    `Coverage by ${by}, lowest MFA-capable share first`,
    [
      by[0]!.toUpperCase() + by.slice(1),
      'Users',
      'MFA-capable',
      'Phishing-resistant',
      'Passwordless',
      'SMS/voice only',
    ],
    rows,
    { sortable: true },
  );
}

export function trendTable(m: MfaPosture): string {
  const before = m.previous!;
  const rows = MEASURES.map((x) => {
    const [then, now] = [measureShare(before.totals, x.key), measureShare(m.totals, x.key)];
    const better = now === then ? 'unchanged' : now > then === (x.better === 'up') ? 'better' : 'worse';
    return [
      x.label,
      pct(before.totals[x.key], before.totals.users),
      pct(m.totals[x.key], m.totals.users),
      `${points(now, then)} (${better})`,
    ];
  });
  rows.push(['Users', count(before.totals.users), count(m.totals.users), '']);
  return table(
    `Shares on ${day(before.generatedAt)} and ${day(m.generatedAt)}`,
    ['Measure', ...runNames(before.generatedAt, m.generatedAt), 'Change'],
    rows,
  );
}

/** One needs-action list: its table, or a sentence when it is empty, and how many the JSON has beyond it. */
export function needsActionList(m: MfaPosture, list: NeedsAction, caption: string, empty: string): string {
  if (list.count === 0) return `<p class="all-clear">${esc(empty)}</p>`;
  const grouped = m.by !== undefined || list.users.some((u) => u.group !== undefined);
  const by = m.by ?? 'group';
  const head = [
    'User principal name',
    'Display name',
    ...(grouped ? [by[0]!.toUpperCase() + by.slice(1)] : []),
    'Methods',
  ];
  const rows = list.users.map((u) => [
    u.userPrincipalName,
    u.displayName,
    ...(grouped ? [u.group ?? ''] : []),
    u.methods.length ? u.methods.map(methodLabel).join(', ') : 'None',
  ]);
  const more = list.count - list.users.length;
  return (
    table(caption, head, rows, { sortable: true, stack: true }) +
    (more > 0
      ? `<p class="more">${count(more)} more not listed: each list keeps the first ${count(NEEDS_ACTION_CAP)} users, ` +
        `as the -json file does; ${count(list.count)} in all.</p>`
      : '')
  );
}
