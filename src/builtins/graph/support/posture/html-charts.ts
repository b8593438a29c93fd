// The HTML report's charts (issue 15): Vega-Lite specs compiled to Vega and drawn to SVG in Node,
// offline. vega and vega-lite are imported here on first use only (the CLI's start-up never loads
// them); the view gets a loader that refuses every load, so a spec can never reach the network.
// Each SVG comes back with role="img", a <title> and a <desc> holding its numbers.
import type { Config, TopLevelSpec } from 'vega-lite';
import type { MfaPosture } from './model.js';
import {
  MEASURES,
  count,
  day,
  esc,
  measureShare,
  methodKind,
  methodLabel,
  pct,
  share,
  type MethodKind,
} from './html-text.js';

/** Okabe–Ito, the colour-blind-safe palette: one colour per meaning across every chart. */
export const COLOURS = {
  mfaCapable: '#0072B2',
  phishingResistant: '#009E73',
  passwordlessCapable: '#56B4E9',
  ssprRegistered: '#CC79A7',
  risk: '#D55E00',
  phone: '#E69F00',
  earlier: '#8C8C8C',
  track: '#E8EAED',
  ink: '#1F2933',
  muted: '#52606D',
} as const;

const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif';
const WIDTH = 560;

const CONFIG: Config = {
  font: FONT,
  background: 'transparent',
  aria: false,
  view: { stroke: null },
  axis: {
    labelColor: COLOURS.muted,
    labelFontSize: 12,
    titleColor: COLOURS.muted,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: '#E4E7EB',
    domain: false,
    ticks: false,
    labelPadding: 6,
  },
  legend: { orient: 'bottom', labelFontSize: 12, labelColor: COLOURS.ink, title: null, symbolType: 'square' },
};

const percentAxis = { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1], title: null };

export interface Chart {
  id: string;
  title: string;
  desc: string;
  spec: TopLevelSpec;
}

