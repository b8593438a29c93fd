// new-hardware-token (beta): adds hardware OATH tokens to the tenant's inventory, one POST a
// token — from parameters, or from the rows of a vendor's CSV piped in (`import-csv tokens.csv |
// new-hardware-token`: serialNumber/serial, secretKey/secret, timeInterval(InSeconds),
// manufacturer, model, hashFunction, and an optional upn/assignTo column). -assignTo (or the
// column) assigns the token in the same request; a UPN is resolved to the user's id in groups
// of 15 (user-lookup.ts). The secret key is a secret parameter: the policy learns it when it is
// bound (a CSV cell too) and masks it everywhere, -whatif included; Graph never returns it.
import type { CommandSpec } from '../../runtime/command.js';
import { ShellRecord } from '../../runtime/record.js';
import { toText } from '../../runtime/values.js';
import { graphOf } from './support/client.js';
import { change } from './kit/calls.js';
import { permissionHelp } from './kit/permission.js';
import { invalidArgument } from '../support/errors.js';
import { OATH_SECRETS } from './support/secret-properties.js';
import { isGuid, resolveUserIdentity, type UserIdentity } from './support/user.js';
import { lookUpUser } from './support/user-lookup.js';
import { userNotFound } from './support/client.js';
import { INVENTORY, TOKEN_PROPERTIES, tokenRecord, HASH_FUNCTION_PARAM } from './support/hardware-token.js';

type GraphObject = Record<string, unknown>;
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** RFC 4648 Base32: A–Z and 2–7, `=` padding, at least 16 characters (80 bits); spaces are dropped. */
const base32 = (s: string) => s.replace(/\s+/g, '');
const isBase32 = (s: string) => /^[A-Z2-7]{16,}=*$/i.test(base32(s));

/** Who -assignTo (or the row's upn column) names, as an id Graph takes in assignTo. */
async function assignee(
  ctx: Parameters<CommandSpec['run']>[0],
  client: Awaited<ReturnType<typeof graphOf>>,
  v: unknown,
): Promise<UserIdentity> {
  if (v instanceof ShellRecord) return resolveUserIdentity(ctx, client, v);
  const text = toText(v as never).trim();
  if (!isGuid(text) && !text.includes('@')) return resolveUserIdentity(ctx, client, text); // refused: not exact
  const u = await lookUpUser(client, text);
  if (!u) throw userNotFound(ctx, text);
  return { id: String(u.id), userPrincipalName: String(u.userPrincipalName), displayName: String(u.displayName) };
}

