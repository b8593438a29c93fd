// The MFA posture report's data (issue 15): what `report-mfa` measures in one pass over the
// tenant, what `-json` writes and `-compare` reads back, and what the terminal summary and the
// HTML report draw. Counts only, plus capped lists of the users who need action: no method
// detail beyond the registration report's method names, and no secret of any kind exists here.

/** The schema id in every JSON file, so `-compare` can refuse a file that is not one of ours. */
export const POSTURE_SCHEMA = 'authsh.mfa-posture/1';

/** The most users kept per needs-action list; `count` says how many there were in all. */
export const NEEDS_ACTION_CAP = 5000;

/** The share measures, each a number of users (of `totals.users`). */
export interface PostureTotals {
  users: number;
  /** A strong (MFA) method registered and allowed by the methods policy (isMfaCapable). */
  mfaCapable: number;
  passwordlessCapable: number;
  /** A phishing-resistant method registered: FIDO2 security key / passkey, Windows Hello for Business, platform credential. */
  phishingResistant: number;
  ssprRegistered: number;
  /** MFA-capable only through phone methods (SMS or voice): no app, OATH, key or Hello. */
  smsVoiceOnly: number;
  /** No MFA method registered at all. */
  noMfaMethod: number;
  admins: number;
  adminsWithoutPhishingResistant: number;
}

/** One of the users who need action, as the report names them. */
export interface UserRow {
  id: string;
  userPrincipalName: string;
  displayName: string;
  /** The `-by` property's value, when grouping. */
  group?: string;
  /** The registration report's method names (methodsRegistered). */
  methods: string[];
}

export interface NeedsAction {
  /** How many users the list had in all (it keeps at most NEEDS_ACTION_CAP). */
  count: number;
  users: UserRow[];
}

/** One `-by` group: the same measures as the tenant's, for the users of that group. */
export interface GroupPosture {
  name: string;
  users: number;
  mfaCapable: number;
  passwordlessCapable: number;
  phishingResistant: number;
  smsVoiceOnly: number;
}

export interface MfaPosture {
  schema: typeof POSTURE_SCHEMA;
  /** ISO 8601, when the pass ended. */
  generatedAt: string;
  tenant: { id: string; domain: string; displayName?: string };
  /** Where the figures came from; with `sourceNote` saying why when it is the fallback. */
  source: 'registrationReport' | 'methods';
  sourceNote?: string;
  totals: PostureTotals;
  /** Users with each method registered, by the registration report's method name, most first. */
  methods: { method: string; users: number }[];
  /** The `-by` property and its groups, worst MFA-capable share first; absent without -by. */
  by?: string;
  groups?: GroupPosture[];
  needsAction: {
    adminsWithoutPhishingResistant: NeedsAction;
    smsVoiceOnly: NeedsAction;
    noMfaMethod: NeedsAction;
  };
  /** From `-compare FILE`: the earlier run's time and totals, for the trend. */
  previous?: { generatedAt: string; totals: PostureTotals };
}
