// The HTML report's four charts (issue 15) as Vega-Lite specs, with their text alternatives:
// coverage gauges, methods registered, coverage by group (with -by) and the trend against an
// earlier run (with -compare). html-vega.ts draws them. Each row's name and figures sit above its
// bar, so the numbers are read, not estimated from an axis.
import type { TopLevelSpec } from 'vega-lite';
import type { MfaPosture } from './model.js';
import {
  MEASURES,
  count,
  day,
  runNames,
  measureShare,
  methodKind,
  methodLabel,
  pct,
  share,
  type MethodKind,
} from './html-text.js';
import { COLOURS, CONFIG, WIDTH, percentAxis, rowLabels, rows, type Chart } from './html-vega.js';

const STEP = 44;
const BAR = 14;
const track = { type: 'bar', color: COLOURS.track, size: BAR, cornerRadius: 3 } as const;

/** Coverage gauges: a bullet bar per share measure; the earlier run as a tick when comparing. */
function gauges(m: MfaPosture): Chart {
  const t = m.totals;
  const values = MEASURES.slice(0, 4).map((x) => ({
    measure: x.label,
    share: measureShare(t, x.key),
    full: 1,
    colour: COLOURS[x.key as keyof typeof COLOURS],
    figures: `${pct(t[x.key], t.users)} · ${count(t[x.key])}`,
    ...(m.previous ? { before: measureShare(m.previous.totals, x.key) } : {}),
  }));
  const before = m.previous
    ? [
        {
          mark: { type: 'tick', color: COLOURS.ink, thickness: 2, size: BAR + 8 },
          encoding: { x: { field: 'before', type: 'quantitative' } },
        },
      ]
    : [];
  return {
    id: 'chart-coverage',
    title: 'Coverage: share of users',
    desc:
      values.map((r) => `${r.measure}: ${r.figures.replace(' · ', ' (')} of ${count(t.users)} users)`).join('; ') + '.',
    spec: {
      width: WIDTH,
      height: { step: STEP },
      data: { values },
      encoding: { y: rows('measure') },
      layer: [
        {
          mark: track,
          encoding: { x: { field: 'full', type: 'quantitative', scale: { domain: [0, 1] }, axis: null } },
        },
        {
          mark: { type: 'bar', size: BAR, cornerRadius: 3 },
          encoding: {
            x: { field: 'share', type: 'quantitative' },
            color: { field: 'colour', type: 'nominal', scale: null },
          },
        },
        ...before,
        ...rowLabels('measure', 'figures', 1, BAR),
      ],
      config: CONFIG,
    } as TopLevelSpec,
  };
}

const KIND_COLOURS: Record<MethodKind, string> = {
  'Phishing-resistant': COLOURS.phishingResistant,
  'App or token': COLOURS.mfaCapable,
  'Phone (SMS/voice)': COLOURS.phone,
  Other: COLOURS.earlier,
};

/** Methods registered: a bar per method, coloured by how strong it is. */
function methods(m: MfaPosture): Chart {
  const values = m.methods.map((x) => ({
    method: methodLabel(x.method),
    users: x.users,
    kind: methodKind(x.method),
    figures: `${count(x.users)} · ${pct(x.users, m.totals.users)}`,
  }));
  const kinds = (Object.keys(KIND_COLOURS) as MethodKind[]).filter((k) => values.some((r) => r.kind === k));
  const most = Math.max(1, ...values.map((r) => r.users));
  return {
    id: 'chart-methods',
    title: 'Methods registered: users per method',
    desc: values.map((r) => `${r.method}: ${count(r.users)} users`).join('; ') + '.',
    spec: {
      width: WIDTH,
      height: { step: STEP - 4 },
      data: { values },
      encoding: { y: rows('method') },
      layer: [
        {
          mark: { type: 'bar', size: BAR - 2, cornerRadiusEnd: 3 },
          encoding: {
            x: { field: 'users', type: 'quantitative', scale: { domain: [0, most], nice: false }, axis: null },
            color: {
              field: 'kind',
              type: 'nominal',
              scale: { domain: kinds, range: kinds.map((k) => KIND_COLOURS[k]) },
            },
          },
        },
        ...rowLabels('method', 'figures', most, BAR - 2),
      ],
      config: { ...CONFIG, legend: { ...CONFIG.legend, columns: 2 } },
    } as TopLevelSpec,
  };
}

/** The worst groups drawn (the table lists them all). */
export const GROUPS_DRAWN = 12;

