// set-policy: changes one method configuration of the tenant's authentication methods policy
// (PATCH …/authenticationMethodConfigurations/{id}, docs/graph.md §3). Graph requires the
// configuration's `@odata.type` in the body, so the configuration is read first (which also
// resolves METHOD case-insensitively and keeps existing target settings such as Sms's
// isUsableForSignIn for groups already targeted). -setting values are typed: numbers and
// booleans are sent as JSON numbers and booleans, since Graph rejects "true" for a boolean.
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { toPlain, toText } from '../../runtime/values.js';
import { POLICY_PATH, findConfiguration, readConfigurations, type Configuration } from './get-policy.js';
import { graphError, graphOf } from './support/client.js';
import { graphRecord } from './support/records.js';
import { whatIf } from './support/whatif.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument, missingArgument } from '../support/errors.js';

import { TARGET_SETTINGS, retarget, type Target } from './support/policy-targets.js';

/** Targets for these group ids, keeping what the configuration already says about each one. */
function targets(current: unknown, ids: string[], extra: Record<string, unknown>): Target[] {
  const existing = Array.isArray(current) ? (current as Target[]) : [];
  return ids.map(
    (id) =>
      existing.find((t) => String(t.id).toLowerCase() === id.toLowerCase()) ?? { id, targetType: 'group', ...extra },
  );
}

