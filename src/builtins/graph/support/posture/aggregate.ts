// The MFA posture's arithmetic (issue 15): one user at a time in, counts out. Holds only counters,
// the per-method and per-group tallies and the capped needs-action lists, so a pass over any
// number of users takes the same memory. Both sources feed it the same row: the registration
// report's (userRegistrationDetails) as is, the per-user methods through methods.ts. What counts
// as strong / phishing-resistant / phone follows the report's method names (docs/graph.md §4a),
// derived from support/removal.ts MFA_TYPES and PHISHING_RESISTANT through the catalogue's
// report ids, so the guard and the report cannot disagree.
import { methodTypeOf, type MethodTypeName } from '../../../../graph/catalogue.js';
import { MFA_TYPES, PHISHING_RESISTANT as PHISHING_RESISTANT_TYPES } from '../removal.js';
import {
  NEEDS_ACTION_CAP,
  POSTURE_SCHEMA,
  type GroupPosture,
  type MfaPosture,
  type NeedsAction,
  type PostureTotals,
  type UserRow,
} from './model.js';

/** One user as the registration report describes them (the fields the posture reads). */
export interface RegistrationRow {
  id: string;
  userPrincipalName: string;
  userDisplayName?: string;
  isAdmin?: boolean;
  isMfaRegistered?: boolean;
  isMfaCapable?: boolean;
  isPasswordlessCapable?: boolean;
  isSsprRegistered?: boolean;
  methodsRegistered?: string[];
}

const reportIdsOf = (types: Iterable<MethodTypeName>): ReadonlySet<string> =>
  new Set([...types].flatMap((t) => methodTypeOf(t)?.reportIds ?? []));

/** Phones: SMS or voice, the weakest of the MFA methods. */
export const PHONE_METHODS: ReadonlySet<string> = reportIdsOf(['phone']);
/** FIDO2 keys, Windows Hello for Business, the macOS platform credential; passKey* are Graph's passkey names. */
const PHISHING_RESISTANT = reportIdsOf(PHISHING_RESISTANT_TYPES);
/** MFA-strong names (email, TAP, security questions are not). */
const STRONG = reportIdsOf(MFA_TYPES);

export function isPhishingResistant(method: string): boolean {
  return PHISHING_RESISTANT.has(method) || /^passKey/i.test(method);
}

export function isStrong(method: string): boolean {
  return STRONG.has(method) || isPhishingResistant(method);
}

/** What one user counts towards. */
export interface Classified {
  mfaCapable: boolean;
  passwordlessCapable: boolean;
  phishingResistant: boolean;
  ssprRegistered: boolean;
  smsVoiceOnly: boolean;
  noMfaMethod: boolean;
  admin: boolean;
}

export function classify(row: RegistrationRow): Classified {
  const methods = row.methodsRegistered ?? [];
  const strong = methods.filter(isStrong);
  const mfaRegistered = row.isMfaRegistered ?? strong.length > 0;
  const mfaCapable = row.isMfaCapable ?? mfaRegistered;
  return {
    mfaCapable,
    passwordlessCapable: row.isPasswordlessCapable === true,
    phishingResistant: methods.some(isPhishingResistant),
    ssprRegistered: row.isSsprRegistered === true,
    smsVoiceOnly: mfaCapable && strong.length > 0 && strong.every((m) => PHONE_METHODS.has(m)),
    noMfaMethod: !mfaRegistered,
    admin: row.isAdmin === true,
  };
}

const emptyTotals = (): PostureTotals => ({
  users: 0,
  mfaCapable: 0,
  passwordlessCapable: 0,
  phishingResistant: 0,
  ssprRegistered: 0,
  smsVoiceOnly: 0,
  noMfaMethod: 0,
  admins: 0,
  adminsWithoutPhishingResistant: 0,
});

const emptyList = (): NeedsAction => ({ count: 0, users: [] });

export interface AggregatorOptions {
  /** The -by property, and each user's value of it (users missing from the map are '(none)'). */
  by?: { property: string; groupOf: (id: string) => string | undefined };
  /** The most users kept per needs-action list (NEEDS_ACTION_CAP). */
  cap?: number;
}

/** The group of a user with no value for the -by property. */
export const NO_GROUP = '(none)';

