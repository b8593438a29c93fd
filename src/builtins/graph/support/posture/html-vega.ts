// Drawing the HTML report's charts (issue 15): Vega-Lite specs compiled to Vega and rendered to SVG
// in Node, offline. vega and vega-lite are imported here on first use only (the CLI's start-up
// never loads them); the view gets a loader that refuses every load, so a spec can never reach the
// network. Each SVG comes back inline-ready: no xmlns URLs, role="img", a <title> and a <desc>
// holding its numbers. Also the look every chart shares: palette, fonts, labels above the bars
// (so a chart stays narrow enough to read on a phone).
import type { Config, TopLevelSpec } from 'vega-lite';
import { esc } from './html-text.js';

/** Okabe–Ito, the colour-blind-safe palette: one colour per meaning across every chart. */
export const COLOURS = {
  mfaCapable: '#0072B2',
  phishingResistant: '#009E73',
  passwordlessCapable: '#56B4E9',
  ssprRegistered: '#CC79A7',
  phone: '#E69F00',
  earlier: '#8C8C8C',
  track: '#E8EAED',
  ink: '#1F2933',
  muted: '#52606D',
} as const;

/** Every chart's width in CSS pixels: two fit side by side on a desktop, one on a phone. */
export const WIDTH = 430;

export const CONFIG: Config = {
  font: 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif',
  background: 'transparent',
  aria: false,
  padding: { left: 2, right: 2, top: 4, bottom: 2 },
  view: { stroke: null },
  axis: {
    labelColor: COLOURS.muted,
    labelFontSize: 12,
    gridColor: '#E4E7EB',
    domain: false,
    ticks: false,
    labelPadding: 6,
  },
  legend: {
    orient: 'bottom',
    direction: 'horizontal',
    labelFontSize: 12,
    labelColor: COLOURS.ink,
    labelLimit: 320,
    title: null,
    symbolType: 'square',
  },
};

export const percentAxis = { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1], title: null };

/** A nominal row channel whose labels are drawn above the bars by rowLabels, not beside them. */
export const rows = (field: string) => ({ field, type: 'nominal', sort: null, axis: null }) as const;

/**
 * Two text layers over rows of bars `barSize` tall: the row's name at the left and its figures at
 * `right` (on the x scale), both just above the bar. `values` gives them their own data.
 */
export function rowLabels(name: string, figures: string, right: number, barSize: number, values?: object[]) {
  const data = values ? { data: { values } } : {};
  const mark = { type: 'text', baseline: 'bottom', dy: -(barSize / 2 + 3), fontSize: 13 } as const;
  return [
    {
      ...data,
      mark: { ...mark, align: 'left', color: COLOURS.ink, fontWeight: 600, limit: WIDTH * 0.75 },
      encoding: { x: { datum: 0, type: 'quantitative' }, text: { field: name } },
    },
    {
      ...data,
      mark: { ...mark, align: 'right', color: COLOURS.muted },
      encoding: { x: { datum: right, type: 'quantitative' }, text: { field: figures } },
    },
  ] as const;
}

export interface Chart {
  id: string;
  title: string;
  desc: string;
  spec: TopLevelSpec;
}

const refuse = () => Promise.reject(new Error('the MFA report loads nothing'));

/** Every chart drawn to an inline SVG element, keyed by chart id. */
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
