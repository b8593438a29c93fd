// get-authstrength: the tenant's authentication strengths (docs/graph.md "Authentication strengths") — Microsoft's three
// built-ins and the custom ones — as typed records. NAME|ID is an id, an exact display name
// (any case) or the start of display names; -usage adds `usedBy`, the Conditional Access
// policies that reference each strength, from Graph's usage function.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { permissionHelp } from './kit/permission.js';
import { commandError } from '../support/errors.js';
import {
  STRENGTHS_PATH,
  STRENGTH_PROPERTIES,
  findStrength,
  isId,
  listStrengths,
  strengthRecord,
  usageOf,
} from './support/strength.js';

type GraphObject = Record<string, unknown>;

const getAuthStrength: CommandSpec = {
  name: 'get-authstrength',
  needsGraph: true,
  checkpointed: false,
  finishesInFlightOnStop: true,
  synopsis: "List the tenant's authentication strengths (built-in and custom), or one by name or id.",
  description:
    'Graph: GET /policies/authenticationStrengthPolicies (v1.0), and GET …/{id}/usage for -usage. ' +
    permissionHelp('GET', STRENGTHS_PATH) +
    ' Records: type authStrength, displayName, policyType (builtIn | custom), requirementsSatisfied (mfa | none), ' +
    "allowedCombinations (Graph's spelling, modes joined by ','), description, createdDateTime, modifiedDateTime, id; " +
    'with -usage also usedBy: one record per Conditional Access policy using the strength (displayName, ' +
    'requirement mfa | none, id). The built-ins are Multifactor authentication, Passwordless MFA and Phishing ' +
    'resistant MFA (ids 00000000-0000-0000-0000-000000000002, …03, …04). Strengths take effect through ' +
    'Conditional Access, which needs a Microsoft Entra ID P1 licence.',
  input: 'none',
  emits: [...STRENGTH_PROPERTIES, 'usedBy'],
  parameters: [
    {
      name: 'name',
      type: 'string',
      position: 0,
      aliases: ['id'],
      placeholder: 'NAME|ID',
      description: 'An id, an exact display name (any case), or the start of display names.',
    },
    { name: 'builtIn', type: 'switch', description: "Only Microsoft's built-in strengths (read-only)." },
    {
      name: 'usage',
      type: 'switch',
      description: 'Add usedBy: the Conditional Access policies that reference each strength.',
    },
  ],
  examples: [
    {
      title: 'The built-in strengths',
      code: 'get-authstrength -builtIn | foreach { $_.displayName }',
      output: ['Multifactor authentication', 'Passwordless MFA', 'Phishing resistant MFA'],
    },
    {
      title: 'What the phishing-resistant strength accepts',
      code: "get-authstrength 'phishing resistant mfa' | foreach { $_.allowedCombinations -join ' | ' }",
      output: ['windowsHelloForBusiness | fido2 | x509CertificateMultiFactor'],
    },
    {
      title: 'Which Conditional Access policies use a strength',
      code: '(get-authstrength \'Contoso security keys\' -usage).usedBy | foreach { "$($_.requirement): $($_.displayName)" }',
      output: ['none: Finance apps: security key or compliant device'],
    },
  ],
  async *run(ctx, args) {
    const client = await graphOf(ctx);
    const name = typeof args.name === 'string' ? args.name.trim() : '';
    let found: GraphObject[];
    if (name && isId(name)) found = [await findStrength(ctx, client, name)];
    else {
      const all = await listStrengths(ctx, client, args.builtIn === true ? "policyType eq 'builtIn'" : undefined);
      const lower = name.toLowerCase();
      const named = (p: GraphObject) => String(p.displayName ?? '').toLowerCase();
      const exact = all.filter((p) => named(p) === lower);
      found = !name ? all : exact.length ? exact : all.filter((p) => named(p).startsWith(lower));
      if (name && found.length === 0) {
        const names = all.map((p) => `'${String(p.displayName)}'`).join(', ');
        throw commandError(
          ctx,
          'StrengthNotFound',
          `no authentication strength is named '${name}': there are ${names}`,
          name,
        );
      }
    }
    if (args.builtIn === true) found = found.filter((p) => p.policyType === 'builtIn');
    // The usage calls go out together, so the session client sends them in one $batch.
    const usage = args.usage === true ? await Promise.all(found.map((p) => usageOf(ctx, client, String(p.id)))) : [];
    for (const [i, p] of found.entries()) yield strengthRecord(p, usage[i]);
  },
};

export default getAuthStrength;
