// set-authstrength: change a custom authentication strength (docs/graph.md "Authentication strengths"). Graph splits
// the change in two: PATCH …/{id} takes only displayName and description, and the combinations
// go through POST …/{id}/updateAllowedCombinations. A built-in strength is refused before any
// request (its ids and names are fixed); combinations are checked as new-authstrength does.
// Changing the combinations of a strength Conditional Access uses is allowed, and warned about.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { missingArgument } from '../support/errors.js';
import { combinationsOf } from './support/strength-combinations.js';
import {
  builtInError,
  builtInOf,
  findStrength,
  strengthPath,
  strengthRecord,
  STRENGTH_PROPERTIES,
  STRENGTH_PARAM,
} from './support/strength.js';

type GraphObject = Record<string, unknown>;

const setAuthStrength: CommandSpec = {
  name: 'set-authstrength',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Rename a custom authentication strength, change its description, or change what it accepts.',
  description:
    'Graph: PATCH /policies/authenticationStrengthPolicies/{id} (v1.0) with displayName / description, and POST ' +
    '…/{id}/updateAllowedCombinations for -combinations (Graph takes combinations only there). ' +
    permissionHelp('PATCH', '/policies/authenticationStrengthPolicies/{id}') +
    " STRENGTH is an id or an exact display name; it binds from a strength record's id. Microsoft's built-in " +
    'strengths cannot be changed: that is refused before any request. -combinations replaces the whole list ' +
    '(as new-authstrength takes it); when Conditional Access policies use the strength, a warning names them. ' +
    'Emits nothing unless -passthru.',
  input: 'item',
  concurrent: true,
  changesState: true,
  emits: STRENGTH_PROPERTIES,
  parameters: [
    STRENGTH_PARAM,
    { name: 'name', type: 'string', aliases: ['displayName'], description: 'The new display name.' },
    { name: 'description', type: 'string', description: 'The new description.' },
    {
      name: 'combinations',
      type: 'strings',
      placeholder: 'COMBINATION',
      description: "The new allowed combinations (replacing the old), e.g. fido2, 'password+push'.",
    },
    { name: 'passthru', type: 'switch', description: 'Emit the strength as it is after the change.' },
  ],
  examples: [
    {
      title: 'Let the finance strength also accept Authenticator passwordless sign-in',
      code:
        "set-authstrength 'Contoso security keys' -combinations fido2, whfb, passwordless -passthru | " +
        "foreach { $_.allowedCombinations -join ' | ' }",
      output: ['fido2 | windowsHelloForBusiness | deviceBasedPush'],
    },
    {
      title: 'Rename it',
      code: "set-authstrength 'Contoso security keys' -name 'Finance sign-in' -whatif",
      output: [],
    },
  ],
  async *run(ctx, args) {
    const ref = String(args.strength).trim();
    const known = builtInOf(ref);
    if (known) throw builtInError(ctx, known, 'changed');
    const patch: GraphObject = {};
    if (typeof args.name === 'string') patch.displayName = args.name;
    if (typeof args.description === 'string') patch.description = args.description;
    const combos = args.combinations === undefined ? undefined : combinationsOf(ctx, args.combinations);
    if (Object.keys(patch).length === 0 && !combos)
      throw missingArgument(ctx, `nothing to change for '${ref}': give -name, -description or -combinations`, ref);
    const client = await graphOf(ctx);
    const strength = await findStrength(ctx, client, ref);
    const id = String(strength.id);
    if (strength.policyType === 'builtIn')
      throw builtInError(ctx, { id, displayName: String(strength.displayName) }, 'changed');
    const label = `'${String(strength.displayName)}' (${id})`;
    if (ctx.confirm && !(await ctx.confirm(`Change the authentication strength ${label}?`))) return;
    let changed = false;
    if (Object.keys(patch).length) {
      const r = await change(ctx, client, { method: 'PATCH', path: strengthPath(id), version: 'v1.0', body: patch });
      changed = r !== undefined;
    }
    if (combos) {
      const r = await change<{ conditionalAccessReferences?: string[]; previousCombinations?: string[] }>(ctx, client, {
        method: 'POST',
        path: `${strengthPath(id)}/updateAllowedCombinations`,
        version: 'v1.0',
        body: { allowedCombinations: combos },
        idempotent: true,
      });
      changed ||= r !== undefined;
      const refs = r?.body?.conditionalAccessReferences ?? [];
      if (refs.length)
        ctx.host.warn(
          `set-authstrength: ${label} is used by ${refs.length} Conditional Access ${refs.length === 1 ? 'policy' : 'policies'} ` +
            `(${refs.join(', ')}); the change applies to them now. It accepted before: ` +
            `${(r?.body?.previousCombinations ?? []).join(' | ')}`,
        );
    }
    if (changed && args.passthru === true) yield strengthRecord(await findStrength(ctx, client, id));
  },
};

export default setAuthStrength;