export class PostureAggregator {
  private readonly totals = emptyTotals();
  private readonly methods = new Map<string, number>();
  private readonly groups = new Map<string, GroupPosture>();
  private readonly lists = {
    adminsWithoutPhishingResistant: emptyList(),
    smsVoiceOnly: emptyList(),
    noMfaMethod: emptyList(),
  };
  private readonly cap: number;

  constructor(private readonly opts: AggregatorOptions = {}) {
    this.cap = opts.cap ?? NEEDS_ACTION_CAP;
  }

  get users(): number {
    return this.totals.users;
  }

  add(row: RegistrationRow): void {
    const c = classify(row);
    const t = this.totals;
    t.users++;
    if (c.mfaCapable) t.mfaCapable++;
    if (c.passwordlessCapable) t.passwordlessCapable++;
    if (c.phishingResistant) t.phishingResistant++;
    if (c.ssprRegistered) t.ssprRegistered++;
    if (c.smsVoiceOnly) t.smsVoiceOnly++;
    if (c.noMfaMethod) t.noMfaMethod++;
    if (c.admin) t.admins++;
    for (const m of new Set(row.methodsRegistered ?? [])) this.methods.set(m, (this.methods.get(m) ?? 0) + 1);
    let group: string | undefined;
    if (this.opts.by) {
      group = this.opts.by.groupOf(row.id) || NO_GROUP;
      let g = this.groups.get(group);
      if (!g) {
        g = { name: group, users: 0, mfaCapable: 0, passwordlessCapable: 0, phishingResistant: 0, smsVoiceOnly: 0 };
        this.groups.set(group, g);
      }
      g.users++;
      if (c.mfaCapable) g.mfaCapable++;
      if (c.passwordlessCapable) g.passwordlessCapable++;
      if (c.phishingResistant) g.phishingResistant++;
      if (c.smsVoiceOnly) g.smsVoiceOnly++;
    }
    const needs = (list: NeedsAction): void => {
      list.count++;
      if (list.users.length < this.cap) list.users.push(userRow(row, group));
    };
    if (c.admin && !c.phishingResistant) {
      t.adminsWithoutPhishingResistant++;
      needs(this.lists.adminsWithoutPhishingResistant);
    }
    if (c.smsVoiceOnly) needs(this.lists.smsVoiceOnly);
    if (c.noMfaMethod) needs(this.lists.noMfaMethod);
  }

  /** The posture so far; the needs-action lists sorted by userPrincipalName. */
  result(meta: Pick<MfaPosture, 'tenant' | 'source' | 'sourceNote'> & { generatedAt?: string }): MfaPosture {
    const byUpn = (a: UserRow, b: UserRow) => a.userPrincipalName.localeCompare(b.userPrincipalName);
    const sorted = (l: NeedsAction): NeedsAction => ({ count: l.count, users: [...l.users].sort(byUpn) });
    const posture: MfaPosture = {
      schema: POSTURE_SCHEMA,
      generatedAt: meta.generatedAt ?? new Date().toISOString(),
      tenant: meta.tenant,
      source: meta.source,
      ...(meta.sourceNote ? { sourceNote: meta.sourceNote } : {}),
      totals: { ...this.totals },
      methods: [...this.methods]
        .map(([method, users]) => ({ method, users }))
        .sort((a, b) => b.users - a.users || a.method.localeCompare(b.method)),
      needsAction: {
        adminsWithoutPhishingResistant: sorted(this.lists.adminsWithoutPhishingResistant),
        smsVoiceOnly: sorted(this.lists.smsVoiceOnly),
        noMfaMethod: sorted(this.lists.noMfaMethod),
      },
    };
    if (this.opts.by) {
      posture.by = this.opts.by.property;
      posture.groups = [...this.groups.values()].sort(
        (a, b) => a.mfaCapable / a.users - b.mfaCapable / b.users || b.users - a.users || a.name.localeCompare(b.name),
      );
    }
    return posture;
  }
}

function userRow(row: RegistrationRow, group: string | undefined): UserRow {
  return {
    id: row.id,
    userPrincipalName: row.userPrincipalName,
    displayName: row.userDisplayName ?? '',
    ...(group === undefined ? {} : { group }),
    methods: [...(row.methodsRegistered ?? [])],
  };
}