/** A -setting value as JSON: true/false, numbers, JSON arrays/objects, else text. */
function typed(v: unknown): unknown {
  if (typeof v !== 'string') return toPlain(v);
  const s = v.trim();
  if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true';
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  if (/^[[{]/.test(s)) {
    try {
      return JSON.parse(s);
    } catch {
      return v;
    }
  }
  return v;
}

/**
 * -setting as name → value: 'name=value' texts or one record; names take the configuration's spelling.
 * A target property (isUsableForSignIn) goes to `onTargets`, to be set on the include targets.
 */
function settings(
  ctx: CommandContext,
  raw: unknown,
  config: Configuration,
  onTargets: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (name: string, value: unknown) => {
    const onTarget = TARGET_SETTINGS.get(name.toLowerCase());
    if (onTarget && !(name in config)) return void (onTargets[onTarget] = typed(value));
    const spelled = Object.keys(config).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
    out[spelled] = typed(value);
  };
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  for (const s of list) {
    if (s instanceof ShellRecord) {
      for (const [k, v] of s) put(k, v);
      continue;
    }
    const m = /^\s*([A-Za-z][\w]*)\s*=(.*)$/s.exec(toText(s));
    if (!m)
      throw invalidArgument(
        ctx,
        `-setting '${toText(s)}' is not valid: expected name=value, e.g. 'defaultLifetimeInMinutes=120' (quoted), or @{ name = value }`,
      );
    put(m[1]!, m[2]!);
  }
  return out;
}

const setPolicy: CommandSpec = {
  name: 'set-policy',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Change one method configuration of the authentication methods policy.',
  description:
    'Graph: PATCH /beta/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id} with its @odata.type. ' +
    permissionHelp('PATCH', '/policies/authenticationMethodsPolicy/authenticationMethodConfigurations/{id}') +
    ' -include and -exclude replace the target lists with these groups ' +
    "('all_users' is every user). -usableForSignIn $true|$false (Sms) sets isUsableForSignIn on the include targets " +
    "of -target (default: all of them). -setting takes quoted 'name=value' texts or a record; values are typed; " +
    'isUsableForSignIn and isRegistrationRequired are set on the include targets. Emits nothing unless -passthru.',
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [
    {
      name: 'method',
      type: 'string',
      position: 0,
      required: true,
      aliases: ['id'],
      fromPipeline: 'property',
      placeholder: 'METHOD',
      description:
        "The configuration: its id (any case), a short name such as tap, or an external provider's displayName; binds from a policy record's id.",
    },
    {
      name: 'state',
      type: 'string',
      values: ['enabled', 'disabled'],
      description: 'Switch the method on or off for the tenant.',
    },
    {
      name: 'include',
      type: 'strings',
      placeholder: 'GROUP',
      description: "Group ids the method applies to ('all_users' for everyone); replaces includeTargets.",
    },
    {
      name: 'exclude',
      type: 'strings',
      placeholder: 'GROUP',
      description: 'Group ids the method never applies to; replaces excludeTargets.',
    },
    {
      name: 'usableForSignIn',
      type: 'string',
      values: ['true', 'false'],
      description:
        'Sms only: whether a texted code can be a sign-in (isUsableForSignIn on each include target of -target), ' +
        'not only a second factor.',
    },
    {
      name: 'target',
      type: 'strings',
      placeholder: 'GROUP',
      description:
        "The include targets -usableForSignIn applies to ('all_users' for everyone; added when not yet included); " +
        'default: every current include target.',
    },
    {
      name: 'setting',
      type: 'any',
      placeholder: "'NAME=VALUE'",
      description:
        "Method settings, e.g. 'maximumLifetimeInMinutes=240' or @{ isUsableOnce = $true }; 'isUsableForSignIn=true' " +
        '(Sms) is set on the include targets.',
    },
    { name: 'passthru', type: 'switch', description: 'Emit the configuration as it is after the change.' },
  ],
  examples: [
    {
      title: 'Allow Temporary Access Passes of up to 8 hours',
      code: "set-policy TemporaryAccessPass -setting 'maximumLifetimeInMinutes=480' -passthru | foreach { $_.maximumLifetimeInMinutes }",
      output: [480],
    },
    {
      title: 'Let every user sign in with a texted code (then enable-smssignin works)',
      code:
        'set-policy sms -usableForSignIn $true -target all_users -passthru | foreach { $_.includeTargets } | ' +
        'foreach { "$($_.id) $($_.isUsableForSignIn)" }',
      output: ['all_users True'],
    },
    {
      title: 'The same as a setting: it is set on the include targets',
      code: "set-policy sms -setting 'isUsableForSignIn=true' -whatif",
      output: [],
    },
    {
      title: 'Show the request for switching hardware OATH on',
      code: 'set-policy HardwareOath -state enabled -include all_users -whatif',
    },
  ],
  async *run(ctx, args) {
    const graph = await graphOf(ctx);
    const name = String(args.method);
    const config = findConfiguration(ctx, await readConfigurations(ctx, graph), name);
    const body: Record<string, unknown> = { '@odata.type': config['@odata.type'] };
    if (typeof args.state === 'string') body.state = args.state;
    if (Array.isArray(args.include))
      body.includeTargets = targets(config.includeTargets, args.include as string[], { isRegistrationRequired: false });
    if (Array.isArray(args.exclude)) body.excludeTargets = targets(config.excludeTargets, args.exclude as string[], {});
    const onTargets: Record<string, unknown> = {};
    Object.assign(body, settings(ctx, args.setting, config, onTargets));
    if (typeof args.usableForSignIn === 'string') {
      if (String(config.id).toLowerCase() !== 'sms')
        throw invalidArgument(ctx, `-usableForSignIn applies only to the Sms configuration, not '${config.id}'`);
      onTargets.isUsableForSignIn = args.usableForSignIn === 'true';
    }
    const ids = Array.isArray(args.target) ? (args.target as string[]) : undefined;
    if (ids && Object.keys(onTargets).length === 0)
      throw missingArgument(
        ctx,
        '-target names the include targets -usableForSignIn applies to: give -usableForSignIn',
        name,
      );
    if (Object.keys(onTargets).length > 0)
      body.includeTargets = retarget(body.includeTargets ?? config.includeTargets, ids, onTargets);
    if (Object.keys(body).length === 1) {
      throw missingArgument(
        ctx,
        `nothing to change for '${config.id}': give -state, -include, -exclude, -usableForSignIn or -setting`,
        name,
      );
    }
    const path = `${POLICY_PATH}/authenticationMethodConfigurations/${encodeURIComponent(config.id)}`;
    const req = {
      method: 'PATCH' as const,
      path,
      version: 'beta' as const,
      body,
      audit: { command: ctx.command.name },
      signal: ctx.signal,
    };
    const what = Object.keys(body)
      .filter((k) => k !== '@odata.type')
      .join(', ');
    if (
      ctx.confirm &&
      !(await ctx.confirm(
        `Change ${what} of the ${String(config.id)} method configuration (tenant-wide authentication methods policy)?`,
      ))
    )
      return;
    if (whatIf(ctx, graph, req)) return;
    try {
      await graph.request(req);
      if (args.passthru !== true) return;
      const r = await graph.request<Record<string, unknown>>({
        method: 'GET',
        path,
        version: 'beta',
        signal: ctx.signal,
      });
      yield graphRecord(r.body, ['id', 'state']);
    } catch (e) {
      throw graphError(e, ctx.item ?? config.id, ctx);
    }
  },
};

export default setPolicy;
