// What the hardware OATH token commands share (beta; docs/graph.md "Hardware OATH token
// inventory"): the inventory path, token records (`type` hardwareToken, Graph's names, `userId`
// and `userPrincipalName` of the assignee), the -id and -serial parameters, and finding the
// token they name — in the inventory, or in a user's own list (which needs only the user-method
// permission). A token's id is also the id of the user's hardwareOath method.
import type { CommandContext, ParameterSpec } from '../../../runtime/command.js';
import { ShellRecord } from '../../../runtime/record.js';
import { collectionPath, methodTypeOf } from '../../../graph/catalogue.js';
import type { GraphClient } from '../../../graph/types.js';
import { commandError, missingArgument } from '../../support/errors.js';
import { read } from '../kit/calls.js';
import { graphRecord, withUser, type UserRef } from './records.js';
import { lookUpUser } from './user-lookup.js';

export const INVENTORY = '/directory/authenticationMethodDevices/hardwareOathDevices';
export const HARDWARE_OATH = methodTypeOf('hardwareOath')!;
export const TOKEN_TYPE = 'hardwareToken';

type GraphObject = Record<string, unknown>;

/** The columns a person wants first. */
const VIEW = [
  'serialNumber',
  'displayName',
  'status',
  'manufacturer',
  'model',
  'timeIntervalInSeconds',
  'hashFunction',
];

export const TOKEN_PROPERTIES: readonly string[] = [
  'type',
  ...VIEW,
  'lastUsedDateTime',
  'assignedTo',
  'id',
  'userId',
  'userPrincipalName',
];

const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A token as a record: `type`, the view columns, Graph's other properties, then id and the assignee. */
export function tokenRecord(device: GraphObject, user?: UserRef | null): ShellRecord {
  const r = new ShellRecord([['type', TOKEN_TYPE]]);
  const body = graphRecord(device, VIEW, ['id']);
  // secretKey is left out: Graph returns it null, always.
  const skip = new Set(['type', 'userId', 'userPrincipalName', 'secretKey']);
  for (const [k, v] of body) if (!skip.has(k)) r.set(k, v);
  const assigned = device.assignedTo as { id?: unknown } | null | undefined;
  const id = user?.id ?? (typeof assigned?.id === 'string' ? assigned.id : null);
  return withUser(r, { id: id as string, userPrincipalName: user?.userPrincipalName ?? null });
}

/** A token record naming its assignee's userPrincipalName too (grouped lookups, user-lookup.ts). */
export async function tokenRecordNamed(client: GraphClient, device: GraphObject): Promise<ShellRecord> {
  const assigned = device.assignedTo as { id?: unknown } | null | undefined;
  if (typeof assigned?.id !== 'string') return tokenRecord(device, null);
  const u = await lookUpUser(client, assigned.id);
  const upn = typeof u?.userPrincipalName === 'string' ? u.userPrincipalName : null;
  return tokenRecord(device, { id: assigned.id, userPrincipalName: upn });
}

export const SERIAL_PARAM: ParameterSpec = {
  name: 'serial',
  type: 'string',
  aliases: ['serialNumber', 'serial number'],
  fromPipeline: 'property',
  placeholder: 'SERIAL',
  description: "The token's serial number (as printed on it); binds from a record's serialNumber or serial.",
};

/** The HMAC a token's codes use, in Graph's names and the vendors' (SHA1, HMAC-SHA256). */
export const HASH_FUNCTION_PARAM: ParameterSpec = {
  name: 'hashFunction',
  type: 'string',
  values: ['hmacsha1', 'hmacsha256'],
  valueAliases: { hmacsha1: ['sha1', 'hmac-sha1'], hmacsha256: ['sha256', 'hmac-sha256'] },
  aliases: ['hash'],
  description: 'hmacsha1 or hmacsha256.',
};

export const TOKEN_ID_PARAM: ParameterSpec = {
  name: 'id',
  type: 'string',
  fromPipeline: 'property',
  placeholder: 'ID',
  description: "The token's id; binds from a token record (or a user's hardware-oath record, whose id is the token's).",
};

/** A token id from -id, only when it came from a token or hardware-oath record (a user record's id is the user's). */
function tokenIdOf(ctx: CommandContext, args: Record<string, unknown>): string | undefined {
  const v = args.id;
  if (typeof v !== 'string' || v === '') return undefined;
  const item = ctx.item;
  if (item instanceof ShellRecord && item.get('id') === v) {
    const type = item.get('type');
    if (type !== TOKEN_TYPE && type !== 'hardwareOath') return undefined;
  }
  return v;
}

export interface TokenRef {
  id: string;
  /** What messages call it: its serial number when known. */
  label: string;
  device?: GraphObject;
}

/** The token -id or -serial names, looked up in the inventory (a missing serial is an error naming it). */
export async function tokenInInventory(
  ctx: CommandContext,
  client: GraphClient,
  args: Record<string, unknown>,
): Promise<TokenRef> {
  const id = tokenIdOf(ctx, args);
  const serial = typeof args.serial === 'string' && args.serial !== '' ? args.serial : undefined;
  if (id && !serial) {
    const r = await read<GraphObject>(ctx, client, { path: `${INVENTORY}/${encodeURIComponent(id)}`, version: 'beta' });
    return { id, label: String(r.body.serialNumber ?? id), device: r.body };
  }
  if (!serial) throw missingArgument(ctx, 'give the token by -serial SERIAL or -id ID (or pipe a token record)');
  const query = { $filter: `serialNumber eq ${quoted(serial)}` };
  const r = await read<{ value?: GraphObject[] }>(ctx, client, { path: INVENTORY, version: 'beta', query });
  const found = r.body.value?.[0];
  if (!found) throw notInInventory(ctx, serial);
  return { id: String(found.id), label: serial, device: found };
}

export function notInInventory(ctx: CommandContext, serial: string): Error {
  return commandError(
    ctx,
    'TokenNotFound',
    `no hardware OATH token with serial number '${serial}' in the tenant's inventory (get-hardware-token lists them)`,
    serial,
  );
}

/** The token -id or -serial names among the user's own tokens (GET …/hardwareOathMethods). */
export async function tokenOfUser(
  ctx: CommandContext,
  client: GraphClient,
  userId: string,
  userLabel: string,
  args: Record<string, unknown>,
): Promise<TokenRef> {
  const id = tokenIdOf(ctx, args);
  const serial = typeof args.serial === 'string' && args.serial !== '' ? args.serial : undefined;
  if (!id && !serial) throw missingArgument(ctx, 'give the token by -serial SERIAL or -id ID (or pipe a token record)');
  const query = serial ? { $filter: `device/serialNumber eq ${quoted(serial)}` } : { $filter: `id eq ${quoted(id!)}` };
  const r = await read<{ value?: GraphObject[] }>(ctx, client, {
    path: collectionPath(userId, HARDWARE_OATH),
    version: 'beta',
    query,
  });
  const found = r.body.value?.[0];
  if (!found) {
    throw commandError(
      ctx,
      'TokenNotFound',
      `${userLabel} has no hardware OATH token ${serial ? `with serial number '${serial}'` : `with id ${id}`} ` +
        '(get-hardware-token -user lists theirs; assign-hardware-token assigns one)',
      serial ?? id,
    );
  }
  const device = (found.device ?? {}) as GraphObject;
  return { id: String(found.id), label: String(device.serialNumber ?? serial ?? found.id), device };
}