/** Coverage by group: MFA-capable with the phishing-resistant share drawn over it. */
function groups(m: MfaPosture): Chart {
  const drawn = m.groups!.slice(0, GROUPS_DRAWN);
  const labels = drawn.map((g) => ({
    group: g.name,
    full: 1,
    figures: `${pct(g.mfaCapable, g.users)} · ${pct(g.phishingResistant, g.users)} of ${count(g.users)}`,
  }));
  const bars = drawn.flatMap((g) => [
    { group: g.name, measure: 'MFA-capable', share: share(g.mfaCapable, g.users) },
    { group: g.name, measure: 'Phishing-resistant', share: share(g.phishingResistant, g.users) },
  ]);
  const shown = drawn.length < m.groups!.length ? ` (the ${drawn.length} lowest of ${m.groups!.length})` : '';
  const of = (g: (typeof drawn)[number]) =>
    `${g.name}: ${pct(g.mfaCapable, g.users)} MFA-capable, ${pct(g.phishingResistant, g.users)} phishing-resistant of ${count(g.users)}`;
  return {
    id: 'chart-groups',
    title: `Coverage by ${m.by ?? 'group'}${shown}`,
    desc: drawn.map(of).join('; ') + '.',
    spec: {
      width: WIDTH,
      height: { step: STEP },
      encoding: { y: rows('group') },
      layer: [
        {
          data: { values: labels },
          mark: track,
          encoding: { x: { field: 'full', type: 'quantitative', scale: { domain: [0, 1] }, axis: percentAxis } },
        },
        {
          data: { values: bars },
          mark: { type: 'bar', size: BAR, cornerRadius: 3 },
          encoding: {
            x: { field: 'share', type: 'quantitative', stack: null },
            color: {
              field: 'measure',
              type: 'nominal',
              sort: null,
              scale: {
                domain: ['MFA-capable', 'Phishing-resistant'],
                range: [COLOURS.mfaCapable, COLOURS.phishingResistant],
              },
            },
          },
        },
        ...rowLabels('group', 'figures', 1, BAR, labels),
      ],
      config: CONFIG,
    } as TopLevelSpec,
  };
}

/** The trend: each measure's share at the earlier run and now, joined by a line (a dumbbell). */
function trend(m: MfaPosture): Chart {
  const before = m.previous!;
  const [earlier, latest] = runNames(before.generatedAt, m.generatedAt);
  const runs = [`Earlier run (${earlier})`, `This run (${latest})`];
  const points = MEASURES.flatMap((x) => [
    { measure: x.label, run: runs[0], share: measureShare(before.totals, x.key) },
    { measure: x.label, run: runs[1], share: measureShare(m.totals, x.key) },
  ]);
  const labels = MEASURES.map((x) => ({
    measure: x.label,
    figures: `${pct(before.totals[x.key], before.totals.users)} → ${pct(m.totals[x.key], m.totals.users)}`,
  }));
  const then = (x: (typeof MEASURES)[number]) =>
    `${x.label}: ${pct(before.totals[x.key], before.totals.users)} then, ${pct(m.totals[x.key], m.totals.users)} now`;
  return {
    id: 'chart-trend',
    title: `Trend since ${day(before.generatedAt)}`,
    desc: MEASURES.map(then).join('; ') + '.',
    spec: {
      width: WIDTH,
      height: { step: STEP },
      encoding: { y: rows('measure') },
      layer: [
        {
          data: { values: points },
          mark: { type: 'line', color: '#9AA5B1', strokeWidth: 3 },
          encoding: {
            x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: percentAxis },
            detail: { field: 'measure' },
          },
        },
        {
          data: { values: points },
          mark: { type: 'point', filled: true, size: 100, opacity: 1 },
          encoding: {
            x: { field: 'share', type: 'quantitative' },
            color: {
              field: 'run',
              type: 'nominal',
              sort: null,
              scale: { domain: runs, range: [COLOURS.earlier, COLOURS.mfaCapable] },
            },
          },
        },
        ...rowLabels('measure', 'figures', 1, 10, labels),
      ],
      config: CONFIG,
    } as TopLevelSpec,
  };
}

/** The report's charts, in page order: those that need -by or -compare only when they were given. */
export function chartsOf(m: MfaPosture): Chart[] {
  return [gauges(m), methods(m), ...(m.groups?.length ? [groups(m)] : []), ...(m.previous ? [trend(m)] : [])];
}
