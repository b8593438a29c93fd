// remove-authstrength: delete a custom authentication strength (DELETE
// /policies/authenticationStrengthPolicies/{id}, docs/graph.md "Authentication strengths"). Graph refuses to delete a
// built-in strength or one a Conditional Access policy references; the command says so first and
// in the user's terms — a built-in before any request, one in use naming the policies that use
// it (from the usage function) — and asks before deleting, naming the strength.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { commandError } from '../support/errors.js';
import { builtInError, builtInOf, findStrength, strengthPath, usageOf, STRENGTH_PARAM } from './support/strength.js';

const removeAuthStrength: CommandSpec = {
  name: 'remove-authstrength',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Delete a custom authentication strength that no Conditional Access policy uses.',
  description:
    'Graph: GET …/{id}/usage, then DELETE /policies/authenticationStrengthPolicies/{id} (v1.0). ' +
    permissionHelp('DELETE', '/policies/authenticationStrengthPolicies/{id}') +
    " STRENGTH is an id or an exact display name; it binds from a strength record's id. Microsoft's built-in " +
    'strengths cannot be deleted (refused before any request). A strength that Conditional Access policies ' +
    'reference cannot be deleted either: the error names those policies; point them at another strength first. ' +
    'Asks first in a session, naming the strength. Emits nothing.',
  input: 'item',
  concurrent: true,
  changesState: true,
  destructive: true,
  parameters: [STRENGTH_PARAM],
  examples: [
    {
      title: 'Create a strength and delete it again',
      code:
        "new-authstrength 'Trial' -combinations fido2 | remove-authstrength\n" +
        "@(get-authstrength | where displayName -eq 'Trial').count",
      output: [0],
    },
    {
      title: 'A strength in use cannot be deleted: the error names the policies using it',
      code: "try { remove-authstrength 'Contoso security keys' } catch { $_.code }",
      output: ['StrengthInUse'],
    },
  ],
  async *run(ctx, args) {
    const ref = String(args.strength).trim();
    const known = builtInOf(ref);
    if (known) throw builtInError(ctx, known, 'deleted');
    const client = await graphOf(ctx);
    const strength = await findStrength(ctx, client, ref);
    const id = String(strength.id);
    const label = `'${String(strength.displayName)}' (${id})`;
    if (strength.policyType === 'builtIn')
      throw builtInError(ctx, { id, displayName: String(strength.displayName) }, 'deleted');
    const users = await usageOf(ctx, client, id);
    if (users.length) {
      const names = users.map((u) => `'${String(u.get('displayName'))}' (${String(u.get('id'))})`).join(', ');
      throw commandError(
        ctx,
        'StrengthInUse',
        `${label} is used by ${users.length} Conditional Access ${users.length === 1 ? 'policy' : 'policies'}: ` +
          `${names}; change their grant controls to another strength, then remove it`,
        id,
      );
    }
    if (ctx.confirm && !(await ctx.confirm(`Delete the authentication strength ${label}?`))) return;
    await change(ctx, client, { method: 'DELETE', path: strengthPath(id), version: 'v1.0' });
    yield* [];
  },
};

export default removeAuthStrength;