/** Coverage gauges: a bullet bar per share measure, the earlier run as a tick when comparing. */
function gauges(m: MfaPosture): Chart {
  const rows = MEASURES.slice(0, 4).map((x) => ({
    measure: x.label,
    share: measureShare(m.totals, x.key),
    full: 1,
    colour: COLOURS[x.key as keyof typeof COLOURS],
    label: `${pct(m.totals[x.key], m.totals.users)} · ${count(m.totals[x.key])}`,
    ...(m.previous ? { before: measureShare(m.previous.totals, x.key) } : {}),
  }));
  const y = { field: 'measure', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 13 } } as const;
  return {
    id: 'chart-coverage',
    title: 'Coverage: share of users',
    desc:
      rows.map((r) => `${r.measure}: ${r.label.replace(' · ', ' (')} of ${count(m.totals.users)} users)`).join('; ') +
      '.',
    spec: {
      width: WIDTH - 200,
      height: { step: 38 },
      data: { values: rows },
      encoding: { y },
      layer: [
        {
          mark: { type: 'bar', color: COLOURS.track, size: 20, cornerRadius: 3 },
          encoding: { x: { field: 'full', type: 'quantitative', scale: { domain: [0, 1] }, axis: percentAxis } },
        },
        {
          mark: { type: 'bar', size: 20, cornerRadius: 3 },
          encoding: {
            x: { field: 'share', type: 'quantitative' },
            color: { field: 'colour', type: 'nominal', scale: null },
          },
        },
        ...(m.previous
          ? [
              {
                mark: { type: 'tick', color: COLOURS.ink, thickness: 2, size: 26 },
                encoding: { x: { field: 'before', type: 'quantitative' } },
              } as const,
            ]
          : []),
        {
          mark: { type: 'text', align: 'left', dx: 8, fontSize: 13, color: COLOURS.ink },
          encoding: { x: { field: 'full', type: 'quantitative' }, text: { field: 'label' } },
        },
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
  const rows = m.methods.map((x) => ({
    method: methodLabel(x.method),
    users: x.users,
    kind: methodKind(x.method),
    label: count(x.users),
  }));
  const kinds = Object.keys(KIND_COLOURS).filter((k) => rows.some((r) => r.kind === k));
  return {
    id: 'chart-methods',
    title: 'Methods registered: users per method',
    desc: rows.map((r) => `${r.method}: ${r.label} users`).join('; ') + '.',
    spec: {
      width: WIDTH - 220,
      height: { step: 24 },
      data: { values: rows },
      encoding: {
        y: { field: 'method', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
        x: { field: 'users', type: 'quantitative', title: 'Users', axis: { tickCount: 5, format: ',d' } },
      },
      layer: [
        {
          mark: { type: 'bar', size: 16, cornerRadiusEnd: 3 },
          encoding: {
            color: {
              field: 'kind',
              type: 'nominal',
              scale: { domain: kinds, range: kinds.map((k) => KIND_COLOURS[k as MethodKind]) },
            },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4, fontSize: 12, color: COLOURS.ink },
          encoding: { text: { field: 'label' } },
        },
      ],
      config: CONFIG,
    } as TopLevelSpec,
  };
}

/** The worst groups drawn (the table lists them all): MFA-capable and phishing-resistant side by side. */
export const GROUPS_DRAWN = 12;

function groups(m: MfaPosture): Chart {
  const drawn = m.groups!.slice(0, GROUPS_DRAWN);
  const rows = drawn.flatMap((g) => [
    { group: g.name, measure: 'MFA-capable', share: share(g.mfaCapable, g.users) },
    { group: g.name, measure: 'Phishing-resistant', share: share(g.phishingResistant, g.users) },
  ]);
  const shown = drawn.length < m.groups!.length ? ` (the ${drawn.length} lowest of ${m.groups!.length})` : '';
  return {
    id: 'chart-groups',
    title: `Coverage by ${m.by ?? 'group'}${shown}`,
    desc:
      drawn
        .map(
          (g) =>
            `${g.name}: ${pct(g.mfaCapable, g.users)} MFA-capable, ${pct(g.phishingResistant, g.users)} phishing-resistant of ${count(g.users)}`,
        )
        .join('; ') + '.',
    spec: {
      width: WIDTH - 180,
      height: { step: 14 },
      data: { values: rows },
      encoding: {
        y: { field: 'group', type: 'nominal', sort: null, title: null, axis: { labelLimit: 160 } },
        yOffset: { field: 'measure', sort: null },
        x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: percentAxis },
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
      mark: { type: 'bar', cornerRadiusEnd: 2 },
      config: { ...CONFIG, scale: { bandPaddingInner: 0.1 } },
    } as TopLevelSpec,
  };
}

/** The trend: each measure's share at the earlier run and now, joined by a line (a dumbbell). */
function trend(m: MfaPosture): Chart {
  const before = m.previous!;
  const earlier = `Earlier (${day(before.generatedAt)})`;
  const now = `Now (${day(m.generatedAt)})`;
  const rows = MEASURES.flatMap((x) => [
    { measure: x.label, run: earlier, share: measureShare(before.totals, x.key) },
    { measure: x.label, run: now, share: measureShare(m.totals, x.key) },
  ]);
  return {
    id: 'chart-trend',
    title: `Trend since ${day(before.generatedAt)}`,
    desc:
      MEASURES.map(
        (x) =>
          `${x.label}: ${pct(before.totals[x.key], before.totals.users)} then, ${pct(m.totals[x.key], m.totals.users)} now`,
      ).join('; ') + '.',
    spec: {
      width: WIDTH - 180,
      height: { step: 30 },
      data: { values: rows },
      encoding: {
        y: { field: 'measure', type: 'nominal', sort: null, title: null, axis: { labelFontSize: 13 } },
        x: { field: 'share', type: 'quantitative', scale: { domain: [0, 1] }, axis: percentAxis },
      },
      layer: [
        { mark: { type: 'line', color: '#9AA5B1', strokeWidth: 3 }, encoding: { detail: { field: 'measure' } } },
        {
          mark: { type: 'point', filled: true, size: 110, opacity: 1 },
          encoding: {
            color: {
              field: 'run',
              type: 'nominal',
              sort: null,
              scale: { domain: [earlier, now], range: [COLOURS.earlier, COLOURS.mfaCapable] },
            },
          },
        },
      ],
      config: CONFIG,
    } as TopLevelSpec,
  };
}

/** The report's charts, in page order: those that need -by or -compare only when they were given. */
export function chartsOf(m: MfaPosture): Chart[] {
  return [gauges(m), methods(m), ...(m.groups?.length ? [groups(m)] : []), ...(m.previous ? [trend(m)] : [])];
}

const refuse = () => Promise.reject(new Error('the MFA report loads nothing'));

/** Every chart drawn to an inline SVG element (no xmlns URLs), keyed by chart id. */
export async function drawCharts(charts: Chart[]): Promise<Map<string, string>> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse } as unknown as ReturnType<
    typeof vega.loader
  >;
  const out = new Map<string, string>();
  for (const c of charts) {
    const view = new vega.View(vega.parse(vegaLite.compile(c.spec).spec), { renderer: 'none', loader });
    const svg = await view.toSVG();
    view.finalize();
    const labelled = `role="img" aria-labelledby="${c.id}-title ${c.id}-desc"`;
    const alt = `<title id="${c.id}-title">${esc(c.title)}</title><desc id="${c.id}-desc">${esc(c.desc)}</desc>`;
    out.set(
      c.id,
      svg
        .replace(/^<svg([^>]*)>/, (_, attrs: string) => {
          const kept = attrs.replace(/\s(xmlns(:\w+)?|role|aria-[\w-]+)="[^"]*"/g, '');
          return `<svg${kept} ${labelled}>${alt}`;
        })
        .replace(/\sxlink:href="[^"]*"/g, ''),
    );
  }
  return out;
}
