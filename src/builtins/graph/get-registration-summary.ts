// get-registration-summary: the tenant-wide registration counts, one record per feature or per
// method (GET reports/authenticationMethods/usersRegisteredByFeature(…) / usersRegisteredByMethod(…),
// v1.0, docs/graph.md §4 and §4a "Usage reports"). -userType and -roles are the functions'
// includedUserTypes and includedUserRoles, with Graph's values (the binder refuses others).
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { graphOf } from './support/client.js';
import { read } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { PREMIUM_LICENCE } from '../../graph/permissions.js';

const BASE = '/reports/authenticationMethods';
export const USER_TYPES = ['all', 'member', 'guest'];
export const USER_ROLES = ['all', 'privilegedAdmin', 'admin', 'user'];

interface FeatureSummary {
  totalUserCount?: number;
  userTypes?: string;
  userRoles?: string;
  userRegistrationFeatureCounts?: { feature: string; userCount: number }[];
  userRegistrationMethodCounts?: { authenticationMethod: string; userCount: number }[];
}

const getRegistrationSummary: CommandSpec = {
  name: 'get-registration-summary',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: 'How many users registered each method, or are capable of each feature (MFA, SSPR, passwordless).',
  description:
    'Graph: GET /reports/authenticationMethods/' +
    "usersRegisteredByFeature(includedUserTypes='…',includedUserRoles='…') " +
    'for -by feature, usersRegisteredByMethod(…) for -by method (v1.0). ' +
    permissionHelp('GET', `${BASE}/usersRegisteredByFeature`) +
    ` (requires ${PREMIUM_LICENCE}: without it the error's code is LicenseRequired.) ` +
    "One record per row, type 'registrationSummary': by, feature (ssprRegistered, ssprEnabled, ssprCapable, " +
    'passwordlessCapable, mfaCapable) and totalUserCount, or method (password, mobilePhone, fido2, …), then ' +
    "userCount, userTypes and userRoles. -roles privilegedAdmin counts Graph's documented privileged roles " +
    '(Global, Security, Conditional Access, Exchange, SharePoint, Helpdesk, Billing, User and Authentication ' +
    'Administrator); admin counts any admin role.',
  input: 'none',
  emits: ['type', 'by', 'feature', 'method', 'userCount', 'totalUserCount', 'userTypes', 'userRoles'],
  parameters: [
    {
      name: 'by',
      type: 'string',
      required: true,
      values: ['feature', 'method'],
      valueAliases: { feature: ['features'], method: ['methods'] },
      description: 'feature: users capable of MFA, SSPR, passwordless; method: users registered per method.',
    },
    {
      name: 'userType',
      type: 'string',
      values: USER_TYPES,
      valueAliases: { member: ['members'], guest: ['guests'] },
      description: 'Which users to count: all (default), member or guest.',
    },
    {
      name: 'roles',
      type: 'string',
      values: USER_ROLES,
      valueAliases: { privilegedAdmin: ['privileged'], admin: ['admins'], user: ['users'] },
      description:
        'Which users to count by their roles: all (default), privilegedAdmin, admin or user (no admin role).',
    },
  ],
  examples: [
    {
      title: 'How many users can do MFA',
      code: "get-registration-summary -by feature | where feature -eq 'mfaCapable' | foreach { $_.userCount }",
      output: [10],
    },
    {
      title: 'Users registered per method, members only',
      code:
        'get-registration-summary -by method -userType member | where userCount -gt 2 | ' +
        'foreach { "$($_.method)=$($_.userCount)" }',
      output: ['password=13', 'mobilePhone=4', 'email=3', 'microsoftAuthenticatorPush=4', 'fido2=3'],
    },
    {
      title: 'Admins only',
      code: 'get-registration-summary -by feature -roles admin | first | foreach { $_.totalUserCount }',
      output: [1],
    },
  ],
  async *run(ctx, args) {
    const by = args.by === 'method' ? 'method' : 'feature';
    const userTypes = typeof args.userType === 'string' ? args.userType : 'all';
    const userRoles = typeof args.roles === 'string' ? args.roles : 'all';
    const fn = by === 'feature' ? 'usersRegisteredByFeature' : 'usersRegisteredByMethod';
    const client = await graphOf(ctx);
    const { body } = await read<FeatureSummary>(ctx, client, {
      path: `${BASE}/${fn}(includedUserTypes='${userTypes}',includedUserRoles='${userRoles}')`,
    });
    const common = { userTypes: body.userTypes ?? userTypes, userRoles: body.userRoles ?? userRoles };
    if (by === 'feature') {
      for (const c of body.userRegistrationFeatureCounts ?? [])
        yield new ShellRecord({
          type: 'registrationSummary',
          by,
          feature: c.feature,
          userCount: c.userCount,
          totalUserCount: body.totalUserCount ?? null,
          ...common,
        });
      return;
    }
    for (const c of body.userRegistrationMethodCounts ?? [])
      yield new ShellRecord({
        type: 'registrationSummary',
        by,
        method: c.authenticationMethod,
        userCount: c.userCount,
        ...common,
      });
  },
};

export default getRegistrationSummary;