const newHardwareToken: CommandSpec = {
  name: 'new-hardware-token',
  needsGraph: true,
  checkpointed: true,
  finishesInFlightOnStop: true,
  synopsis: "Add hardware OATH tokens (beta) to the tenant's inventory, from parameters or a vendor's CSV rows.",
  description:
    'Graph (beta): POST /directory/authenticationMethodDevices/hardwareOathDevices with {serialNumber, manufacturer, ' +
    'model, secretKey, timeIntervalInSeconds, hashFunction, displayName, assignTo}. Pipe the rows of the CSV the ' +
    "vendor sent (import-csv tokens.csv | new-hardware-token): the columns bind by name (serialNumber or 'serial " +
    "number', secretKey or 'secret key', timeIntervalInSeconds or 'time interval', manufacturer, model, " +
    'hashFunction, and upn or assignTo to assign the token in the same request). The secret key (Base32) is a ' +
    'secret: never shown, logged or kept in history, transcript or checkpoint; Graph never returns it. A serial ' +
    'number already in the inventory is refused. Emits the token record (status available, or assigned). Hardware ' +
    'OATH tokens are a preview (beta) feature. ' +
    permissionHelp('POST', INVENTORY),
  input: 'item',
  emits: TOKEN_PROPERTIES,
  secretProperties: OATH_SECRETS,
  concurrent: true,
  changesState: true,
  parameters: [
    {
      name: 'serialNumber',
      type: 'string',
      required: true,
      aliases: ['serial', 'serial number'],
      fromPipeline: 'property',
      placeholder: 'SERIAL',
      description: 'The serial number printed on the token.',
    },
    {
      name: 'secretKey',
      type: 'string',
      required: true,
      secret: true,
      aliases: ['secret', 'secret key'],
      fromPipeline: 'property',
      placeholder: 'BASE32',
      description: "The token's secret key from the vendor, in Base32 (A–Z, 2–7).",
    },
    {
      name: 'timeIntervalInSeconds',
      type: 'int',
      aliases: ['timeInterval', 'time interval', 'interval'],
      fromPipeline: 'property',
      placeholder: 'SECONDS',
      description: 'How often the code changes: 30 (default) or 60 seconds.',
    },
    {
      name: 'manufacturer',
      type: 'string',
      required: true,
      fromPipeline: 'property',
      placeholder: 'NAME',
      description: "The token's manufacturer.",
    },
    {
      name: 'model',
      type: 'string',
      required: true,
      fromPipeline: 'property',
      placeholder: 'NAME',
      description: "The token's model.",
    },
    {
      ...HASH_FUNCTION_PARAM,
      fromPipeline: 'property',
      description: 'The HMAC of its codes: hmacsha1 (default) or hmacsha256.',
    },
    {
      name: 'displayName',
      type: 'string',
      fromPipeline: 'property',
      placeholder: 'NAME',
      description: 'A name for the token (optional).',
    },
    {
      name: 'assignTo',
      type: 'any',
      aliases: ['upn', 'userPrincipalName'],
      fromPipeline: 'property',
      placeholder: 'USER',
      description:
        'Assign it to this user in the same request: an id or an exact userPrincipalName (a CSV upn column).',
    },
  ],
  examples: [
    {
      title: 'Add one token and show its status',
      code:
        "new-hardware-token -serial TOTP300001 -secretKey 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' -manufacturer Contoso " +
        "-model 'Hardware Token 1000' | foreach { $_.status }",
      output: ['available'],
    },
    {
      title: 'Add one and assign it in the same request',
      code:
        "new-hardware-token -serial TOTP300002 -secret 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ' -manufacturer Contoso " +
        "-model 'Hardware Token 1000' -assignTo CameronW@contoso.com | " +
        'foreach { "$($_.status) $($_.userPrincipalName)" }',
      output: ['assigned CameronW@contoso.com'],
    },
    {
      title: "Load the vendor's box (CSV with a upn column to assign)",
      code: 'import-csv tokens.csv | new-hardware-token',
    },
  ],
  async *run(ctx, args) {
    const serialNumber = String(args.serialNumber);
    const secretKey = String(args.secretKey);
    // The messages never repeat the secret.
    if (!isBase32(secretKey))
      throw invalidArgument(
        ctx,
        `-secretKey of token ${serialNumber} is not valid: expected Base32 (A–Z and 2–7, at least 16 characters; ` +
          `got ${base32(secretKey).length} characters)`,
        undefined,
        'secretKey',
      );
    const interval = args.timeIntervalInSeconds ?? 30;
    if (interval !== 30 && interval !== 60)
      throw invalidArgument(ctx, `-timeIntervalInSeconds ${String(interval)} is not valid: expected 30 or 60`);
    const client = await graphOf(ctx);
    const given = args.assignTo;
    const who = given === undefined || given === null || given === '' ? undefined : await assignee(ctx, client, given);
    const body: GraphObject = {
      ...(typeof args.displayName === 'string' && args.displayName !== '' ? { displayName: args.displayName } : {}),
      serialNumber,
      manufacturer: args.manufacturer,
      model: args.model,
      secretKey: base32(secretKey).toUpperCase(),
      timeIntervalInSeconds: interval,
      hashFunction: args.hashFunction ?? 'hmacsha1',
      ...(who ? { assignTo: { id: who.id } } : {}),
    };
    // A lost answer: the serial number is unique, so finding it means the POST was made.
    const reconcile = async () => {
      const query = { $filter: `serialNumber eq ${quoted(serialNumber)}` };
      const r = await client.request<{ value?: GraphObject[] }>({
        method: 'GET',
        path: INVENTORY,
        version: 'beta',
        query,
      });
      const found = r.body?.value?.[0];
      return found ? { status: 201, headers: {}, body: found, requestId: r.requestId } : undefined;
    };
    // Tokens are resources of their own: keyed by serial number, their POSTs go out batched together.
    const orderKey = `hardwareOathDevice:${serialNumber}`;
    const req = { method: 'POST' as const, path: INVENTORY, version: 'beta' as const, body, reconcile, orderKey };
    const r = await change<GraphObject>(ctx, client, req);
    if (r) yield tokenRecord(r.body, who ?? null);
  },
};

export default newHardwareToken;
