// get-policy: the tenant's authentication methods policy, one record per method configuration
// (docs/graph.md §3). It reads from beta, which holds every configuration type (v1.0 hides
// HardwareOath), through the policy root so one request answers both forms; METHOD is matched
// case-insensitively against the configuration id, any method spelling of the catalogue (tap, whfb, …)
// or an external provider's displayName. set-policy resolves METHOD the same way.
import type { CommandContext, CommandSpec } from '../../runtime/command.js';
import type { GraphClient } from '../../graph/types.js';
import { graphError, graphOf } from './support/client.js';
import { graphRecord, POLICY_PROPERTIES } from './support/records.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';
import { configurationIdOf } from '../../graph/catalogue.js';

export type Configuration = Record<string, unknown> & { id: string; '@odata.type': string };
export const POLICY_PATH = '/policies/authenticationMethodsPolicy';

export async function readConfigurations(ctx: CommandContext, graph: GraphClient): Promise<Configuration[]> {
  try {
    const r = await graph.request<{ authenticationMethodConfigurations?: Configuration[] }>({
      method: 'GET',
      path: POLICY_PATH,
      version: 'beta',
      signal: ctx.signal,
    });
    return r.body.authenticationMethodConfigurations ?? [];
  } catch (e) {
    throw graphError(e, 'authenticationMethodsPolicy', ctx);
  }
}

export function findConfiguration(ctx: CommandContext, configs: Configuration[], name: string): Configuration {
  // A configuration id first (external providers have their own), then every method spelling the catalogue knows.
  const lower = name.trim().toLowerCase();
  const want = (configurationIdOf(name) ?? name).toLowerCase();
  const found =
    configs.find((c) => c.id.toLowerCase() === lower) ??
    configs.find((c) => c.id.toLowerCase() === want) ??
    configs.find((c) => typeof c.displayName === 'string' && c.displayName.toLowerCase() === want);
  if (found) return found;
  const names = configs.map((c) => c.id).join(', ');
  throw invalidArgument(
    ctx,
    `-method '${name}' is not a method configuration of this tenant: expected one of ${names}`,
    name,
  );
}

const getPolicy: CommandSpec = {
  name: 'get-policy',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "Show the tenant's authentication methods policy: one record per method configuration.",
  description:
    'Graph: GET /beta/policies/authenticationMethodsPolicy (beta lists every configuration type). ' +
    permissionHelp('GET', '/policies/authenticationMethodsPolicy') +
    ' ' +
    "Records keep Graph's names: id, @odata.type, state, includeTargets, excludeTargets and the method's own settings. " +
    "METHOD is a configuration id (TemporaryAccessPass, Fido2, …, any case), a short name (tap, fido2, authenticator, …) or an external provider's displayName.",
  input: 'none',
  emits: POLICY_PROPERTIES,
  parameters: [
    {
      name: 'method',
      type: 'string',
      position: 0,
      placeholder: 'METHOD',
      description: 'Only this configuration, e.g. TemporaryAccessPass or tap.',
    },
  ],
  examples: [
    {
      title: 'The Temporary Access Pass limits',
      code: '(get-policy TemporaryAccessPass).maximumLifetimeInMinutes',
      output: [480],
    },
    {
      title: 'Which methods are switched off',
      code: 'get-policy | where state=disabled | foreach { $_.id } | sort',
      output: ['HardwareOath', 'X509Certificate'],
    },
  ],
  async *run(ctx, args) {
    const graph = await graphOf(ctx);
    const configs = await readConfigurations(ctx, graph);
    const only =
      typeof args.method === 'string' && args.method !== '' ? [findConfiguration(ctx, configs, args.method)] : configs;
    for (const c of only) yield graphRecord(c, ['id', 'state']);
  },
};

export default getPolicy;
