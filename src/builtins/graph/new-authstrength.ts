// new-authstrength: create a custom authentication strength (POST
// /policies/authenticationStrengthPolicies, docs/graph.md "Authentication strengths"). -combinations is checked against
// Graph's allowed combinations before anything is sent (support/strength-combinations.ts) and
// sent in Graph's spelling. A POST whose answer was lost is reconciled by finding the strength
// it made (same name and combinations, created since), so it is never made twice.
import type { CommandSpec } from '../../runtime/command.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { commandError } from '../support/errors.js';
import { combinationsOf } from './support/strength-combinations.js';
import { STRENGTHS_PATH, STRENGTH_PROPERTIES, builtInOf, listStrengths, strengthRecord } from './support/strength.js';

type GraphObject = Record<string, unknown>;

const newAuthStrength: CommandSpec = {
  name: 'new-authstrength',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: 'Create a custom authentication strength from combinations of authentication methods.',
  description:
    'Graph: POST /policies/authenticationStrengthPolicies (v1.0) with displayName, description and ' +
    'allowedCombinations. ' +
    permissionHelp('POST', STRENGTHS_PATH) +
    " A combination is one or more modes joined by ',' or '+' in any order, e.g. fido2, 'password,sms' or " +
    "password+push. Modes take Graph's names (password, voice, sms, email, softwareOath, hardwareOath, fido2, " +
    'windowsHelloForBusiness, microsoftAuthenticatorPush, deviceBasedPush, temporaryAccessPassOneTime, ' +
    'temporaryAccessPassMultiUse, x509CertificateSingleFactor, x509CertificateMultiFactor, federatedSingleFactor, ' +
    'federatedMultiFactor) in any case, or push, authenticator, passwordless, whfb, passkey, oath. Only the ' +
    'combinations Graph allows are accepted (see get-authstrength "Multifactor authentication" for most of ' +
    'them); the error for another names the nearest. Takes rows (name, combinations, description) from the ' +
    "pipeline, e.g. from import-csv, where ';' or '|' separates combinations in one cell. Emits the new strength. " +
    'Using it needs Conditional Access ' +
    '(Microsoft Entra ID P1).',
  input: 'item',
  concurrent: true,
  changesState: true,
  emits: STRENGTH_PROPERTIES,
  parameters: [
    {
      name: 'name',
      type: 'string',
      required: true,
      position: 0,
      aliases: ['displayName'],
      fromPipeline: 'property',
      description: 'The display name of the new strength.',
    },
    {
      name: 'combinations',
      type: 'strings',
      required: true,
      aliases: ['allowedCombinations'],
      fromPipeline: 'property',
      placeholder: 'COMBINATION',
      description:
        "The allowed combinations, e.g. fido2, whfb, 'password+hardwareOath' (or 'fido2; whfb' in one text).",
    },
    {
      name: 'description',
      type: 'string',
      fromPipeline: 'property',
      description: 'What the strength is for.',
    },
  ],
  examples: [
    {
      title: 'A strength for security keys and Windows Hello',
      code: "new-authstrength 'Keys and Hello' -combinations fido2, whfb | foreach { $_.allowedCombinations -join ' | ' }",
      output: ['fido2 | windowsHelloForBusiness'],
    },
    {
      title: "Friendly names are sent in Graph's spelling",
      code: "new-authstrength 'OTP with a password' -combinations 'password+oath', 'hardwareOath,password' -whatif",
      output: [],
    },
  ],
  async *run(ctx, args) {
    const name = String(args.name ?? '').trim();
    if (!name) throw commandError(ctx, 'MissingArgument', '-name is empty: give the display name of the strength');
    if (builtInOf(name))
      throw commandError(
        ctx,
        'InvalidArgument',
        `'${name}' is the name of a built-in strength: choose another name`,
        name,
      );
    const allowedCombinations = combinationsOf(ctx, args.combinations);
    const body: GraphObject = { displayName: name, allowedCombinations };
    if (typeof args.description === 'string') body.description = args.description;
    const client = await graphOf(ctx);
    const same = (p: GraphObject, since: number | undefined) =>
      p.displayName === name &&
      p.policyType === 'custom' &&
      JSON.stringify(p.allowedCombinations) === JSON.stringify(allowedCombinations) &&
      (since === undefined || Date.parse(String(p.createdDateTime)) >= Math.floor(since / 1000) * 1000);
    const r = await change<GraphObject>(ctx, client, {
      method: 'POST',
      path: STRENGTHS_PATH,
      version: 'v1.0',
      body,
      reconcile: async (since) => {
        const found = (await listStrengths(ctx, client)).find((p) => same(p, since));
        return found ? { status: 201, headers: {}, body: found, requestId: '' } : undefined;
      },
    });
    if (r) yield strengthRecord(r.body);
  },
};

export default newAuthStrength;
