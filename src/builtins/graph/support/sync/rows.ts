// The feed side of sync-methods (issue 17), pure: which column holds what (-map, matched
// case-insensitively), one row read into what it wants (numbers normalised as add-phone does,
// addresses checked), and the rows no plan can be made for: no userPrincipalName, a bad number or
// address, one number in two phone columns, a userPrincipalName on several rows.
import { parsePhone } from '../phone-number.js';
import { MANAGED_METHODS, type ManagedMethod, type SkippedRow } from './types.js';
import type { Wanted } from './plan.js';

export const MAP_KEYS = ['userPrincipalName', ...MANAGED_METHODS] as const;
export type MapKey = (typeof MAP_KEYS)[number];
/** -map: the feed's column name for each key it names. */
export type ColumnMap = Partial<Record<MapKey, string>>;

/** -map's keys checked; the message says what is wrong (the command makes it an error). */
export function checkMap(map: Record<string, unknown>): { map: ColumnMap } | { error: string } {
  const out: ColumnMap = {};
  for (const [k, v] of Object.entries(map)) {
    const key = MAP_KEYS.find((m) => m.toLowerCase() === k.toLowerCase());
    if (!key) return { error: `-map has no key '${k}': its keys are ${MAP_KEYS.join(', ')}` };
    if (typeof v !== 'string' || v.trim() === '')
      return { error: `-map ${key} must name a column of the feed (a text), e.g. ${key} = 'Mobile Phone'` };
    out[key] = v;
  }
  return { map: out };
}

/**
 * The feed's column for each key: the mapped name, else the key itself, both matched without
 * regard to case. A mapped column the feed does not have is an error; an unmapped key the feed
 * does not have is simply absent (no opinion on that method).
 */
export function resolveColumns(feed: readonly string[], map: ColumnMap): { columns: ColumnMap } | { error: string } {
  const find = (name: string) => feed.find((c) => c.toLowerCase() === name.toLowerCase());
  const columns: ColumnMap = {};
  for (const key of MAP_KEYS) {
    const name = map[key];
    const found = find(name ?? key);
    if (name !== undefined && found === undefined) {
      const list = feed.length ? feed.join(', ') : '(none)';
      return { error: `column '${name}' (from -map ${key}) is not in the feed; its columns are: ${list}` };
    }
    if (found !== undefined) columns[key] = found;
  }
  return { columns };
}

/** A row that can be planned: whose it is and what it wants. */
export interface FeedRow {
  row: number;
  userPrincipalName: string;
  wanted: Wanted;
}
export type RowCheck = { ok: FeedRow } | { skip: SkippedRow };

const cell = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/** One feed record (1-based `row`) checked and normalised. */
export function readRow(
  row: number,
  get: (column: string) => unknown,
  columns: ColumnMap,
  country: string | null,
): RowCheck {
  const upnColumn = columns.userPrincipalName;
  const upn = upnColumn === undefined ? '' : cell(get(upnColumn));
  if (upn === '') return { skip: { row, userPrincipalName: null, reason: 'no userPrincipalName in this row' } };
  const skipped = (reason: string): RowCheck => ({ skip: { row, userPrincipalName: upn, reason } });
  const wanted: Wanted = {};
  for (const method of MANAGED_METHODS) {
    const column = columns[method];
    if (column === undefined) continue;
    const text = cell(get(column));
    if (text === '') {
      wanted[method] = '';
      continue;
    }
    if (method === 'email') {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text))
        return skipped(`email '${text}' is not an email address: expected name@domain, e.g. kim@contoso.com`);
      wanted.email = text;
      continue;
    }
    const p = parsePhone(text, country ?? undefined);
    if ('reason' in p)
      return skipped(`${method} '${text}' is not a phone number (${p.reason}): expected +<country code> <number>`);
    wanted[method] = p.number;
  }
  const phones = (['mobile', 'alternateMobile', 'office'] as ManagedMethod[]).filter((m) => wanted[m]);
  for (let i = 0; i < phones.length; i++)
    for (let j = i + 1; j < phones.length; j++)
      if (wanted[phones[i]!] === wanted[phones[j]!])
        return skipped(`the same number ${wanted[phones[i]!]} is in both ${phones[i]} and ${phones[j]}`);
  return { ok: { row, userPrincipalName: upn, wanted } };
}

const sameWanted = (a: Wanted, b: Wanted) =>
  MANAGED_METHODS.every((m) => (a[m] ?? null) === (b[m] ?? null) || (m === 'email' && same(a[m], b[m])));
const same = (a: string | undefined, b: string | undefined) => a?.toLowerCase() === b?.toLowerCase();

/**
 * Rows of one userPrincipalName (case-insensitive): when they all want the same, the first is
 * planned and the others are `duplicate of row N`; when they differ none is, each naming the
 * others, since which one is right cannot be known. Order is kept.
 */
export function markDuplicates(rows: readonly RowCheck[]): RowCheck[] {
  const byUpn = new Map<string, FeedRow[]>();
  // A row skipped for its own fault still names a user: the feed disagrees with itself about
  // that user, so the user's good row cannot be trusted either.
  const badByUpn = new Map<string, number[]>();
  for (const r of rows) {
    if (!('ok' in r)) {
      const upn = r.skip.userPrincipalName?.toLowerCase();
      if (upn && r.skip.row !== undefined) badByUpn.set(upn, [...(badByUpn.get(upn) ?? []), r.skip.row]);
      continue;
    }
    const k = r.ok.userPrincipalName.toLowerCase();
    const list = byUpn.get(k);
    if (list) list.push(r.ok);
    else byUpn.set(k, [r.ok]);
  }
  return rows.map((r) => {
    if (!('ok' in r)) return r;
    const upn = r.ok.userPrincipalName.toLowerCase();
    const group = byUpn.get(upn)!;
    const bad = badByUpn.get(upn) ?? [];
    if (group.length === 1 && bad.length === 0) return r;
    const first = group[0]!;
    const skip = (reason: string): RowCheck => ({
      skip: { row: r.ok.row, userPrincipalName: r.ok.userPrincipalName, reason },
    });
    if (bad.length === 0 && group.every((g) => sameWanted(g.wanted, first.wanted)))
      return first === r.ok ? r : skip(`duplicate of row ${first.row}`);
    const others = [...group.filter((g) => g !== r.ok).map((g) => g.row), ...bad].sort((a, b) => (a ?? 0) - (b ?? 0));
    return skip(`duplicate userPrincipalName: also on row${others.length > 1 ? 's' : ''} ${others.join(', ')}`);
  });
}
