// get-usage-summary: the beta authentication methods usage reports (docs/graph.md §4a "Usage
// reports"), one record per row. -kind picks the report: mfa (userMfaSignInSummary, MFA vs
// single-factor sign-ins per day), methods (userSignInsByAuthMethodSummary(period), successful
// sign-ins per method), events (userEventsSummary, registration and reset events, every page)
// and resets (userPasswordResetsAndChangesSummary, per day). -days is the methods report's
// period (d1, d7, d30); on the others it keeps the rows of the last N days (Graph takes no window).
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { graphError, graphOf } from './support/client.js';
import { read } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { badArgument } from '../support/errors.js';
import { PREMIUM_LICENCE } from '../../graph/permissions.js';

const BASE = '/reports/authenticationMethods';
const DAY_MS = 86_400_000;
export const USAGE_KINDS = ['mfa', 'methods', 'events', 'resets'];

type Row = Record<string, unknown>;

/** What each kind reads and which of its row's properties say when the row happened. */
const REPORTS: Record<string, { path: (days: number) => string; when?: string; props: readonly string[] }> = {
  mfa: {
    path: () => `${BASE}/userMfaSignInSummary`,
    when: 'createdDateTime',
    props: ['createdDateTime', 'totalSignIns', 'singleFactorSignIns', 'multiFactorSignIns'],
  },
  methods: {
    path: (days) => `${BASE}/userSignInsByAuthMethodSummary(period='d${days}')`,
    props: ['authenticationMethod', 'successActivityCount'],
  },
  events: {
    path: () => `${BASE}/userEventsSummary`,
    when: 'eventDateTime',
    props: ['feature', 'authMethod', 'isSuccess', 'failureReason', 'eventDateTime', 'userDisplayName'],
  },
  resets: {
    path: () => `${BASE}/userPasswordResetsAndChangesSummary`,
    when: 'aggregatedDateTime',
    props: [
      'aggregatedDateTime',
      'passwordResetsByAdminCount',
      'passwordResetsSelfServiceCount',
      'changePasswordSelfServiceCount',
    ],
  },
};

function record(kind: string, row: Row, days: number | null): ShellRecord {
  const r = new ShellRecord({ type: 'usageSummary', kind });
  for (const p of REPORTS[kind]!.props) r.set(p, row[p] ?? null);
  if (kind === 'methods') r.set('days', days);
  // userEventsSummary's id is the user's object id.
  if (kind === 'events') {
    r.set('userId', row.id ?? null);
    r.set('userPrincipalName', row.userPrincipalName ?? null);
  }
  return r;
}

const getUsageSummary: CommandSpec = {
  name: 'get-usage-summary',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis:
    'Sign-in and security-info usage across the tenant: MFA sign-ins, methods used, events, password resets (beta).',
  description:
    'Graph (beta): GET /reports/authenticationMethods/userMfaSignInSummary (-kind mfa), ' +
    "userSignInsByAuthMethodSummary(period='d1|d7|d30') (-kind methods), userEventsSummary (-kind events) and " +
    'userPasswordResetsAndChangesSummary (-kind resets). ' +
    permissionHelp('GET', `${BASE}/userMfaSignInSummary`) +
    ` (requires ${PREMIUM_LICENCE}: without it the error's code is LicenseRequired.) ` +
    "Records have type 'usageSummary' and kind, then Graph's properties: mfa and resets one per day " +
    '(createdDateTime / aggregatedDateTime, the counts), methods one per method (authenticationMethod, ' +
    'successActivityCount, days), events one per event (feature registration|reset, authMethod, isSuccess, ' +
    'failureReason, eventDateTime, userId, userPrincipalName). -days (1, 7 or 30) is the methods period ' +
    '(default 30); for the others it keeps the rows of the last N days (default: all Graph returns).',
  input: 'none',
  emits: [
    'type',
    'kind',
    'createdDateTime',
    'totalSignIns',
    'singleFactorSignIns',
    'multiFactorSignIns',
    'authenticationMethod',
    'successActivityCount',
    'days',
    'feature',
    'authMethod',
    'isSuccess',
    'failureReason',
    'eventDateTime',
    'aggregatedDateTime',
    'passwordResetsByAdminCount',
    'passwordResetsSelfServiceCount',
    'changePasswordSelfServiceCount',
    'userId',
    'userPrincipalName',
  ],
  parameters: [
    {
      name: 'kind',
      type: 'string',
      required: true,
      values: USAGE_KINDS,
      valueAliases: {
        mfa: ['signins', 'mfaSignIns'],
        methods: ['byMethod', 'signInsByMethod'],
        events: ['registrations', 'userEvents'],
        resets: ['passwords', 'passwordResets'],
      },
      placeholder: 'KIND',
      description:
        'mfa: MFA vs single-factor sign-ins per day; methods: successful sign-ins per method; ' +
        'events: registration and reset events; resets: password resets and changes per day.',
    },
    {
      name: 'days',
      type: 'int',
      placeholder: 'N',
      description: '1, 7 or 30: the period of -kind methods (default 30); otherwise only the last N days.',
    },
  ],
  examples: [
    {
      title: 'MFA vs single-factor sign-ins over the last week',
      code:
        '$week = get-usage-summary -kind mfa -days 7\n' +
        '"$(($week | measure multiFactorSignIns).sum) MFA, $(($week | measure singleFactorSignIns).sum) single-factor"',
      output: ['75 MFA, 65 single-factor'],
    },
    {
      title: 'Which methods people signed in with today',
      code:
        'get-usage-summary -kind methods -days 1 | where successActivityCount -gt 0 | ' +
        'foreach { $_.authenticationMethod }',
      output: [
        'password',
        'sms',
        'officePhone',
        'microsoftAuthenticatorPush',
        'oneTimePasscode',
        'windowsHelloForBusiness',
        'fido2SecurityKey',
      ],
    },
    {
      title: "A user's registration events",
      code:
        "get-usage-summary -kind events | where userPrincipalName -eq 'AdeleV@contoso.com' | " +
        "where feature -eq 'registration' | foreach { $_.authMethod }",
      output: ['appNotification', 'mobileSMS', 'email'],
    },
  ],
  async *run(ctx, args) {
    const kind = String(args.kind);
    const given = typeof args.days === 'number' ? args.days : null;
    if (given !== null && ![1, 7, 30].includes(given)) throw badArgument(ctx, 'days', given, '1, 7 or 30');
    const report = REPORTS[kind]!;
    const client = await graphOf(ctx);
    const path = report.path(given ?? 30);
    const cutoff = given === null ? undefined : Math.floor(Date.now() / DAY_MS) * DAY_MS - (given - 1) * DAY_MS;
    const keep = (row: Row) => cutoff === undefined || !report.when || Date.parse(String(row[report.when])) >= cutoff;
    if (kind === 'events') {
      try {
        for await (const row of client.items({ method: 'GET', path, version: 'beta', signal: ctx.signal }))
          if (keep(row as Row)) yield record(kind, row as Row, given);
      } catch (e) {
        throw graphError(e, undefined, ctx);
      }
      return;
    }
    const { body } = await read<{ value?: Row[] }>(ctx, client, { path, version: 'beta' });
    for (const row of body.value ?? []) if (keep(row)) yield record(kind, row, given ?? 30);
  },
};

export default getUsageSummary;
